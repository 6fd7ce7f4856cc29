/**
 * What the web clients cost a browser (issue 51): each client's bundle (its entry, the chunks it imports and its
 * stylesheets, raw and gzipped at level 9) from the build's manifest; then, on the built service (dist/, a fresh
 * SQLite database in a temp folder, a free port, the admin from ADMIN_USERNAME and ADMIN_PASSWORD), in Chromium:
 *
 * - each client's first screen, cold (a new browser context: empty cache, no service worker) and warm (a new tab in
 *   a context that loaded it once): navigation start → usable (the back office's Username field enabled, the waiter
 *   tablet's PIN pad listing its waiter, the kitchen screen's Pairing code field) and → interactive (page-probe.ts);
 * - the back office's home after signing in: the click on "Sign in" → its figures and hourly chart drawn;
 * - its menu screen with 500 dishes (loaded through the API): typing a filter → the matching row shown, clearing
 *   it → the first page back, and saving a variation's price → the list showing the new price.
 *
 * Medians of `--runs` each. `--cpu-throttle 4` slows Chromium's CPU four times (a low-end tablet). Prints tables;
 * nothing is asserted.
 *
 *   npm run build && npm run measure-clients -- [--runs 5] [--cpu-throttle 4] [--dishes 500]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createDatabase } from './bench-database';
import { type Api, createApi } from './bench-http';
import { cleanups, median, round1, runCleanups, say } from './bench-lib';
import { builtPath, startServer, useProjectBuild } from './bench-servers';
import { LAPTOP, launchChromium, TABLET } from './chromium';
import { bundleSize, CLIENT_ENTRIES } from './client-bundles';
import {
  installProbe,
  type Interactive,
  QUIET_WINDOW_MS,
  type Sight,
  timeAction,
  waitForInteractive,
} from './page-probe';

const ADMIN = { username: 'admin', password: randomBytes(12).toString('hex') };
const WAITER = { username: 'measure-waiter', displayName: 'Measure Waiter', pin: '5937' };

/** The first screens measured: where each opens, at what size, and what shows it usable. */
const FIRST_SCREENS: Array<{ client: string; path: string; viewport: typeof LAPTOP; usable: Sight }> = [
  {
    client: 'back office',
    path: '/back-office',
    viewport: LAPTOP,
    usable: { selector: 'input[name="username"]' },
  },
  {
    client: 'waiter tablet',
    path: '/waiter',
    viewport: TABLET,
    usable: { selector: 'button.staff', texts: [WAITER.displayName] },
  },
  {
    client: 'kitchen screen',
    path: '/kitchen',
    viewport: LAPTOP,
    usable: { selector: 'input[name="code"]' },
  },
];
const HOME_SHOWN: Sight = { selector: '#hourly svg' };
const DISH_ROW = 'table.dishes tbody tr';
const DISH_FILTER = '.dish-list .filters input[type="search"]';

