/**
 * How long a new ticket takes from the waiter to the kitchen screen, measured in the browser (issues 37 and 38):
 * the service is built and started as `npm run bench` starts it, on a fresh database, with a restaurant seeded over
 * its API; a kitchen screen is paired for one station in Chromium and a cook signs in. Then, `--from api`: orders
 * are posted one at a time, each with a line for that station, and the screen notes the instant each ticket appears
 * in its page (a MutationObserver). `--from tablet`: a waiter signed in on the waiter tablet (/waiter, in the same
 * browser) adds a line and taps Send, table after table, and the time runs from the tap (in the tablet's page) to
 * the line on the kitchen screen. Prints p50, p95 and p99, and the bundles' sizes.
 *
 * A shift (issue 47): `--screens 3` pairs three screens, a cook on each; `--rate 10 --duration 600` posts 10
 * orders a second for 10 minutes, not waiting for replies, the cooks bumping what every screen shows;
 * `--token-ttl 30` runs the service with ACCESS_TOKEN_TTL_SECONDS=30. Also prints the sockets' renewals in place
 * (`auth.renew`) and reconnects (sockets opened after the first).
 *
 *   npm run kitchen-latency -- [--from api|tablet] [--database postgres://postgres@127.0.0.1:5432] [--orders 200]
 *     [--every-ms 250] [--rate <orders/s>] [--duration <s>] [--screens 1] [--token-ttl <s>]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { createApi } from './bench-http';
import { percentile, runCleanups, say, sleep } from './bench-lib';
import { buildApp, builtPath } from './bench-servers';
import { createTarget, oneServiceOptions } from './bench-targets';
import { launchChromium } from './chromium';
import { bundleSize, CLIENT_ENTRIES } from './client-bundles';
import { pairAndSignIn } from './kitchen-screen-driver';
import { addDish, signIn, tableTile } from './waiter-tablet-driver';

const COOK = { displayName: 'Latency Cook', pin: '4826' };
const WAITER = { displayName: 'Latency Waiter', pin: '5937' };
const WAITER_PASSWORD = `waiter-${randomUUID()}`;
/** The other cooks, one per screen after the first. */
const cookOf = (screen: number) =>
  screen === 0 ? COOK : { displayName: `Latency Cook ${screen + 1}`, pin: String(4826 + 111 * screen) };
