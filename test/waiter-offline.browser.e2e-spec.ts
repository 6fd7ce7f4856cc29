import type { Browser, Page } from 'playwright-core';
import { addDish, sendOrder, signIn, signOutWarned, tableTile } from '../scripts/waiter-tablet-driver';
import { CHROMIUM, describeInBrowser, keepScreenshot, openChromium } from './support/browser';
import { as, displayNameOf } from './support/clients';
import { openSockets } from './support/sockets';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import { startTestApp, type TestApp } from './support/test-app';
import {
  ordersAt as ordersAtTable,
  setUpWaiterRestaurant,
  type WaiterRestaurant,
} from './support/waiter-fixture';
import { openWaiterTablet, type TabletOptions, type WaiterTablet } from './support/waiter-tablet';

type Item = { id: string; name: string; status: string; quantity: number };
type Order = { id: string; number: number; status: string; version: number; items: Item[] };

/**
 * The tablet behind a proxy of its own, so the service can be killed and started again at the same address, as a
 * tablet sees a restart of the box in the back office.
 */
describeInBrowser(`The waiter tablet offline (${CHROMIUM})`, () => {
  let t: TestApp;
  let proxy: TcpProxy;
  let browser: Browser;
  let r: WaiterRestaurant;
  const tablets: WaiterTablet[] = [];
  const open = openSockets(() => t);
  const baseUrl = () => `http://127.0.0.1:${proxy.port}`;

  beforeAll(async () => {
    t = await startTestApp({ CURRENCY: 'EUR', RESTAURANT_NAME: 'Chez Test' });
    proxy = await startTcpProxy('127.0.0.1', Number(new URL(t.url).port));
    r = await setUpWaiterRestaurant(t);
    browser = await openChromium();
  });

  afterEach(async () => {
    const problems = tablets.flatMap((tablet) => tablet.problems);
    await Promise.all(tablets.splice(0).map((tablet) => tablet.close()));
    expect(problems.filter((problem) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED/.test(problem))).toEqual(
      [],
    );
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await t?.close();
  });

  async function tablet(
    options: Pick<TabletOptions, 'serviceWorker' | 'beforeSignIn'> & {
      waiter?: WaiterRestaurant['waiter'];
    } = {},
  ) {
    const opened = await openWaiterTablet(browser, { baseUrl: baseUrl(), waiter: r.waiter, ...options });
    tablets.push(opened);
    return opened;
  }

  const ordersAt = (tableId: string) => ordersAtTable<Order>(t, r, tableId);

  /** A table of a test's own, in T1's room (the fixture's T1 to T4 are shared by the tests here). */
  async function newTable(name: string): Promise<{ id: string; name: string }> {
    const { locationId } = (await as(t, r.admin).get(`/api/v1/tables/${r.tables[0].id}`).expect(200))
      .body as {
      locationId: string;
    };
    return (await as(t, r.admin).post('/api/v1/tables').send({ name, locationId, seats: 4 }).expect(201))
      .body as { id: string; name: string };
  }

  const waitingIs = (page: Page, count: number) =>
    page
      .getByRole('button', { name: /^Outbox:/ })
      .filter({ hasText: count === 0 ? 'All sent' : `${count} not sent yet` })
      .waitFor();

  it('takes an order and a line offline, survives a reload, and sends them once: one order with both lines, in the kitchen once', async () => {
    const [t1] = r.tables;
    const kitchen = await open({ token: r.cook.session.accessToken });
    const { page, context } = await tablet({ serviceWorker: true });
    // The worker installs on the first visit; from the next start on it answers the app and its last data.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.reload();
    await tableTile(page, 'T1').waitFor();
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    await tableTile(page, 'T1').click();
    await page.getByRole('button', { name: 'Add items' }).click();
    await page.getByRole('region', { name: 'Menu' }).locator('.dish').first().waitFor();
    await page.getByRole('button', { name: 'Floor' }).click();

    await context.setOffline(true);
    await page
      .getByRole('status')
      .filter({ hasText: /^Offline since/ })
      .waitFor();
    await tableTile(page, 'T1').click();
    await addDish(page, 'Burger', ['Medium']);
    await sendOrder(page);
    await waitingIs(page, 1);
    await addDish(page, 'Fries');
    await sendOrder(page);
    await waitingIs(page, 2);
    await keepScreenshot(page, 'waiter-offline');

    await page.reload();
    await waitingIs(page, 2);
    await tableTile(page, 'T1').filter({ hasText: 'Not sent' }).click();
    await page.locator('.line.status-unsent').nth(1).waitFor();
    expect(await ordersAt(t1.id)).toEqual([]);

    await context.setOffline(false);
    await waitingIs(page, 0);
    const orders = await ordersAt(t1.id);
    expect(orders).toHaveLength(1);
    expect(orders[0].items.map((item) => [item.name, item.quantity]).sort()).toEqual([
      ['Burger', 1],
      ['Fries', 1],
    ]);
    await page.locator('.line.status-new').nth(1).waitFor();

    // A later order is the marker: had the tablet sent the first twice, the kitchen would have had it before.
    const marker = await as(t, r.waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.dishes.fries.id, quantity: 1 }] })
      .expect(201);
    const before = await kitchen.receivedBefore(
      (event) => event.type === 'order.created' && event.data.id === marker.body.id,
    );
    const forOrder = before.filter((event) => event.data.id === orders[0].id);
    expect(forOrder.filter((event) => event.type === 'order.created')).toHaveLength(1);
    expect(forOrder.map((event) => (event.data.items as Item[]).length)).toEqual([1, 2]);
  });

  it('keeps a table an event showed ordered while the load of its first connect was still on the way', async () => {
    // An area and a table of their own; the area's new name shows once that load has landed.
    const patio = (await as(t, r.admin).post('/api/v1/locations').send({ name: 'Patio' }).expect(201))
      .body as { id: string };
    const t6 = (
      await as(t, r.admin)
        .post('/api/v1/tables')
        .send({ name: 'T6', locationId: patio.id, seats: 2 })
        .expect(201)
    ).body as { id: string };
    const connectLoadHeld = deferred();
    const release = deferred();
    let orderReads = 0;
    let locationReads = 0;
    let held = 0;
    // The load's six reads: the live orders by status (five) and the areas.
    const hold = () => (held += 1) === 6 && connectLoadHeld.resolve();
    const { page } = await tablet({
      beforeSignIn: async (context) => {
        // The cold start's reads pass. The first connect's load reads the live orders now, before the order
        // below exists, and its answers arrive after that order's event.
        await context.route(/\/api\/v1\/orders\?status=/, async (route) => {
          if ((orderReads += 1) <= 5) return route.continue();
          const answer = await route.fetch();
          hold();
          await release.promise;
          await route.fulfill({ response: answer });
        });
        await context.route(/\/api\/v1\/locations\?/, async (route) => {
          if ((locationReads += 1) === 1) return route.continue();
          hold();
          await release.promise;
          await route.continue();
        });
      },
    });
    await connectLoadHeld.promise;
    await tableTile(page, 'T6').and(page.locator('[data-state="free"]')).waitFor();
    await as(t, r.otherWaiter.session)
      .post('/api/v1/orders')
      .send({ type: 'dine_in', tableId: t6.id, items: [{ dishId: r.dishes.beer.id, quantity: 1 }] })
      .expect(201);
    await tableTile(page, 'T6').and(page.locator('[data-state="ordered"]')).waitFor();
    await as(t, r.admin).patch(`/api/v1/locations/${patio.id}`).send({ name: 'Garden' }).expect(200);

    release.resolve();
    await page.getByRole('region', { name: 'Garden' }).waitFor();
    expect(await tableTile(page, 'T6').getAttribute('data-state')).toBe('ordered');
  });

  it('reloaded offline, shows a table ordered since the last load as ordered, and a line added there joins its order', async () => {
    const t5 = await newTable('T5');
    const { page, context } = await tablet({ serviceWorker: true });
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.reload();
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    await tableTile(page, 'T5').and(page.locator('[data-state="free"]')).waitFor();
    // Another tablet opens T5 after this one loaded the floor: this one knows it from the event only.
    await as(t, r.otherWaiter.session)
      .post('/api/v1/orders')
      .send({ type: 'dine_in', tableId: t5.id, items: [{ dishId: r.dishes.beer.id, quantity: 1 }] })
      .expect(201);
    await tableTile(page, 'T5').and(page.locator('[data-state="ordered"]')).waitFor();

    await context.setOffline(true);
    await page
      .getByRole('status')
      .filter({ hasText: /^Offline since/ })
      .waitFor();
    await page.reload();
    await tableTile(page, 'T5').waitFor();
    expect(await tableTile(page, 'T5').getAttribute('data-state')).toBe('ordered');
    await tableTile(page, 'T5').click();
    await addDish(page, 'Fries');
    await sendOrder(page);
    await waitingIs(page, 1);

    await context.setOffline(false);
    await waitingIs(page, 0);
    const orders = await ordersAt(t5.id);
    expect(orders).toHaveLength(1);
    expect(orders[0].items.map((item) => item.name).sort()).toEqual(['Beer', 'Fries']);
  });

  it('sends an order once when the service is killed after applying it and before answering, then started again', async () => {
    const [, t2] = r.tables;
    const { page } = await tablet();
    let posts = 0;
    await page.route(/\/api\/v1\/orders$/, async (route) => {
      if (route.request().method() !== 'POST' || (posts += 1) > 1) return route.continue();
      // The order reaches the service and commits; the service dies before its reply leaves.
      await route.fetch();
      proxy.cut();
      t = await t.restart();
      proxy.retarget(Number(new URL(t.url).port));
      await route.abort('connectionreset');
      proxy.restore();
    });
    await tableTile(page, 'T2').click();
    await addDish(page, 'Beer');
    await sendOrder(page);
    // The line as the service holds it: the retry's reply (the first reply is lost with the service).
    await page.locator('.line[data-line^="Beer"]').filter({ hasText: 'Sent' }).waitFor();
    await waitingIs(page, 0);
    expect(posts).toBe(2);
    const orders = await ordersAt(t2.id);
    expect(orders).toHaveLength(1);
    expect(orders[0].items.map((item) => item.name)).toEqual(['Beer']);
  });

  /**
   * An order with a cheesecake at `table`, open on two tablets; offline, the first adds fries and the second a beer.
   * The first is back and sends; the second, back, is asked: its conflict dialog, open.
   */
  async function twoTabletsInConflict(table: { id: string; name: string }) {
    await as(t, r.waiter.session)
      .post('/api/v1/orders')
      .send({
        type: 'dine_in',
        tableId: table.id,
        guests: 2,
        items: [{ dishId: r.dishes.cake.id, quantity: 1 }],
      })
      .expect(201);
    const first = await tablet();
    const second = await tablet({ waiter: r.otherWaiter });
    for (const { page } of [first, second]) {
      await tableTile(page, table.name).click();
      await page.locator('.line[data-line^="Cheesecake"]').waitFor();
    }
    await Promise.all([first, second].map(({ context }) => context.setOffline(true)));
    await addDish(first.page, 'Fries');
    await sendOrder(first.page);
    await addDish(second.page, 'Beer');
    await sendOrder(second.page);
    await Promise.all([first, second].map(({ page }) => waitingIs(page, 1)));

    await first.context.setOffline(false);
    await waitingIs(first.page, 0);
    await second.context.setOffline(false);
    const conflict = second.page.getByRole('dialog', { name: 'Conflict' });
    await conflict.waitFor();
    return { second, conflict };
  }

  /** The order at `tableId` has each of the three lines once, and the second tablet shows the first's. */
  async function bothChangesOnce(tableId: string, second: WaiterTablet) {
    const [order] = await ordersAt(tableId);
    expect(order.items.map((item) => item.name).sort()).toEqual(['Beer', 'Cheesecake', 'Fries']);
    await second.page.locator('.line[data-line^="Fries"]').waitFor();
  }

  it('shows the second of two tablets that changed one order offline both versions, and applies its change once chosen', async () => {
    const [, , t3] = r.tables;
    const { second, conflict } = await twoTabletsInConflict(t3);
    await expect(conflict.getByRole('region', { name: 'Your version' }).innerText()).resolves.toMatch(
      /1 × Cheesecake[\s\S]*Your change:[\s\S]*Add 1 × Beer/,
    );
    await expect(conflict.getByRole('region', { name: 'Now on the order' }).innerText()).resolves.toMatch(
      /1 × Fries/,
    );
    await keepScreenshot(second.page, 'waiter-conflict');
    expect(await second.waiting()).toBe(1);
    await conflict.getByRole('button', { name: 'Apply my change on top' }).click();
    await waitingIs(second.page, 0);
    await bothChangesOnce(t3.id, second);
  });

  it('applies the change once chosen while another try of it, made before the choice, is still on the way', async () => {
    const t7 = await newTable('T7');
    const { second, conflict } = await twoTabletsInConflict(t7);
    // The tablet tries the held write again as its socket comes back (a blip of the network): that try is kept on
    // the way until the waiter has chosen, and is then refused again, against the version it was made on.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const onTheWay = new Promise<void>((arrived) => {
      void second.page.route('**/api/v1/orders/*/items', async (route) => {
        arrived();
        await released;
        await route.continue();
      });
    });
    await second.context.setOffline(true);
    await second.context.setOffline(false);
    await onTheWay;
    await conflict.getByRole('button', { name: 'Apply my change on top' }).click();
    release();
    await waitingIs(second.page, 0);
    await bothChangesOnce(t7.id, second);
    expect(await conflict.isVisible()).toBe(false);
  });

  it('warns a waiter signing out with a line not sent, ends their session once online, and never sends it as the next waiter', async () => {
    const table = await newTable('T13');
    const { page, context } = await tablet();
    await tableTile(page, table.name).click();
    await context.setOffline(true);
    await addDish(page, 'Fries');
    await sendOrder(page);
    await waitingIs(page, 1);
    const accessToken = await signOutWarned(page, '1 change is not sent yet');

    // Back online, the tablet ends the session it could not end offline.
    await context.setOffline(false);
    const me = () => t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${accessToken}`);
    while ((await me()).status === 200) await page.waitForTimeout(200);

    await signIn(page, baseUrl(), { displayName: displayNameOf(r.otherWaiter), pin: r.otherWaiter.pin });
    await page.getByText(`${displayNameOf(r.waiter)} made it and signed out before it was sent`).waitFor();
    await waitingIs(page, 0);
    expect(await ordersAt(table.id)).toEqual([]);
  });

  it('asks the waiter about a line added offline to a check another tablet merged away, and adds it nowhere once dropped', async () => {
    const [, , , t4] = r.tables;
    const open = async (dish: { id: string }) =>
      (
        await as(t, r.waiter.session)
          .post('/api/v1/orders')
          .send({ type: 'dine_in', tableId: t4.id, guests: 2, items: [{ dishId: dish.id, quantity: 1 }] })
          .expect(201)
      ).body as Order;
    const mergedAway = await open(r.dishes.cake);
    const kept = await open(r.dishes.beer);
    const { page, context } = await tablet();
    await tableTile(page, 'T4').click();
    await page.locator('.line[data-line^="Cheesecake"]').waitFor();
    await context.setOffline(true);
    await addDish(page, 'Fries');
    await sendOrder(page);
    await waitingIs(page, 1);
    await as(t, r.otherWaiter.session)
      .post(`/api/v1/orders/${kept.id}/merge`)
      .send({ fromOrderIds: [mergedAway.id] })
      .expect(200);

    await context.setOffline(false);
    const conflict = page.getByRole('dialog', { name: 'Conflict' });
    await conflict.waitFor();
    await expect(conflict.getByRole('region', { name: 'Now on the order' }).innerText()).resolves.toMatch(
      /cancelled/,
    );
    await conflict.getByRole('button', { name: 'Apply my change on top' }).click();
    // On top of a cancelled check the service refuses it for another reason: said, dropped, no second dialog.
    await page
      .getByRole('alert')
      .filter({ hasText: /Not done: Add .*Fries/ })
      .waitFor();
    await conflict.waitFor({ state: 'detached' });
    await waitingIs(page, 0);

    const [order] = await ordersAt(t4.id);
    expect(order.id).toBe(kept.id);
    expect(order.items.map((item) => item.name).sort()).toEqual(['Beer', 'Cheesecake']);
    const away = await as(t, r.manager.session).get(`/api/v1/orders/${mergedAway.id}`).expect(200);
    expect(away.body).toMatchObject({ status: 'cancelled', items: [] });
  });
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}