interface Options {
  runs: number;
  cpuThrottle: number;
  dishes: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'cpu-throttle': { type: 'string', default: '1' },
      dishes: { type: 'string', default: '500' },
    },
  });
  const options = {
    runs: Number(values.runs),
    cpuThrottle: Number(values['cpu-throttle']),
    dishes: Number(values.dishes),
  };
  if (!(options.runs >= 1 && options.cpuThrottle >= 1 && options.dishes >= 30)) {
    throw new Error('--runs is at least 1, --cpu-throttle at least 1, --dishes at least 30');
  }
  useProjectBuild();
  printBundles();

  const database = await createDatabase(null);
  cleanups.push(() => database.drop());
  const server = await startServer('src/main.js', {
    DATABASE_URL: database.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PIN_PEPPER: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    CURRENCY: 'EUR',
  });
  await seed(createApi(server.baseUrl), options.dishes);
  const browser = await launchChromium();
  cleanups.push(() => browser.close());

  const rows: string[][] = [];
  for (const screen of FIRST_SCREENS) {
    for (const warm of [false, true]) {
      say(`${screen.client}, ${warm ? 'warm' : 'cold'}`);
      const runs = await firstScreens(browser, server.baseUrl, screen, warm, options);
      const homeMs = runs.map((run) => run.homeMs).filter((ms): ms is number => ms !== null);
      rows.push([
        screen.client,
        warm ? 'warm' : 'cold',
        ms(median(runs.map((run) => run.usableMs))),
        ms(median(runs.map((run) => run.interactiveMs))),
        String(median(runs.map((run) => run.longTasks))),
        kB(median(runs.map((run) => run.transferredBytes)) ?? 0),
        homeMs.length ? ms(median(homeMs)) : '-',
      ]);
    }
  }
  printTable(
    `First screens, median of ${options.runs}${throttled(options)} (interactive: the main thread quiet ${QUIET_WINDOW_MS / 1000} s)`,
    ['client', 'cache', 'usable', 'interactive', 'long tasks', 'transferred', 'sign-in → home'],
    rows,
  );
  say('menu screen');
  const menu = await menuScreen(browser, server.baseUrl, options);
  printTable(
    `The menu screen with ${options.dishes} dishes, median of ${options.runs}${throttled(options)}`,
    ['action', 'median', 'min', 'max'],
    Object.entries(menu).map(([action, samples]) => [
      action,
      ms(median(samples)),
      ms(Math.min(...samples)),
      ms(Math.max(...samples)),
    ]),
  );
}

/** A category and station, `dishes` dishes in it, and a waiter with a PIN for the tablet's PIN pad. */
async function seed(api: Api, dishes: number): Promise<void> {
  const { accessToken } = await api.must<{ accessToken: string }>(
    200,
    'POST',
    '/api/v1/auth/login',
    undefined,
    ADMIN,
  );
  const post = (path: string, body: object) => api.must<{ id: string }>(201, 'POST', path, accessToken, body);
  const category = await post('/api/v1/categories', { name: 'Bulk' });
  const station = await post('/api/v1/stations', { name: 'Grill' });
  const numbers = Array.from({ length: dishes }, (_, i) => String(i + 1).padStart(3, '0'));
  say(`loading ${dishes} dishes`);
  // 25 at a time: the loading is a precondition, not a load test.
  for (let start = 0; start < numbers.length; start += 25) {
    await Promise.all(
      numbers.slice(start, start + 25).map((n) =>
        post('/api/v1/dishes', {
          name: `Bulk dish ${n}`,
          categoryId: category.id,
          stationId: station.id,
          price: 500,
        }),
      ),
    );
  }
  await post('/api/v1/users', {
    username: WAITER.username,
    displayName: WAITER.displayName,
    role: 'waiter',
    password: randomBytes(12).toString('hex'),
    pin: WAITER.pin,
  });
}

type ScreenRun = Interactive & { homeMs: number | null };

/**
 * `runs` loads of a first screen: each in a new context (cold), or each in a new tab of one context that loaded it
 * once before (warm). On the back office, each run then signs in and times the home.
 */
async function firstScreens(
  browser: Browser,
  baseUrl: string,
  screen: (typeof FIRST_SCREENS)[number],
  warm: boolean,
  options: Options,
): Promise<ScreenRun[]> {
  const newContext = async () => {
    const context = await browser.newContext({ viewport: screen.viewport });
    await installProbe(context, screen.usable);
    return context;
  };
  const warmContext = warm ? await newContext() : null;
  if (warmContext) await load(warmContext, baseUrl + screen.path, options).then((page) => page.close());
  const runs: ScreenRun[] = [];
  for (let run = 0; run < options.runs; run++) {
    const context = warmContext ?? (await newContext());
    const page = await load(context, baseUrl + screen.path, options);
    const interactive = await waitForInteractive(page);
    const homeMs = screen.client === 'back office' ? await signInToHome(page) : null;
    runs.push({ ...interactive, homeMs });
    await page.close();
    if (!warmContext) await context.close();
  }
  await warmContext?.close();
  return runs;
}