/** Lines sent per table by the tablet: a ticket grows as a table's night does. */
const LINES_PER_TABLE = 10;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      orders: { type: 'string', default: '200' },
      'every-ms': { type: 'string', default: '250' },
      from: { type: 'string', default: 'api' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      screens: { type: 'string', default: '1' },
      'token-ttl': { type: 'string' },
    },
  });
  if (values.from !== 'api' && values.from !== 'tablet') throw new Error('--from is api or tablet');
  const everyMs = values.rate ? 1000 / Number(values.rate) : Number(values['every-ms']);
  const orders = values.duration
    ? Math.round((Number(values.duration) * 1000) / everyMs)
    : Number(values.orders);
  const screens = Number(values.screens);
  if (!(screens >= 1 && orders >= 1 && everyMs > 0)) throw new Error('check --screens, --rate, --duration');
  // The service started below takes this process's environment.
  if (values['token-ttl']) process.env.ACCESS_TOKEN_TTL_SECONDS = values['token-ttl'];
  say('building the service and its web clients');
  await buildApp({ withClients: true });
  const target = await createTarget(
    'service',
    oneServiceOptions({ database: values.database ?? null, sqliteSynchronous: 'NORMAL' }),
  );
  const server = await target.start();
  const restaurant = await target.prepare(server);
  const api = createApi(server.baseUrl);
  const admin = restaurant.adminToken!;
  const stationId = restaurant.dishes[0].stationId;
  const dishId = restaurant.dishes[0].id;
  const people = [
    ...Array.from({ length: screens }, (_, screen) => [cookOf(screen), 'kitchen', `cook-${screen}`] as const),
    [WAITER, 'waiter', 'waiter'] as const,
  ];
  for (const [person, role, username] of people) {
    await api.must(201, 'POST', '/api/v1/users', admin, {
      username: `latency-${username}`,
      displayName: person.displayName,
      role,
      password: role === 'waiter' ? WAITER_PASSWORD : `${role}-${randomUUID()}`,
      pin: person.pin,
    });
  }
  const pairingCodes: string[] = [];
  for (let screen = 0; screen < screens; screen++) {
    const device = await api.must<{ pairingCode: string }>(201, 'POST', '/api/v1/kitchen/devices', admin, {
      name: `Latency screen ${screen + 1}`,
      stationIds: [stationId],
      expo: false,
    });
    pairingCodes.push(device.pairingCode);
  }

  const browser = await launchChromium();
  try {
    const sockets = { opened: 0, renewals: 0 };
    const pages: Page[] = [];
    for (const [screen, pairingCode] of pairingCodes.entries()) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.on('websocket', (socket) => {
        sockets.opened += 1;
        socket.on('framesent', ({ payload }) => {
          if (String(payload).includes('"auth.renew"')) sockets.renewals += 1;
        });
      });
      page.on('crash', () => say(`screen ${screen + 1}'s page crashed`));
      await pairAndSignIn(page, server.baseUrl, pairingCode, cookOf(screen));
      await observeTickets(page);
      pages.push(page);
    }
    const latencies =
      values.from === 'tablet'
        ? await tapOnTablet(pages[0], server.baseUrl, {
            orders,
            everyMs,
            dishName: await dishName(api, admin, dishId),
          })
        : await postOrders(pages, { orders, everyMs, dishId, api });
    const bundles = {
      kitchen: bundleSize(builtPath('browser'), CLIENT_ENTRIES['kitchen screen']),
      waiter: bundleSize(builtPath('browser'), CLIENT_ENTRIES['waiter tablet']),
    };
    process.stdout.write(
      `${JSON.stringify(
        {
          database: values.database ? 'postgres' : 'sqlite',
          from: values.from,
          orders,
          everyMs,
          screens,
          accessTokenTtlSeconds: Number(process.env.ACCESS_TOKEN_TTL_SECONDS ?? 900),
          toScreenMs: {
            p50: percentile(latencies, 50),
            p95: percentile(latencies, 95),
            p99: percentile(latencies, 99),
            max: Math.max(...latencies),
            missed: latencies.filter((latency) => latency === Infinity).length,
          },
          socketRenewals: sockets.renewals,
          reconnects: sockets.opened - screens,
          bundles,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await browser.close();
  }
}

/** The screen notes when each ticket and line first appears, by order number and line id, on the wall clock. */
async function observeTickets(page: Page): Promise<void> {
  await page.evaluate(() => {
    const screen = globalThis as unknown as ScreenGlobals;
    const seen = new Map<string, number>();
    const lines = new Map<string, number>();
    screen.ticketsSeen = seen;
    screen.ticketLog = [];
    screen.linesSeen = lines;
    new screen.MutationObserver(() => {
      const now = Date.now();
      for (const ticket of screen.document.querySelectorAll('article[aria-label^="Ticket "]')) {
        const label = ticket.getAttribute('aria-label') ?? '';
        if (seen.has(label)) continue;
        seen.set(label, now);
        screen.ticketLog.push([label, now]);
      }
      for (const line of screen.document.querySelectorAll('[data-line-id]')) {
        const id = line.getAttribute('data-line-id') ?? '';
        if (!lines.has(id)) lines.set(id, now);
      }
    }).observe(screen.document.body, { childList: true, subtree: true });
  });
}

/** What the page's script sees of the page, typed here because the scripts are compiled without the DOM. */
interface ScreenGlobals {
  document: {
    body: unknown;
    querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null }>;
  };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
  ticketsSeen: Map<string, number>;
  /** The same, in the order seen: read from where the last read ended. */
  ticketLog: Array<[string, number]>;
  linesSeen: Map<string, number>;
}

interface Pace {
  orders: number;
  everyMs: number;
}

/**
 * Orders posted over the API at the pace asked (each POST leaves on time, whether or not the earlier ones have
 * answered): each one's time from its POST to its ticket on each screen. The cooks bump a ticket once every screen
 * shows it, so the boards hold what a kitchen's would.
 */
async function postOrders(
  pages: Page[],
  { orders, everyMs, dishId, api }: Pace & { dishId: string; api: ReturnType<typeof createApi> },
): Promise<number[]> {
  const token = waiterToken(api);
  const posted = new Map<string, { sentAt: number; id: string; itemId: string }>();
  const seen = pages.map(() => new Map<string, number>());
  const bumped = new Set<string>();
  const pending: Array<Promise<unknown>> = [];
  const bumpSeen = async () => {
    for (const [screen, page] of pages.entries()) {
      const log = await page.evaluate(
        (from) => (globalThis as unknown as ScreenGlobals).ticketLog.slice(from),
        seen[screen].size,
      );
      for (const [label, at] of log) seen[screen].set(label, at);
    }
    for (const [label, order] of posted) {
      if (bumped.has(label) || !seen.every((screen) => screen.has(label))) continue;
      bumped.add(label);
      const path = `/api/v1/orders/${order.id}/items/${order.itemId}/status`;
      // A bump lost to a reset connection only leaves its ticket up a while: it times nothing.
      const bump = token().then((bearer) => api.call('PATCH', path, bearer, { status: 'ready' }));
      pending.push(bump.catch(() => undefined));
    }
  };
  say(`posting ${orders} orders, one every ${everyMs} ms, to ${pages.length} screen(s)`);
  const started = Date.now();
  let lastBump = started;
  for (let i = 0; i < orders; i++) {
    await sleep(Math.max(0, started + i * everyMs - Date.now()));
    const sentAt = Date.now();
    pending.push(
      token()
        .then((bearer) => postOnce(api, bearer, { type: 'takeaway', items: [{ dishId, quantity: 1 }] }))
        .then((order) =>
          posted.set(`Ticket ${order.number}`, { sentAt, id: order.id, itemId: order.items[0].id }),
        ),
    );
    if (Date.now() - lastBump >= 1000) {
      lastBump = Date.now();
      await bumpSeen();
    }
  }
  await Promise.all(pending);
  const deadline = Date.now() + 30_000;
  while (seen.some((screen) => screen.size < orders) && Date.now() < deadline) {
    await sleep(200);
    await bumpSeen();
  }
  return seen.flatMap((screen) =>
    [...posted].map(([label, { sentAt }]) => (screen.get(label) ?? Infinity) - sentAt),
  );
}

/**
 * POST /orders with an Idempotency-Key, sent again with the same key when the connection was reset (a kept-alive
 * connection the service closed as the request left): the order is made once either way.
 */
async function postOnce(
  api: ReturnType<typeof createApi>,
  bearer: string,
  body: object,
): Promise<{ id: string; number: number; items: Array<{ id: string }> }> {
  const key = { 'Idempotency-Key': randomUUID() };
  for (let attempt = 1; ; attempt++) {
    try {
      const reply = await api.call('POST', '/api/v1/orders', bearer, body, key);
      if (reply.status !== 201)
        throw new Error(`POST /api/v1/orders: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body as { id: string; number: number; items: Array<{ id: string }> };
    } catch (error) {
      if (attempt >= 3 || (error as { code?: string }).code !== 'ECONNRESET') throw error;
    }
  }
}

