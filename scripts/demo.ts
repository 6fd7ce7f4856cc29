import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { config as loadDotenv } from 'dotenv';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/bootstrap';
import { Clock } from '../src/common/time/clock';
import { ConfigError, loadConfig } from '../src/config/app-config';
import { Order } from '../src/orders/order.entity';
import { UsersService } from '../src/users/users.service';
import { DemoClock, ok, seededRandom, signedIn } from './demo-api';
import { serveDay } from './demo-night';
import { setUpRestaurant } from './demo-restaurant';

const USAGE = `Usage: npm run demo

Loads a demo restaurant into the embedded SQLite database (DATABASE_URL, default ./data): its profile, the German
tax rates, payment methods, staff with PINs, rooms and tables, a menu of 30 dishes with variations and modifiers,
a kitchen and a bar, yesterday's service (its day closed) and today's so far, so the back office shows data.
Everything goes through the service's own API. For trying the service out: never in a production database, so
it refuses PostgreSQL and any database that has sales already.`;

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const refuse = (why: string) => new ConfigError(`${why}: the demo is never run in a production database.`);

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  loadDotenv({ quiet: true });
  const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' });
  if (config.database.kind !== 'sqlite') throw refuse('DATABASE_URL names PostgreSQL');

  // The demo's days lie in the past: the service runs on a clock the demo sets back, as the tests' clock does.
  const clock = new DemoClock();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app);
  try {
    await app.listen(0, '127.0.0.1');
    if ((await app.get(DataSource).getRepository(Order).count()) > 0) throw refuse('This database has sales');
    const { port } = app.getHttpServer().address() as AddressInfo;
    await loadDemo(app, `http://127.0.0.1:${port}`, clock, config.admin);
  } finally {
    await app.close();
  }
}

async function loadDemo(
  app: NestExpressApplication,
  url: string,
  clock: DemoClock,
  adminSettings: { username: string; password?: string },
): Promise<void> {
  const password = () => randomBytes(9).toString('base64url');
  // The first start printed the admin's password and kept no copy: without ADMIN_PASSWORD the demo adds its own.
  const username = adminSettings.password ? adminSettings.username : 'demo-admin';
  const adminPassword = adminSettings.password ?? password();
  const outcome = await app.get(UsersService).ensureAdmin(username, adminPassword, false);
  if (outcome === 'exists' && !adminSettings.password) {
    throw new ConfigError(
      `The admin "${username}" exists already: set ADMIN_USERNAME and ADMIN_PASSWORD to an admin's.`,
    );
  }
  const admin = await signedIn(url, username, adminPassword);

  // Today's business day as the service reckons it (its time zone, its start of day); yesterday before it.
  const today = await ok('read today', admin.GET('/api/v1/reports/shift'));
  const todayStart = new Date(today.period.from).getTime();
  const yesterdayStart = todayStart - 24 * HOUR_MS;
  clock.moveTo(new Date(yesterdayStart + 5 * HOUR_MS));

  const restaurant = await setUpRestaurant(admin, password);
  const signIn = (username: string) => {
    const member = restaurant.staff.find((each) => each.username === username)!;
    return signedIn(url, member.username, member.password);
  };
  const crew = {
    waiters: [await signIn('tom'), await signIn('lena')],
    kitchen: await signIn('ali'),
    manager: await signIn('maria'),
  };
  const rnd = seededRandom(20_261_125);

  // Yesterday: lunch to late evening, then the day's close and its Z report.
  const yesterday = { from: yesterdayStart + 6.5 * HOUR_MS, to: yesterdayStart + 17 * HOUR_MS };
  await serveDay(restaurant, crew, clock, rnd, {
    from: new Date(yesterday.from),
    to: new Date(yesterday.to),
    count: 24,
    refund: false,
  });
  clock.moveTo(new Date(yesterday.to + 30 * MINUTE_MS));
  const closed = await ok(
    'close yesterday',
    crew.manager.POST('/api/v1/business-days/close', { body: { uncountedCashConfirmed: true } }),
  );

  // Today: from lunch (or the day's start, early in the morning) until a few minutes ago.
  const now = Date.now();
  const from = Math.max(todayStart + MINUTE_MS, Math.min(todayStart + 6.5 * HOUR_MS, now - 4 * HOUR_MS));
  await serveDay(restaurant, crew, clock, rnd, {
    from: new Date(from),
    to: new Date(Math.max(from + 20 * MINUTE_MS, now - 2 * MINUTE_MS)),
    count: 18,
    refund: true,
  });

  const lines = [
    `Demo restaurant loaded: yesterday's day closed (Z ${closed.number}), today's orders so far.`,
    `Back office: /back-office · waiter tablet: /waiter · kitchen screen: /kitchen`,
    `Admin: ${username} / ${adminSettings.password ? '(ADMIN_PASSWORD)' : adminPassword}`,
    'Staff (username / password · PIN):',
    ...restaurant.staff.map(
      (member) => `  ${member.displayName}: ${member.username} / ${member.password} · PIN ${member.pin}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
