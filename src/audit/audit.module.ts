import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit-log.service';
import { SecurityEventsController } from './security-events.controller';
import { SecurityEventsService } from './security-events.service';

@Global()
@Module({
  controllers: [SecurityEventsController],
  providers: [SecurityEventsService, AuditLog],
  exports: [SecurityEventsService, AuditLog],
})
export class AuditModule {}
