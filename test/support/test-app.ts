import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap';
import { Clock } from '../../src/common/time/clock';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { createTestDatabase, TestDatabase } from './test-database';

/** Real time plus an offset the test controls: lock-outs and late items expire without waiting. */
export class TestClock extends Clock {
  private offsetMs = 0;
  private pinnedAt: number | null = null;

  override now(): Date {
    return new Date((this.pinnedAt ?? Date.now()) + this.offsetMs);
  }

  /** From now on only advance() moves this clock: a simulation steps minute by minute, however slow the machine. */
  pin(): void {
    this.pinnedAt ??= Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Sets the clock to `instant` (it runs on from there): to stand just before or after a schedule's edge. */
  moveTo(instant: string | Date): void {
    this.offsetMs = new Date(instant).getTime() - Date.now();
  }

  /**
   * Sets the clock to 10:00 UTC today, mid business day in UTC with the day starting at 05:00: a spec that reads
   * the day's reports does not see its orders split over two business days when it runs near the edge.
   */
  moveToMidBusinessDay(): void {
    this.moveTo(`${new Date().toISOString().slice(0, 10)}T10:00:00Z`);
  }
}

export const ADMIN = { username: 'admin', password: 'admin-password-1' } as const;

export interface TestApp {
  app: NestExpressApplication;
  /** Base URL of the listening server, for socket.io clients and raw HTTP. */
  url: string;
  http: () => ReturnType<typeof request>;
  clock: TestClock;
  config: AppConfig;
  dataSource: DataSource;
  close(): Promise<void>;
  /**
   * Closes this app as a shutdown would (the database stays) and starts a new one on the same database with the
   * same configuration and clock: what a process restart does. Its `close()` then drops the database.
   */
  restart(): Promise<TestApp>;
  /**
   * A second instance beside this one, on the same database with the same configuration and clock; its `close()`
   * leaves the database to this one.
   */
  twin(): Promise<TestApp>;
}

export interface TestAppOptions {
  /** The URL the app connects with, given the fresh database's: to reach it through a proxy, say. */
  databaseUrl?: (url: string) => string;
}

/**
 * The real AppModule on a fresh database, listening on port 0. `env` overrides configuration variables.
 * Set TEST_LOG_LEVEL=info to see the app's logs.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: options.databaseUrl?.(database.url) ?? database.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PIN_PEPPER: randomBytes(32).toString('hex'),
    // Standard scrypt would be minutes of the suite; the startup spec's processes keep it.
    CREDENTIAL_HASH_COST: 'test',
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  return startOn(database, config, new TestClock());
}

async function startOn(
  database: TestDatabase,
  config: AppConfig,
  clock: TestClock,
  dropOnClose = true,
): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    http: () => request(url),
    clock,
    config,
    dataSource: app.get(DataSource),
    close: async () => {
      await app.close();
      if (dropOnClose) await database.drop();
    },
    restart: async () => {
      await app.close();
      // The same clock too: a restart does not turn back the time (advanced by the test so far).
      return startOn(database, config, clock);
    },
    twin: () => startOn(database, config, clock, false),
  };
}
