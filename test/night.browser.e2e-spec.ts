import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '../src/common/access/role';
import { addDish, sendOrder, tableTile } from '../scripts/waiter-tablet-driver';
import { CHROMIUM, describeInBrowser, keepScreenshot, openChromium } from './support/browser';
import { as, login, loginAdmin, newStaff, type NewStaff, type Session } from './support/clients';
import { factories, type Restaurant } from './support/factories';
import { type KitchenScreen, newKitchenDevice, openKitchenScreen, TV } from './support/kitchen-screen';
import { startTestApp, type TestApp } from './support/test-app';
import { openWaiterTablet, type WaiterTablet } from './support/waiter-tablet';

/**
 * The shortest access token the config allows: a night of NIGHT_MS crosses two of them, each screen renewing in
 * place every time, the second time with what the first renewal gave it (sized so that CI stays within its time on
 * a slow machine: seven took 200 s per database, four 120 s, and showed nothing two do not).
 */
const ACCESS_TOKEN_TTL_SECONDS = 30;
const NIGHT_MS = 60_000;
/** How often an order arrives over REST; every sixth is taken on the tablet instead. */
const ORDER_EVERY_MS = 1500;
const TABLET_TABLES = ['N1', 'N2', 'N3', 'N4'];
const REST_TABLES = ['R1', 'R2', 'R3'];

type Order = { id: string; number: number; type: string; tableId: string | null };

/** What a page did after it was opened and signed in: it must not reload, nor open another socket. */
interface Watched {
  reloads: number;
  socketsOpened: number;
}

function watch(page: Page): Watched {
  const watched: Watched = { reloads: 0, socketsOpened: 0 };
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) watched.reloads += 1;
  });
  page.on('websocket', () => (watched.socketsOpened += 1));
  return watched;
}

/** The ticket numbers a kitchen screen shows, as many times as it shows each. */
async function ticketNumbers(page: Page): Promise<number[]> {
  const labels: string[] = await page
    .locator('article[aria-label^="Ticket "]')
    .evaluateAll((tickets: Array<{ getAttribute(name: string): string | null }>) =>
      tickets.map((ticket) => ticket.getAttribute('aria-label') ?? ''),
    );
  return labels.map((label) => Number(label.replace('Ticket ', ''))).sort((a, b) => a - b);
}

const sorted = (numbers: number[]) => [...numbers].sort((a, b) => a - b);