/** A new tab at `url`, its CPU throttled when asked before anything loads. */
async function load(context: BrowserContext, url: string, options: Options): Promise<Page> {
  const page = await context.newPage();
  if (options.cpuThrottle > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuThrottle });
  }
  await page.goto(url);
  return page;
}

/** Fills in the admin's name and password, then times the click on Sign in to the home drawn. */
async function signInToHome(page: Page): Promise<number> {
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  return timeAction(page, { selector: 'form.sign-in button[type="submit"]' }, HOME_SHOWN);
}

/**
 * The menu screen, signed in as the admin: filters for one dish not on the first page and clears the filter again,
 * then opens a dish and saves a new price for its variation, `runs` times each.
 */
async function menuScreen(
  browser: Browser,
  baseUrl: string,
  options: Options,
): Promise<Record<string, number[]>> {
  const context = await browser.newContext({ viewport: LAPTOP });
  await installProbe(context, { selector: 'input[name="username"]' });
  const page = await load(context, `${baseUrl}/back-office#/menu`, options);
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`${options.dishes} dishes`, { exact: true }).waitFor({ timeout: 60_000 });
  const firstDish = 'Bulk dish 001';
  const samples: Record<string, number[]> = {
    'filter → the dish shown': [],
    'clear → page 1 back': [],
    'save a price → the list shows it': [],
  };
  // Dishes past the first page, so that only the filter can show them.
  const wanted = (run: number) => `Bulk dish ${String(options.dishes - 3 - run * 5).padStart(3, '0')}`;
  for (let run = 0; run < options.runs; run++) {
    const dish = wanted(run);
    samples['filter → the dish shown'].push(
      await timeAction(
        page,
        { selector: DISH_FILTER, value: dish.slice(5) },
        { selector: DISH_ROW, texts: [dish] },
      ),
    );
    samples['clear → page 1 back'].push(
      await timeAction(
        page,
        { selector: DISH_FILTER, value: '' },
        { selector: DISH_ROW, texts: [firstDish] },
      ),
    );
  }
  const dish = wanted(0);
  await page.locator(DISH_FILTER).fill(dish);
  await page.getByRole('button', { name: dish, exact: true }).click();
  const variation = page.locator('form#variation-0');
  for (let run = 0; run < options.runs; run++) {
    const euros = 7 + run;
    await variation.getByLabel('Price (EUR)').fill(String(euros));
    samples['save a price → the list shows it'].push(
      await timeAction(
        page,
        { selector: 'form#variation-0 button[type="submit"]' },
        { selector: DISH_ROW, texts: [dish, `€${euros}.00`] },
      ),
    );
  }
  await context.close();
  return samples;
}

function printBundles(): void {
  const rows = Object.entries(CLIENT_ENTRIES).map(([client, entry]) => {
    const size = bundleSize(builtPath('browser'), entry);
    return [client, String(size.files), kB(size.bytes), kB(size.gzipBytes)];
  });
  printTable(
    'Bundles (entry, imported chunks and stylesheets; gzip level 9)',
    ['client', 'files', 'bytes', 'gzipped'],
    rows,
  );
}

const kB = (bytes: number) => `${round1(bytes / 1000).toFixed(1)} kB`;
const ms = (value: number | null) => (value === null ? '-' : `${Math.round(value)} ms`);
const throttled = (options: Options) =>
  options.cpuThrottle > 1 ? `, CPU throttled ${options.cpuThrottle}×` : '';

/** A Markdown table, as docs/clients.md shows it. */
function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  process.stdout.write(`\n${title}\n\n${[line(header), rule, ...rows.map(line)].join('\n')}\n`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  })
  .finally(() => void runCleanups());