/**
 * The waiter's access token for the API's calls, signed in again by password when half its life has passed: a run
 * with a short ACCESS_TOKEN_TTL_SECONDS outlasts many.
 */
function waiterToken(api: ReturnType<typeof createApi>): () => Promise<string> {
  const lifeMs = Number(process.env.ACCESS_TOKEN_TTL_SECONDS ?? 900) * 1000;
  let current: { token: Promise<string>; at: number } | null = null;
  return () => {
    if (!current || Date.now() - current.at > lifeMs / 2) {
      const token = api
        .must<{ accessToken: string }>(200, 'POST', '/api/v1/auth/login', undefined, {
          username: 'latency-waiter',
          password: WAITER_PASSWORD,
        })
        .then((pair) => pair.accessToken);
      current = { token, at: Date.now() };
    }
    return current.token;
  };
}

/**
 * Lines sent from the waiter tablet: a waiter adds the dish and taps Send, LINES_PER_TABLE times per table, table
 * after table; each tap's time (read in the tablet's page as it clicks) to its line on the kitchen screen.
 */
async function tapOnTablet(
  screen: Page,
  baseUrl: string,
  { orders, everyMs, dishName }: Pace & { dishName: string },
): Promise<number[]> {
  const tablet = await screen
    .context()
    .browser()!
    .newPage({ viewport: { width: 1024, height: 768 } });
  await signIn(tablet, baseUrl, WAITER);
  say(`tapping Send ${orders} times on the tablet, one every ${everyMs} ms at most`);
  const latencies: number[] = [];
  for (let i = 0; i < orders; i++) {
    if (i % LINES_PER_TABLE === 0) {
      if (i > 0) await tablet.getByRole('button', { name: 'Floor' }).click();
      await tableTile(tablet, `T${i / LINES_PER_TABLE + 1}`).click();
    }
    await addDish(tablet, dishName);
    const before = await linesSeen(screen);
    const tappedAt = await tablet.evaluate(() => {
      const send = [...(globalThis as unknown as TabletGlobals).document.querySelectorAll('button')].find(
        (button) => button.textContent.startsWith('Send'),
      );
      const at = Date.now();
      send?.click();
      return at;
    });
    let after = await linesSeen(screen);
    const deadline = Date.now() + 10_000;
    while (after.size === before.size && Date.now() < deadline) {
      await sleep(5);
      after = await linesSeen(screen);
    }
    const appeared = [...after].find(([id]) => !before.has(id));
    latencies.push(appeared ? appeared[1] - tappedAt : Infinity);
    await sleep(Math.max(0, everyMs - (Date.now() - tappedAt)));
  }
  return latencies;
}

interface TabletGlobals {
  document: { querySelectorAll(selector: string): Iterable<{ textContent: string; click(): void }> };
}

async function linesSeen(page: Page): Promise<Map<string, number>> {
  return new Map(await page.evaluate(() => [...(globalThis as unknown as ScreenGlobals).linesSeen]));
}

async function dishName(api: ReturnType<typeof createApi>, admin: string, dishId: string): Promise<string> {
  return (await api.must<{ name: string }>(200, 'GET', `/api/v1/dishes/${dishId}`, admin)).name;
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  })
  .finally(() => void runCleanups());