describeInBrowser(`A night on the screens with short-lived tokens (${CHROMIUM})`, () => {
  let t: TestApp;
  let browser: Browser;
  let r: Restaurant;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let cooks: NewStaff[];
  const tables = new Map<string, string>();
  const closing: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    t = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TOKEN_TTL_SECONDS) });
    admin = await loginAdmin(t);
    const make = factories(t, admin);
    r = await make.newRestaurant();
    for (const name of [...TABLET_TABLES, ...REST_TABLES]) tables.set(name, (await make.newTable(name)).id);
    [waiter, manager, ...cooks] = await Promise.all(
      [Role.Waiter, Role.Manager, Role.Kitchen, Role.Kitchen].map((role) => newStaff(t, role)),
    );
    browser = await openChromium();
  });

  afterAll(async () => {
    await Promise.all(closing.map((one) => one.close()));
    await browser?.close();
    await t?.close();
  });

  /** A person's REST session, signed in again once half of its access token's life has passed. */
  const sessions = new Map<string, { session: Session; at: number }>();
  const fresh = async (staff: NewStaff): Promise<Session> => {
    const kept = sessions.get(staff.username);
    if (kept && Date.now() - kept.at < (ACCESS_TOKEN_TTL_SECONDS * 1000) / 2) return kept.session;
    const session = await login(t, staff.username, staff.password);
    sessions.set(staff.username, { session, at: Date.now() });
    return session;
  };
  const restWaiter = () => fresh(waiter);

  const postOrder = async (i: number): Promise<Order> => {
    const tableName = REST_TABLES[i % REST_TABLES.length];
    const body =
      i % 2 === 0
        ? {
            type: 'takeaway',
            items: [
              { dishId: r.fries.id, quantity: 1 },
              { dishId: r.beer.id, quantity: 1 },
            ],
          }
        : i % 3 === 0
          ? { type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 2 }] }
          : { type: 'dine_in', tableId: tables.get(tableName), items: [{ dishId: r.fries.id, quantity: 1 }] };
    const created = await as(t, await restWaiter())
      .post('/api/v1/orders')
      .send(body)
      .expect(201);
    return created.body as Order;
  };

  /** Every open order, as the service has them. */
  const openOrders = async (): Promise<Order[]> =>
    (
      await as(t, await restWaiter())
        .get('/api/v1/orders')
        .query({ perPage: 100 })
        .expect(200)
    ).body.items as Order[];

  /** A new order on a free table, taken on the tablet as a waiter would: the table, a dish, Send, the floor. */
  const orderOnTablet = async (tablet: WaiterTablet, tableName: string): Promise<void> => {
    await tableTile(tablet.page, tableName).click();
    await addDish(tablet.page, r.fries.name);
    await sendOrder(tablet.page);
    const deadline = Date.now() + 20_000;
    while (!(await openOrders()).some((order) => order.tableId === tables.get(tableName))) {
      if (Date.now() > deadline)
        throw new Error(`the tablet's order at ${tableName} never reached the service`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await tablet.page.getByRole('button', { name: 'Floor' }).click();
  };

  it(
    'keeps a tablet, two kitchen screens and a pickup board live all night: every order once on every screen that shows it, no reload',
    async () => {
      const grill = await openKitchenScreen(browser, t, {
        pairingCode: await newKitchenDevice(t, await fresh(manager), {
          name: 'Grill',
          stationIds: [r.grill.id],
        }),
        cook: cooks[0],
        viewport: TV,
      });
      const expo = await openKitchenScreen(browser, t, {
        pairingCode: await newKitchenDevice(t, await fresh(manager), {
          name: 'Pass',
          stationIds: [],
          expo: true,
        }),
        cook: cooks[1],
        viewport: TV,
      });
      const tablet = await openWaiterTablet(browser, { baseUrl: t.url, waiter });
      const boardToken = (
        await as(t, await fresh(manager))
          .post('/api/v1/pickup-boards')
          .send({ name: 'Counter' })
          .expect(201)
      ).body.token as string;
      const boardContext: BrowserContext = await browser.newContext({ viewport: TV });
      const board = await boardContext.newPage();
      await board.goto(`${t.url}/pickup?board=${boardToken}`);
      closing.push(grill, expo, tablet, boardContext);
      const screens: KitchenScreen[] = [grill, expo];
      const watched = [grill.page, expo.page, tablet.page, board].map(watch);

      const started = Date.now();
      let tabletOrders = 0;
      for (let i = 0; Date.now() - started < NIGHT_MS; i++) {
        const due = started + i * ORDER_EVERY_MS;
        if (i % 6 === 5 && tabletOrders < TABLET_TABLES.length) {
          await orderOnTablet(tablet, TABLET_TABLES[tabletOrders]);
          tabletOrders += 1;
        } else {
          await postOrder(i);
        }
        // Pacing the arrivals, not waiting for an outcome: what the screens show is waited for below.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due + ORDER_EVERY_MS - Date.now())));
      }
      expect(tabletOrders).toBe(TABLET_TABLES.length);

      // What every screen should show, as the service says now.
      const tickets = async (stationIds?: string) => {
        const answer = await as(t, await fresh(manager))
          .get('/api/v1/kitchen/tickets')
          .query({ perPage: 100, ...(stationIds ? { stationIds } : {}) })
          .expect(200);
        expect(answer.body.total).toBeLessThanOrEqual(100);
        return sorted((answer.body.items as Order[]).map((order) => order.number));
      };
      const onGrill = await tickets(r.grill.id);
      const onExpo = await tickets();
      const pickup = (await t.http().get(`/api/v1/public/pickup-boards/${boardToken}`).expect(200)).body as {
        preparing: Array<{ number: number }>;
        ready: Array<{ number: number }>;
      };
      const onBoard = sorted([...pickup.preparing, ...pickup.ready].map((order) => order.number));
      expect(onExpo.length).toBeGreaterThan(20);

      // Each screen shows each of its orders exactly once (no double from a replay), without a reload.
      const until = async (read: () => Promise<number[]>, expected: number[], what: string) => {
        const deadline = Date.now() + 20_000;
        let shown = await read();
        while (JSON.stringify(shown) !== JSON.stringify(expected) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          shown = await read();
        }
        expect({ what, shown }).toEqual({ what, shown: expected });
      };
      await until(() => ticketNumbers(grill.page), onGrill, 'grill screen');
      await until(() => ticketNumbers(expo.page), onExpo, 'expo screen');
      await until(
        async () =>
          sorted((await board.locator('section li').allInnerTexts()).map((text) => Number(text.trim()))),
        onBoard,
        'pickup board',
      );
      // The tablet shows every table that has an order as taken, the others free, as the service does.
      const floor = (
        await as(t, await restWaiter())
          .get('/api/v1/tables')
          .query({ perPage: 100 })
          .expect(200)
      ).body.items as Array<{ id: string; name: string }>;
      const busy = new Set(
        (
          (
            await as(t, await restWaiter())
              .get('/api/v1/orders')
              .query({ perPage: 100 })
              .expect(200)
          ).body.items as Order[]
        ).flatMap((order) => (order.tableId ? [order.tableId] : [])),
      );
      for (const table of floor.filter((one) => tables.has(one.name))) {
        const state = await tableTile(tablet.page, table.name).getAttribute('data-state');
        expect({ table: table.name, free: state === 'free' }).toEqual({
          table: table.name,
          free: !busy.has(table.id),
        });
      }

      // Still signed in and live everywhere; the sockets lived on fresh tokens, renewed in place.
      for (const screen of screens) {
        await screen.page.getByRole('status', { name: 'Connection' }).filter({ hasText: /^Live/ }).waitFor();
      }
      await tablet.page.getByText('Online', { exact: true }).waitFor();
      const expiries = Math.floor(NIGHT_MS / 1000 / ACCESS_TOKEN_TTL_SECONDS);
      for (const [i, one] of watched.entries()) {
        expect({ page: i, reloads: one.reloads }).toEqual({ page: i, reloads: 0 });
      }
      // No socket opened after sign-in: the screens' first sockets outlived every expiry, renewed in place.
      for (const [i, one] of watched.slice(0, 3).entries()) {
        expect({ page: i, reconnects: one.socketsOpened }).toEqual({ page: i, reconnects: 0 });
      }
      const refreshes = await as(t, await loginAdmin(t))
        .get('/api/v1/security/events')
        .query({ type: 'refresh.succeeded', perPage: 100 })
        .expect(200);
      expect(refreshes.body.total).toBeGreaterThanOrEqual(3 * (expiries - 1));
      await keepScreenshot(expo.page, 'night-expo');
      expect(screens.flatMap((screen) => screen.problems)).toEqual([]);
      expect(tablet.problems).toEqual([]);

      // "Sign out" ends the session on the service: the refresh token the screen held is refused afterwards.
      const held = JSON.parse(
        await grill.page.evaluate(
          () =>
            (
              globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }
            ).sessionStorage.getItem('pos.kitchen.session') ?? 'null',
        ),
      ) as { refreshToken: string };
      const loggedOut = grill.page.waitForResponse((response) =>
        response.url().endsWith('/api/v1/auth/logout'),
      );
      await grill.page.getByRole('button', { name: 'Sign out' }).click();
      expect((await loggedOut).status()).toBe(204);
      await grill.page.getByRole('heading', { name: 'Who is signing in?' }).waitFor();
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: held.refreshToken }).expect(401);

      // Revoking the expo's screen ends its cook's session at once: the screen says so, not a silent "Offline".
      const managerNow = await fresh(manager);
      const devices = (await as(t, managerNow).get('/api/v1/kitchen/devices').expect(200)).body
        .items as Array<{
        id: string;
        name: string;
      }>;
      const pass = devices.find((device) => device.name === 'Pass')!;
      await as(t, managerNow).delete(`/api/v1/kitchen/devices/${pass.id}`).expect(204);
      await expo.page
        .getByText('This screen was removed by a manager. Pair it again with a new code.')
        .waitFor({ timeout: 10_000 });
    },
    NIGHT_MS + 120_000,
  );
});
