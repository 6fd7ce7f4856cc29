import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { SessionRevocation } from './auth/session-revocation';
import { CommonModule } from './common/common.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ENTITIES } from './entities';
import { EventLogModule } from './event-log/event-log.module';
import { RedisModule } from './redis/redis.module';
import { UsersModule } from './users/users.module';

/**
 * The slice of the app that operator scripts need: configuration, the migrated database, the users service with
 * session revocation, and Redis when configured, so that running instances hear of what a script commits.
 */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        RedisModule,
        DatabaseModule.forRoot(ENTITIES),
        EventLogModule,
        AuditModule,
        UsersModule,
      ],
      // A password reset by create-admin ends the user's sessions, as one through the API does.
      providers: [SessionRevocation],
    };
  }
}
