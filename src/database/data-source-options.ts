import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import sqlite3 from 'sqlite3';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import type { DatabaseConfig } from '../config/app-config';
import { mapColumnsFor } from './columns';
import { QueryErrorLogger } from './query-error-logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** SQLite connections that only read, beside the one writer: WAL gives each its own committed snapshot. */
const SQLITE_READERS = 2;

/**
 * node-sqlite3 as TypeORM gets it: TypeORM calls `verbose()`, which wraps every statement to capture a stack
 * trace; answering the plain module keeps that cost off every query.
 */
const quietSqlite3 = Object.assign(Object.create(sqlite3) as typeof sqlite3, { verbose: () => sqlite3 });

/** The entity classes of the app, given by the layer above that knows the domains (src/entities.ts). */
export type EntityList = NonNullable<DataSourceOptions['entities']>;

/** One definition of the database for the app, the CLI and the tests; `synchronize` is never on. */
export function dataSourceOptions(database: DatabaseConfig, entities: EntityList): DataSourceOptions {
  mapColumnsFor(database.kind);
  const common = {
    entities,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: ['error' as const],
    logger: new QueryErrorLogger(['error']),
  };
  if (database.kind === 'sqlite') {
    mkdirSync(dirname(database.path), { recursive: true });
    return {
      ...common,
      type: 'sqlite',
      driver: quietSqlite3,
      database: database.path,
      enableWAL: true,
      busyTimeout: 5000,
    };
  }
  return {
    ...common,
    type: 'postgres',
    url: database.url,
    // Pipeline mode: a client writes each statement at once, behind those it has not had answered yet, so a unit of
    // work sends what it does not wait for together with what it does (see postgres-unit).
    extra: { max: 10, connectionTimeoutMillis: 5000, pipeline: true },
  };
}

/** The reader connections' options: the writer's file, no migrations (the writer ran them). */
export function sqliteReaders(writer: DataSourceOptions): DataSourceOptions[] {
  return Array.from({ length: SQLITE_READERS }, (_, i) => ({
    ...writer,
    name: `reader-${i + 1}`,
    migrations: [],
    migrationsRun: false,
  }));
}
