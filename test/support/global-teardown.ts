import type { BrowserServer } from 'playwright-core';
import { WORKER_BROWSERS } from './browser';
import { postgresUrl, removeSqlite, SQLITE_TEMPLATE_VARIABLE, withMaintenanceClient } from './test-database';

/**
 * Closes the workers' browsers; removes the SQLite template, or drops any spec database that a crashed spec file
 * left behind.
 */
export default async function globalTeardown(): Promise<void> {
  const browsers = (globalThis as Record<string, unknown>)[WORKER_BROWSERS] as
    BrowserServer[] | null | undefined;
  await Promise.all((browsers ?? []).map((server) => server.close()));
  const sqliteTemplate = process.env[SQLITE_TEMPLATE_VARIABLE];
  if (sqliteTemplate) removeSqlite(sqliteTemplate);
  const url = postgresUrl();
  if (!url) return;
  const template = url.pathname.slice(1);
  await withMaintenanceClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${template}\\_\\_spec\\_%`],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
