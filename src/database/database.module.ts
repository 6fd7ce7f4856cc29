import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions, EntityList } from './data-source-options';
import { Database } from './database.service';

/** The migrated DataSource and the Database over it, for the entities the app module names. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config.database, entities),
            migrationsRun: true,
            retryAttempts: config.nodeEnv === 'test' ? 0 : 5,
            retryDelay: 2000,
          }),
        }),
      ],
      providers: [
        {
          provide: Database,
          inject: [DataSource, AppConfig],
          useFactory: (dataSource: DataSource, config: AppConfig) =>
            new Database(dataSource, { checkLockOrder: config.nodeEnv !== 'production' }).open(),
        },
      ],
      exports: [Database],
    };
  }
}
