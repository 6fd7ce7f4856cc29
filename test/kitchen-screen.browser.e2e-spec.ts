import type { Browser, Page } from 'playwright-core';
import { Role } from '../src/common/access/role';
import { CHROMIUM, describeInBrowser, keepScreenshot, openChromium } from './support/browser';
import { as, loginAdmin, newStaff, type NewStaff, type Session } from './support/clients';
import { factories, type Restaurant } from './support/factories';
import {
  type KitchenScreen,
  newKitchenDevice,
  openKitchenScreen,
  ticketOf,
  TV,
} from './support/kitchen-screen';
import { type Envelope, openSockets } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

type Item = { id: string; name: string; status: string; firedAt: string | null };
type Order = { id: string; number: number; version: number; items: Item[] };

const MINUTE = 60_000;

describeInBrowser(`The kitchen screen in a real browser (${CHROMIUM})`, () => {
  let t: TestApp;
  let browser: Browser;
  let r: Restaurant;
  let waiter: NewStaff;
  let cook: NewStaff;
  let manager: NewStaff;
  let admin: Session;
  const open = openSockets(() => t);
  const screens: KitchenScreen[] = [];

  beforeAll(async () => {
    t = await startTestApp({ CURRENCY: 'EUR', RESTAURANT_NAME: 'Chez Test' });
    admin = await loginAdmin(t);
    r = await factories(t, admin).newRestaurant();
    [waiter, cook, manager] = await Promise.all(
      [Role.Waiter, Role.Kitchen, Role.Manager].map((role) => newStaff(t, role)),
    );
    browser = await openChromium();
  });

  afterEach(async () => {
    const problems = screens.flatMap((screen) => screen.problems);
    await Promise.all(screens.splice(0).map((screen) => screen.close()));
    expect(problems).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function grillScreen(options: { viewport?: typeof TV; clockAt?: Date } = {}): Promise<KitchenScreen> {
    const pairingCode = await newKitchenDevice(t, manager.session, {
      name: 'Grill screen',
      stationIds: [r.grill.id],
    });
    const screen = await openKitchenScreen(browser, t, { pairingCode, cook, ...options });
    screens.push(screen);
    return screen;
  }

  async function order(body: Record<string, unknown>): Promise<Order> {
    const created = await as(t, waiter.session).post('/api/v1/orders').send(body).expect(201);
    return created.body as Order;
  }

  const burgerAndFries = (extra: Record<string, unknown> = {}) =>
    order({
      type: 'dine_in',
      tableId: r.table.id,
      guests: 2,
      items: [
        { dishId: r.burger.id, variationId: variation('Double'), quantity: 2, seat: 1, comment: 'no onions' },
        { dishId: r.fries.id, quantity: 1, seat: 2 },
        { dishId: r.beer.id, quantity: 2 },
      ],
      ...extra,
    });

  const variation = (name: string) => r.burger.variations.find((v) => v.name === name)!.id;
  const itemNamed = (placed: Order, prefix: string) =>
    placed.items.find((item) => item.name.startsWith(prefix))!;
  const statusEvents = (events: Envelope[], itemId: string, status: string) =>
    events.filter(
      (event) =>
        event.type === 'order.item_status_changed' &&
        event.data.itemId === itemId &&
        (event.data.items as Item[]).some((item) => item.id === itemId && item.status === status),
    );
  const lineOf = (page: Page, itemId: string) => page.locator(`[data-line-id="${itemId}"]`);

  it('signs a cook in, shows a waiter’s order with its details, and bump, start and recall reach the waiter', async () => {
    const screen = await grillScreen();
    const waiterSocket = await open({ token: waiter.session.accessToken });
    const placed = await burgerAndFries();
    const burger = itemNamed(placed, 'Burger');
    const fries = itemNamed(placed, 'Fries');

    const ticket = ticketOf(screen.page, placed.number);
    await ticket.waitFor();
    expect(await ticket.locator('.title').innerText()).toBe(r.table.name);
    expect(await ticket.locator('.meta').innerText()).toMatch(/Dine in[\s\S]*2 guests/);
    expect(await lineOf(screen.page, burger.id).innerText()).toMatch(
      /2×\s*Burger \S+ \(Double\)\s*S1[\s\S]*“no onions”/,
    );
    expect(await ticket.getByText(/Beer/).count()).toBe(0);
    await keepScreenshot(screen.page, 'kitchen-screen-tablet');

    await ticket.getByRole('button', { name: 'Start' }).click();
    await waiterSocket.until((events) => statusEvents(events, fries.id, 'in_progress').length === 1);
    await waiterSocket.until((events) => statusEvents(events, burger.id, 'in_progress').length === 1);

    await lineOf(screen.page, fries.id).getByRole('button').click();
    await waiterSocket.until((events) => statusEvents(events, fries.id, 'ready').length === 1);

    await ticket.getByRole('button', { name: 'Bump' }).click();
    await waiterSocket.until((events) => statusEvents(events, burger.id, 'ready').length === 1);
    await ticket.waitFor({ state: 'detached' });

    await screen.page.getByRole('button', { name: `Recall #${placed.number}` }).click();
    await waiterSocket.until((events) => statusEvents(events, burger.id, 'in_progress').length === 2);
    await waiterSocket.until((events) => statusEvents(events, fries.id, 'in_progress').length === 2);
    await ticket.waitFor();
    expect(await lineOf(screen.page, burger.id).getAttribute('data-status')).toBe('in_progress');
  });

  it('keeps every ticket where it is when the first tap turns the chime on, on a small tablet', async () => {
    const screen = await grillScreen({ viewport: { width: 1024, height: 768 } });
    const placed = await burgerAndFries();
    const bump = ticketOf(screen.page, placed.number).getByRole('button', { name: 'Bump' });
    await bump.waitFor();
    const hint = screen.page.getByText('Tap anywhere to turn the chime on');
    await hint.waitFor();
    const before = await bump.boundingBox();

    // A cook's first tap lands anywhere; a board that moved now would move under the next one.
    await screen.page.getByRole('heading', { name: 'All day' }).click();
    await hint.waitFor({ state: 'hidden' });
    expect(await bump.boundingBox()).toEqual(before);
  });

  it('colours a ticket’s timer at the station’s thresholds as the clock moves', async () => {
    await as(t, admin)
      .patch(`/api/v1/stations/${r.grill.id}`)
      .send({ warnAfterMinutes: 2, lateAfterMinutes: 4 })
      .expect(200);
    try {
      const placed = await burgerAndFries();
      const firedAt = Date.parse(itemNamed(placed, 'Burger').firedAt!);
      const screen = await grillScreen({ clockAt: new Date(firedAt + MINUTE) });
      const ticket = ticketOf(screen.page, placed.number);
      await ticket.and(screen.page.locator('[data-timer="fresh"]')).waitFor();
      expect(await ticket.getByLabel('Age').innerText()).toBe('1:00');

      await screen.page.clock.setFixedTime(new Date(firedAt + 2 * MINUTE + 1000));
      await ticket.and(screen.page.locator('[data-timer="warn"]')).waitFor();
      await screen.page.clock.setFixedTime(new Date(firedAt + 4 * MINUTE + 1000));
      await ticket.and(screen.page.locator('[data-timer="late"]')).waitFor();
      expect(await ticket.getByLabel('Age').innerText()).toBe('4:01');
    } finally {
      await as(t, admin)
        .patch(`/api/v1/stations/${r.grill.id}`)
        .send({ warnAfterMinutes: 5, lateAfterMinutes: 8 })
        .expect(200);
    }
  });

  it('marks lines voided, changed and added after firing, shows a held course until fired, and a rush', async () => {
    const screen = await grillScreen();
    const placed = await order({
      type: 'dine_in',
      tableId: r.table.id,
      items: [
        { dishId: r.burger.id, variationId: variation('Regular'), quantity: 1 },
        { dishId: r.fries.id, quantity: 2 },
        { dishId: r.fries.id, quantity: 1, course: 2, hold: true, comment: 'extra salt' },
      ],
    });
    const ticket = ticketOf(screen.page, placed.number);
    await ticket.locator('[data-held-course="2"]').waitFor();
    const [burger, fries, heldFries] = placed.items;

    await as(t, manager.session)
      .delete(`/api/v1/orders/${placed.id}/items/${burger.id}`)
      .send({ reason: 'guest changed mind' })
      .expect(200);
    await lineOf(screen.page, burger.id).and(screen.page.locator('.voided')).waitFor();
    expect(await lineOf(screen.page, burger.id).innerText()).toMatch(/VOID[\s\S]*Void: guest changed mind/);

    await as(t, waiter.session)
      .patch(`/api/v1/orders/${placed.id}/items/${fries.id}`)
      .send({ comment: 'well done' })
      .expect(200);
    await lineOf(screen.page, fries.id).getByText('CHANGED').waitFor();

    const added = await as(t, waiter.session)
      .post(`/api/v1/orders/${placed.id}/items`)
      .send({ items: [{ dishId: r.fries.id, quantity: 1 }] })
      .expect(201);
    const addedFries = (added.body as Order).items.find(
      (item) => !placed.items.some((p) => p.id === item.id),
    )!;
    await lineOf(screen.page, addedFries.id).getByText('ADDED').waitFor();

    await as(t, waiter.session).post(`/api/v1/orders/${placed.id}/fire`).send({ course: 2 }).expect(200);
    await ticket.locator('[data-held-course="2"]').waitFor({ state: 'detached' });
    expect(await lineOf(screen.page, heldFries.id).innerText()).toContain('“extra salt”');

    await as(t, waiter.session).patch(`/api/v1/orders/${placed.id}`).send({ rush: true }).expect(200);
    await ticket.getByText('RUSH').waitFor();
  });

  it('shows when it is offline and since when, catches up after the drop, and applies an offline bump once', async () => {
    const screen = await grillScreen();
    const waiterSocket = await open({ token: waiter.session.accessToken });
    const before = await burgerAndFries();
    await ticketOf(screen.page, before.number).waitFor();

    await screen.cut();
    await screen.page
      .getByRole('status', { name: 'Connection' })
      .filter({ hasText: /^Offline since \d/ })
      .waitFor();
    const missed = await burgerAndFries();
    await ticketOf(screen.page, before.number).getByRole('button', { name: 'Bump' }).click();
    await screen.page.getByText('2 taps not sent yet').waitFor();
    await keepScreenshot(screen.page, 'kitchen-screen-offline');

    screen.restore();
    await ticketOf(screen.page, missed.number).waitFor();
    await ticketOf(screen.page, before.number).waitFor({ state: 'detached' });
    await screen.page
      .getByRole('status', { name: 'Connection' })
      .filter({ hasText: /^Live$/ })
      .waitFor();

    // A later event every waiter receives: anything doubled would have arrived before it.
    await as(t, waiter.session).patch(`/api/v1/orders/${missed.id}`).send({ rush: true }).expect(200);
    const untilMarker = await waiterSocket.receivedBefore(
      (event) => event.type === 'order.updated' && event.data.id === missed.id && event.data.rush === true,
    );
    expect(statusEvents(untilMarker, itemNamed(before, 'Burger').id, 'ready')).toHaveLength(1);
    expect(statusEvents(untilMarker, itemNamed(before, 'Fries').id, 'ready')).toHaveLength(1);
  });

  it('sends a bump again with its key when the reply was lost, and the service applies it once', async () => {
    const screen = await grillScreen();
    const waiterSocket = await open({ token: waiter.session.accessToken });
    const placed = await burgerAndFries();
    const fries = itemNamed(placed, 'Fries');
    let lost = 0;
    await screen.page.route(/\/items\/[^/]+\/status$/, async (route) => {
      if (lost > 0) return route.fallback();
      lost += 1;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await lineOf(screen.page, fries.id).getByRole('button').click();
    // The tap waits in the outbox while its reply is lost, and leaves it once the retry is answered.
    const waitingFries = lineOf(screen.page, fries.id).and(screen.page.locator('[data-waiting="true"]'));
    await waitingFries.waitFor();
    await waitingFries.waitFor({ state: 'detached' });
    expect(lost).toBe(1);
    expect(await lineOf(screen.page, fries.id).getAttribute('data-status')).toBe('ready');

    await as(t, waiter.session).patch(`/api/v1/orders/${placed.id}`).send({ rush: true }).expect(200);
    const untilMarker = await waiterSocket.receivedBefore(
      (event) => event.type === 'order.updated' && event.data.id === placed.id && event.data.rush === true,
    );
    expect(statusEvents(untilMarker, fries.id, 'ready')).toHaveLength(1);
  });

  it('asks to be paired again once a manager removed the screen', async () => {
    const created = await as(t, manager.session)
      .post('/api/v1/kitchen/devices')
      .send({ name: 'Old tablet', stationIds: [r.grill.id], expo: false })
      .expect(201);
    const screen = await openKitchenScreen(browser, t, {
      pairingCode: created.body.pairingCode as string,
      cook,
    });
    screens.push(screen);
    await as(t, manager.session)
      .delete(`/api/v1/kitchen/devices/${created.body.device.id as string}`)
      .expect(204);

    // No reload: the cook's session ends with the screen, which says why instead of a PIN pad refusing every PIN.
    const removed = screen.page.getByText(
      'This screen was removed by a manager. Pair it again with a new code.',
    );
    await removed.waitFor();
    await screen.page.getByLabel('Pairing code').waitFor();
    expect(await screen.page.getByText('That PIN is not right.').count()).toBe(0);
  });

  it('keeps two screens of one station in agreement, on a TV as on a tablet', async () => {
    const tablet = await grillScreen();
    const tv = await grillScreen({ viewport: TV });
    const waiterSocket = await open({ token: waiter.session.accessToken });
    const placed = await burgerAndFries();
    await Promise.all([tablet, tv].map((screen) => ticketOf(screen.page, placed.number).waitFor()));
    await keepScreenshot(tv.page, 'kitchen-screen-tv');

    await ticketOf(tablet.page, placed.number).getByRole('button', { name: 'Bump' }).click();
    // The service has the bump (its events are out) before the TV is asked to show it: a failure says which side.
    for (const item of [itemNamed(placed, 'Burger'), itemNamed(placed, 'Fries')]) {
      await waiterSocket.until((events) => statusEvents(events, item.id, 'ready').length === 1);
    }
    await ticketOf(tv.page, placed.number)
      .waitFor({ state: 'detached' })
      .catch(async (error: unknown) => {
        const connection = await tv.page.getByRole('status', { name: 'Connection' }).innerText();
        throw new Error(`the TV (${connection}) kept the bumped ticket: ${String(error)}`);
      });
    await tv.page.getByRole('button', { name: `Recall #${placed.number}` }).waitFor();
  });

  it('moves a takeaway order from preparing to ready on the pickup board, and off it once picked up', async () => {
    const board = await as(t, manager.session)
      .post('/api/v1/pickup-boards')
      .send({ name: 'Counter' })
      .expect(201);
    const context = await browser.newContext({ viewport: TV });
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}/pickup?board=${board.body.token as string}`);
      const placed = await order({ type: 'takeaway', items: [{ dishId: r.fries.id, quantity: 1 }] });
      const preparing = page.getByRole('region', { name: 'Preparing' });
      const ready = page.getByRole('region', { name: 'Ready' });
      await preparing.getByText(String(placed.number), { exact: true }).waitFor();

      await as(t, cook.session)
        .patch(`/api/v1/orders/${placed.id}/items/${placed.items[0].id}/status`)
        .send({ status: 'ready' })
        .expect(200);
      await ready.getByText(String(placed.number), { exact: true }).waitFor();
      expect(await preparing.getByText(String(placed.number), { exact: true }).count()).toBe(0);
      await keepScreenshot(page, 'pickup-board-tv');

      await as(t, waiter.session)
        .patch(`/api/v1/orders/${placed.id}/items/${placed.items[0].id}/status`)
        .send({ status: 'served' })
        .expect(200);
      await ready.getByText(String(placed.number), { exact: true }).waitFor({ state: 'detached' });
    } finally {
      await context.close();
    }
  });
});
