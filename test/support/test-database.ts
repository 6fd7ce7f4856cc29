import { randomBytes } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** Where the suite runs: PostgreSQL when DATABASE_URL is a postgres URL, SQLite temp files otherwise. */
export function postgresUrl(): URL | null {
  const url = process.env.DATABASE_URL;
  return url && /^postgres(ql)?:/.test(url) ? new URL(url) : null;
}

export const databaseKind = (): 'postgres' | 'sqlite' => (postgresUrl() ? 'postgres' : 'sqlite');

/** A maintenance connection to the server of DATABASE_URL, for creating and dropping databases. */
export async function withMaintenanceClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const url = new URL(postgresUrl()!.toString());
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Where the global setup keeps the migrated SQLite file every spec file's database is copied from. */
export const SQLITE_TEMPLATE_VARIABLE = 'POS_TEST_SQLITE_TEMPLATE';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** False for an empty database, as a first start meets it (the app migrates it); migrated by default. */
  migrated?: boolean;
}

/**
 * A fresh database for one spec file, migrated as the global setup migrated its template: on PostgreSQL cloned
 * from DATABASE_URL's database (CREATE DATABASE ... TEMPLATE), on SQLite a copy of the template file. Migrating
 * each spec's own database cost every spec file a second or more of the run.
 */
export async function createTestDatabase({
  migrated = true,
}: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const suffix = randomBytes(6).toString('hex');
  const server = postgresUrl();
  if (!server) {
    const file = join(tmpdir(), `pos-test-${suffix}.sqlite`);
    const template = process.env[SQLITE_TEMPLATE_VARIABLE];
    if (migrated && template) copyFileSync(template, file);
    return {
      url: `sqlite:${file}`,
      drop: () => {
        removeSqlite(file);
        return Promise.resolve();
      },
    };
  }
  const template = server.pathname.slice(1);
  const name = `${template}__spec_${suffix}`;
  await withMaintenanceClient(async (client) => {
    if (!migrated) {
      await client.query(`CREATE DATABASE "${name}"`);
      return;
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        // Two workers cloning at the same instant briefly see each other on the template.
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  });
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withMaintenanceClient((client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      ).then(),
  };
}

/** Removes a SQLite database file with its WAL files. */
export function removeSqlite(file: string): void {
  for (const extension of ['', '-wal', '-shm']) rmSync(`${file}${extension}`, { force: true });
}
