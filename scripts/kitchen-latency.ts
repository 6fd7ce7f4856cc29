/**
 * How long a new ticket takes from the waiter's POST to the kitchen screen, measured in the browser (issue 37's
 * "Done when"): the service is built and started as `npm run bench` starts it, on a fresh database, with a
 * restaurant seeded over its API; a kitchen screen is paired for one station in Chromium and a cook signs in; then
 * orders are posted one at a time, each with a line for that station, and the screen notes the instant each ticket
 * appears in its page (a MutationObserver). Prints p50, p95 and p99 over the orders, and the bundle's size.
 *
 *   npm run kitchen-latency -- [--database postgres://postgres@127.0.0.1:5432] [--orders 200] [--every-ms 250]
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

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const COOK = { displayName: 'Latency Cook', pin: '4826' };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      orders: { type: 'string', default: '200' },
      'every-ms': { type: 'string', default: '250' },
    },
  });
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
  await api.must(201, 'POST', '/api/v1/users', admin, {
    username: 'latency-cook',
    displayName: COOK.displayName,
    role: 'kitchen',
    password: `cook-${randomUUID()}`,
    pin: COOK.pin,
  });
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
      screen.ticketsSeen = seen;
      new screen.MutationObserver(() => {
        const now = Date.now();
        for (const ticket of screen.document.querySelectorAll('article[aria-label^="Ticket "]')) {
          const label = ticket.getAttribute('aria-label') ?? '';
          if (!seen.has(label)) seen.set(label, now);
        }
      }).observe(screen.document.body, { childList: true, subtree: true });
    });

    const posted = new Map<number, number>();
    const waiter = restaurant.clientTokens[0];
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
    const latencies = [...posted].map(
      ([number, sentAt]) => (seen.get(`Ticket ${number}`) ?? Infinity) - sentAt,
    );
    const bundle = bundleSize();
    process.stdout.write(
      `${JSON.stringify(
        {
          database: values.database ? 'postgres' : 'sqlite',
          orders,
          everyMs,
          postToScreenMs: {
            p50: percentile(latencies, 50),
            p95: percentile(latencies, 95),
            p99: percentile(latencies, 99),
            max: Math.max(...latencies),
          },
          kitchenBundle: bundle,
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

/** The kitchen screen's files as a browser loads them (its entry, the chunks it imports, its CSS): raw and gzip. */
function bundleSize(): { files: number; bytes: number; gzipBytes: number } {
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
  visit('clients/kitchen/main.tsx');
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
