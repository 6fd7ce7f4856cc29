import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { ENTITIES } from '../../src/entities';
import { buildBrowserScripts } from './browser-scripts';
import { DOCUMENT_FILE_VARIABLE, writeServedDocument } from './contract-document';
import { postgresUrl } from './test-database';

/**
 * Compiles the pages' browser scripts, writes the served OpenAPI document every reply is checked against, and on PostgreSQL migrates DATABASE_URL's database once: every spec file
 * clones it as its template.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  buildBrowserScripts();
  process.env[DOCUMENT_FILE_VARIABLE] = writeServedDocument();
  const url = postgresUrl();
  if (!url) return;
  const dataSource = new DataSource(dataSourceOptions({ kind: 'postgres', url: url.toString() }, ENTITIES));
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
}
