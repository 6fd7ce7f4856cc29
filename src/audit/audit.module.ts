import { Global, Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLog } from './audit-log.service';
import { SecurityEventsController } from './security-events.controller';
import { SecurityEventsService } from './security-events.service';

@Global()
@Module({
  controllers: [AuditLogController, SecurityEventsController],
  providers: [SecurityEventsService, AuditLog],
  exports: [SecurityEventsService, AuditLog],
})
export class AuditModule {}
