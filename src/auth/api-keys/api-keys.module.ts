import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { ApiKeyUsageModule } from './usage/api-key-usage.module';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';

@Module({
  imports: [AuditModule, ApiKeyUsageModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysService, ApiKeyAuthenticator],
  exports: [ApiKeyAuthenticator, ApiKeysService],
})
export class ApiKeysModule {}
