import { postgresUrl, withMaintenanceClient } from './test-database';

/** Drops any spec database that a crashed spec file left behind. */
export default async function globalTeardown(): Promise<void> {
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
