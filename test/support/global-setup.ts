import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { ENTITIES } from '../../src/entities';
import { buildBrowserScripts } from './browser-scripts';
import { postgresUrl } from './test-database';

/**
 * Compiles the pages' browser scripts, and on PostgreSQL migrates DATABASE_URL's database once: every spec file
 * clones it as its template.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  buildBrowserScripts();
  const url = postgresUrl();
  if (!url) return;
  const dataSource = new DataSource(dataSourceOptions({ kind: 'postgres', url: url.toString() }, ENTITIES));
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
}
