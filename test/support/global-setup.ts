import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { ENTITIES } from '../../src/entities';
import type { Config } from '@jest/types';
import { startWorkerBrowsers, WORKER_BROWSERS } from './browser';
import { buildBrowserScripts } from './browser-scripts';
import { DOCUMENT_FILE_VARIABLE, writeServedDocument } from './contract-document';
import { postgresUrl, SQLITE_TEMPLATE_VARIABLE } from './test-database';

/**
 * Compiles the pages' browser scripts, writes the served OpenAPI document every reply is checked against, and
 * migrates the template every spec file's database is made from: DATABASE_URL's database on PostgreSQL (cloned
 * with CREATE DATABASE ... TEMPLATE), a temp file on SQLite (copied). Starts one Chromium per worker, closed by the
 * teardown (the two run in one process, which is how the teardown finds them).
 */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  process.env.TZ = 'UTC';
  buildBrowserScripts();
  // A global is what jest carries from its global setup to its teardown.
  Object.assign(globalThis, { [WORKER_BROWSERS]: await startWorkerBrowsers(globalConfig.maxWorkers) });
  process.env[DOCUMENT_FILE_VARIABLE] = writeServedDocument();
  const url = postgresUrl();
  const template = url ? null : join(tmpdir(), `pos-template-${randomBytes(6).toString('hex')}.sqlite`);
  const database = url
    ? { kind: 'postgres' as const, url: url.toString() }
    : { kind: 'sqlite' as const, path: template! };
  const dataSource = new DataSource(dataSourceOptions(database, ENTITIES));
  await dataSource.initialize();
  await dataSource.runMigrations();
  // Closing the last connection checkpoints SQLite's WAL into the file: the file alone is the whole database.
  await dataSource.destroy();
  if (template) process.env[SQLITE_TEMPLATE_VARIABLE] = template;
}
