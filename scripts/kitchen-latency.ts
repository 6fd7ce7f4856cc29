/**
 * How long a new ticket takes from the waiter to the kitchen screen, measured in the browser (issues 37 and 38):
 * the service is built and started as `npm run bench` starts it, on a fresh database, with a restaurant seeded over
 * its API; a kitchen screen is paired for one station in Chromium and a cook signs in. Then, `--from api`: orders
 * are posted one at a time, each with a line for that station, and the screen notes the instant each ticket appears
 * in its page (a MutationObserver). `--from tablet`: a waiter signed in on the waiter tablet (/waiter, in the same
 * browser) adds a line and taps Send, table after table, and the time runs from the tap (in the tablet's page) to
 * the line on the kitchen screen. Prints p50, p95 and p99, and the bundles' sizes.
 *
 *   npm run kitchen-latency -- [--from api|tablet] [--database postgres://postgres@127.0.0.1:5432] [--orders 200]
 *     [--every-ms 250]
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { createApi } from './bench-http';
import { percentile, runCleanups, say, sleep } from './bench-lib';
import { buildApp, builtPath } from './bench-servers';
import { createTarget } from './bench-targets';
import { pairAndSignIn } from './kitchen-screen-driver';
import { addDish, signIn, tableTile } from './waiter-tablet-driver';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const COOK = { displayName: 'Latency Cook', pin: '4826' };
const WAITER = { displayName: 'Latency Waiter', pin: '5937' };
/** Lines sent per table by the tablet: a ticket grows as a table's night does. */
const LINES_PER_TABLE = 10;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      orders: { type: 'string', default: '200' },
      'every-ms': { type: 'string', default: '250' },
      from: { type: 'string', default: 'api' },
    },
  });
  if (values.from !== 'api' && values.from !== 'tablet') throw new Error('--from is api or tablet');
  const orders = Number(values.orders);
  const everyMs = Number(values['every-ms']);
  say('building the service and its web clients');
  await buildApp({ withClients: true });
  const target = await createTarget('service', {
    database: values.database ?? null,
    redis: null,
    instances: 1,
    tables: 20,
    clients: 1,
    kitchens: 0,
    sqliteSynchronous: 'NORMAL',
    apiKeys: false,
    modifiers: false,
    webhookUrl: null,
    kitchenPrinterPort: null,
  });
  const server = await target.start();
  const restaurant = await target.prepare(server);
  const api = createApi(server.baseUrl);
  const admin = restaurant.adminToken!;
  const stationId = restaurant.dishes[0].stationId;
  const dishId = restaurant.dishes[0].id;
  for (const [person, role] of [
    [COOK, 'kitchen'],
    [WAITER, 'waiter'],
  ] as const) {
    await api.must(201, 'POST', '/api/v1/users', admin, {
      username: `latency-${role}`,
      displayName: person.displayName,
      role,
      password: `${role}-${randomUUID()}`,
      pin: person.pin,
    });
  }
  const { pairingCode } = await api.must<{ pairingCode: string }>(
    201,
    'POST',
    '/api/v1/kitchen/devices',
    admin,
    {
      name: 'Latency screen',
      stationIds: [stationId],
      expo: false,
    },
  );

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await pairAndSignIn(page, server.baseUrl, pairingCode, COOK);
    // The screen notes when each ticket first appears, by its order number, on the machine's wall clock.
    await page.evaluate(() => {
      const screen = globalThis as unknown as ScreenGlobals;
      const seen = new Map<string, number>();
      const lines = new Map<string, number>();
      screen.ticketsSeen = seen;
      screen.linesSeen = lines;
      new screen.MutationObserver(() => {
        const now = Date.now();
        for (const ticket of screen.document.querySelectorAll('article[aria-label^="Ticket "]')) {
          const label = ticket.getAttribute('aria-label') ?? '';
          if (!seen.has(label)) seen.set(label, now);
        }
        for (const line of screen.document.querySelectorAll('[data-line-id]')) {
          const id = line.getAttribute('data-line-id') ?? '';
          if (!lines.has(id)) lines.set(id, now);
        }
      }).observe(screen.document.body, { childList: true, subtree: true });
    });

    const latencies =
      values.from === 'tablet'
        ? await tapOnTablet(page, server.baseUrl, {
            orders,
            everyMs,
            dishName: await dishName(api, admin, dishId),
          })
        : await postOrders(page, { orders, everyMs, dishId, waiter: restaurant.clientTokens[0], api });
    const bundles = {
      kitchen: bundleSize('clients/kitchen/main.tsx'),
      waiter: bundleSize('clients/waiter/main.tsx'),
    };
    process.stdout.write(
      `${JSON.stringify(
        {
          database: values.database ? 'postgres' : 'sqlite',
          from: values.from,
          orders,
          everyMs,
          toScreenMs: {
            p50: percentile(latencies, 50),
            p95: percentile(latencies, 95),
            p99: percentile(latencies, 99),
            max: Math.max(...latencies),
          },
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

/** What the page's script sees of the page, typed here because the scripts are compiled without the DOM. */
interface ScreenGlobals {
  document: {
    body: unknown;
    querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null }>;
  };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
  ticketsSeen: Map<string, number>;
  linesSeen: Map<string, number>;
}

interface Pace {
  orders: number;
  everyMs: number;
}

/** Orders posted over the API, one at a time: each one's time from its POST to its ticket on the screen. */
async function postOrders(
  page: Page,
  {
    orders,
    everyMs,
    dishId,
    waiter,
    api,
  }: Pace & { dishId: string; waiter: string; api: ReturnType<typeof createApi> },
): Promise<number[]> {
  const posted = new Map<number, number>();
  say(`posting ${orders} orders, one every ${everyMs} ms`);
  for (let i = 0; i < orders; i++) {
    const sentAt = Date.now();
    const order = await api.must<{ number: number }>(201, 'POST', '/api/v1/orders', waiter, {
      type: 'takeaway',
      items: [{ dishId, quantity: 1 }],
    });
    posted.set(order.number, sentAt);
    await sleep(Math.max(0, everyMs - (Date.now() - sentAt)));
  }
  const seen = await ticketsSeen(page, orders);
  return [...posted].map(([number, sentAt]) => (seen.get(`Ticket ${number}`) ?? Infinity) - sentAt);
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

/** When each ticket appeared, once `count` have (or after 30 s, with those that did). */
async function ticketsSeen(page: Page, count: number): Promise<Map<string, number>> {
  const read = async () =>
    new Map(await page.evaluate(() => [...(globalThis as unknown as ScreenGlobals).ticketsSeen]));
  const deadline = Date.now() + 30_000;
  let seen = await read();
  while (seen.size < count && Date.now() < deadline) {
    await sleep(100);
    seen = await read();
  }
  return seen;
}

/** A client's files as a browser loads them (its entry, the chunks it imports, its CSS): raw and gzip. */
function bundleSize(entry: string): { files: number; bytes: number; gzipBytes: number } {
  const folder = builtPath('browser');
  const manifest = JSON.parse(readFileSync(join(folder, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    { file: string; imports?: string[]; css?: string[] }
  >;
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  const contents = [...files].map((file) => readFileSync(join(folder, file)));
  return {
    files: files.size,
    bytes: contents.reduce((sum, content) => sum + content.length, 0),
    gzipBytes: contents.reduce((sum, content) => sum + gzipSync(content).length, 0),
  };
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  })
  .finally(() => void runCleanups());
