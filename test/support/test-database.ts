import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
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

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one spec file. On PostgreSQL it is cloned from DATABASE_URL's database, which the global
 * setup has migrated (CREATE DATABASE ... TEMPLATE); on SQLite it is a new temp file that the app migrates.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const suffix = randomBytes(6).toString('hex');
  const server = postgresUrl();
  if (!server) {
    const file = join(tmpdir(), `pos-test-${suffix}.sqlite`);
    return {
      url: `sqlite:${file}`,
      drop: () => {
        for (const extension of ['', '-wal', '-shm']) rmSync(`${file}${extension}`, { force: true });
        return Promise.resolve();
      },
    };
  }
  const template = server.pathname.slice(1);
  const name = `${template}__spec_${suffix}`;
  await withMaintenanceClient(async (client) => {
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
