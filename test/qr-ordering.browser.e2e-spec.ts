import { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, describeInBrowser, keepScreenshot, openChromium, watchProblems } from './support/browser';
import { Role } from '../src/common/access/role';
import { formatMinorUnits } from '../src/i18n/money-format';
import { as, loginAdmin, newStaff, NewStaff, postFrom } from './support/clients';
import { factories } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type Dish = { id: string; name: string; variations: Array<{ id: string; name: string; price: number }> };
type Table = { id: string; name: string; qrToken: string };
type Order = {
  id: string;
  status: string;
  total: number;
  notes: string | null;
  items: Array<{
    id: string;
    name: string;
    variationName: string;
    quantity: number;
    comment: string | null;
    total: number;
    modifiers: Array<{ groupName: string; name: string; priceDelta: number }>;
  }>;
};

/** A guest's phone on a table's page, with what went wrong in it: CSP refusals and script errors. */
interface Guest {
  page: Page;
  problems: string[];
  close(): Promise<void>;
}

describeInBrowser(`Ordering from the QR page in a real browser (${CHROMIUM})`, () => {
  let t: TestApp;
  let browser: Browser;
  let waiter: NewStaff;
  let kitchen: NewStaff;
  let manager: NewStaff;
  let admin: Awaited<ReturnType<typeof loginAdmin>>;
  let make: ReturnType<typeof factories>;
  let beer: Dish;
  let mains: { id: string };
  let grill: { id: string };

  beforeAll(async () => {
    t = await startTestApp({ QR_ORDERING: 'true', CURRENCY: 'EUR', RESTAURANT_NAME: 'Chez Test' });
    admin = await loginAdmin(t);
    make = factories(t, admin);
    [waiter, kitchen, manager] = await Promise.all(
      [Role.Waiter, Role.Kitchen, Role.Manager].map((role) => newStaff(t, role)),
    );
    mains = await make.newCategory('Mains');
    const drinks = await make.newCategory('Drinks', 1);
    grill = await make.newStation('Grill');
    const bar = await make.newStation('Bar');
    await make.newDish({
      name: 'Burger',
      categoryId: mains.id,
      stationId: grill.id,
      variations: [
        { name: 'Regular', price: 1200 },
        { name: 'Double', price: 1650 },
      ],
    });
    await make.newDish({ name: 'Fries', categoryId: mains.id, stationId: grill.id, price: 450 });
    beer = await make.newDish({ name: 'Beer', categoryId: drinks.id, stationId: bar.id, price: 550 });
    browser = await openChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Opens the table's page on a 390×844 touch phone; `offline` keeps its socket from ever connecting. */
  async function openPage(table: Table, { offline = false } = {}): Promise<Guest> {
    const context: BrowserContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const problems = watchProblems(page);
    if (offline) await page.route(/\/socket\.io\/\?/, (route) => route.abort());
    await page.goto(`${t.url}/t/${table.qrToken}`);
    if (!offline) await page.locator('body[data-live="true"]').waitFor();
    return { page, problems, close: () => context.close() };
  }

  /** Opens a dish's sheet, makes the choices, and adds it to the cart. */
  async function addDish(
    page: Page,
    name: string,
    { variation, more = 0, comment }: { variation?: string; more?: number; comment?: string } = {},
  ): Promise<void> {
    await page.getByRole('button', { name: `Add ${name}`, exact: true }).tap();
    const sheet = page.locator('#dish-sheet');
    await sheet.getByRole('heading', { name }).waitFor();
    if (variation) await sheet.getByRole('radio', { name: new RegExp(`^${variation}`) }).tap();
    for (let i = 0; i < more; i++) await sheet.getByRole('button', { name: 'One more' }).tap();
    if (comment) await sheet.getByLabel('Comment for the kitchen (optional)').fill(comment);
    await sheet.getByRole('button', { name: /^Add \d+ to order/ }).tap();
    await sheet.waitFor({ state: 'hidden' });
  }

  async function ordersOf(table: Table): Promise<Order[]> {
    const response = await as(t, waiter.session).get(`/api/v1/orders?tableId=${table.id}`).expect(200);
    return response.body.items as Order[];
  }

  const statusOf = (page: Page, words: string) =>
    page.locator('.order-status', { hasText: new RegExp(`^${words}$`) }).waitFor({ timeout: 10_000 });

  it('orders from a phone: a retried and double-tapped Send makes one order, followed live until served', async () => {
    const table = await make.newTable('Terrace 2');
    const { page, problems, close } = await openPage(table);

    await addDish(page, 'Burger', { variation: 'Double', more: 1, comment: 'no onions' });
    await addDish(page, 'Fries');
    await addDish(page, 'Beer');
    await page.getByText('Added 1 × Beer to your order.').waitFor();
    await page.locator('#open-cart').tap();
    const cart = page.locator('#cart');
    await cart.getByRole('button', { name: 'One more Beer' }).tap();
    expect(await cart.locator('.line-head').allInnerTexts()).toEqual([
      '2 × Burger (Double)\n€33.00',
      '1 × Fries\n€4.50',
      '2 × Beer\n€11.00',
    ]);
    await cart.getByLabel('Note for the waiter (optional)').fill('birthday');
    const shownTotal = await cart.locator('#cart-total').innerText();
    expect(shownTotal).toBe('€48.50');

    // The first reply is lost on the way back: the order exists, but the phone only sees a network error.
    const keys: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/orders')) {
        keys.push(request.headers()['idempotency-key']);
      }
    });
    await page.route(
      '**/orders',
      async (route) => {
        await route.fetch();
        await route.abort('failed');
      },
      { times: 1 },
    );
    const send = cart.getByRole('button', { name: 'Send order' });
    await send.tap();
    await cart.getByText('We could not reach the restaurant').waitFor();
    expect(await ordersOf(table)).toHaveLength(1);

    // The guest taps again, twice in a row: the same key replays the order that exists.
    const box = (await send.boundingBox())!;
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await statusOf(page, 'Waiting for a waiter to confirm');
    expect(await cart.isVisible()).toBe(false);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);

    const orders = await ordersOf(table);
    expect(orders).toHaveLength(1);
    const [order] = orders;
    expect(formatMinorUnits(order.total, 'EUR')).toBe(shownTotal);
    expect(order.notes).toBe('birthday');
    expect(order.items.map((item) => [item.name, item.variationName, item.quantity, item.comment])).toEqual([
      ['Burger', 'Double', 2, 'no onions'],
      ['Fries', 'Regular', 1, null],
      ['Beer', 'Regular', 2, null],
    ]);
    const shown = page.locator('.order');
    expect(await shown.getByRole('heading').innerText()).toMatch(/^Order \d+$/);
    expect(await shown.locator('.order-total').innerText()).toBe(shownTotal);
    expect(await page.locator('#open-cart').isVisible()).toBe(false);

    // The floor and the kitchen move it along; the guest's page follows.
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'open' })
      .expect(200);
    await statusOf(page, 'Confirmed');
    const item = (id: string, status: string, who = kitchen) =>
      as(t, who.session).patch(`/api/v1/orders/${order.id}/items/${id}/status`).send({ status }).expect(200);
    await item(order.items[0].id, 'in_progress');
    await statusOf(page, 'Being prepared');
    for (const { id } of order.items) await item(id, 'ready');
    await statusOf(page, 'Ready');
    for (const { id } of order.items) await item(id, 'served', waiter);
    await statusOf(page, 'Served');
    expect(await page.locator('.order .steps li.done').count()).toBe(5);

    expect(problems).toEqual([]);
    await keepScreenshot(page, 'qr-ordering');
    await close();
  });

  it('marks a dish 86’d while it is in the cart as sold out, and sends the rest', async () => {
    const table = await make.newTable('Terrace 3');
    const tiramisu = await make.newDish({
      name: 'Tiramisu',
      categoryId: mains.id,
      stationId: grill.id,
      price: 750,
    });
    const { page, problems, close } = await openPage(table);
    await addDish(page, 'Tiramisu');
    await addDish(page, 'Fries');

    await as(t, manager.session)
      .patch(`/api/v1/dishes/${tiramisu.id}/availability`)
      .send({ available: false })
      .expect(200);
    await page.locator('#notice', { hasText: 'Sorry, Tiramisu has just sold out' }).waitFor();
    await page.locator('#open-cart').tap();
    const cart = page.locator('#cart');
    expect(await cart.locator('.line.unavailable .sold-out').innerText()).toBe(
      'Sorry, Tiramisu has just sold out',
    );
    expect(await cart.locator('#cart-total').innerText()).toBe('€4.50');

    await cart.getByRole('button', { name: 'Send order' }).tap();
    await statusOf(page, 'Waiting for a waiter to confirm');
    const orders = await ordersOf(table);
    expect(orders.map((order) => order.items.map((item) => item.name))).toEqual([['Fries']]);
    expect(problems).toEqual([]);
    await close();
  });

  it('says which dish sold out when the order is refused for it (a page that missed the live news)', async () => {
    const table = await make.newTable('Terrace 4');
    const soup = await make.newDish({
      name: 'Soup',
      categoryId: mains.id,
      stationId: grill.id,
      price: 600,
    });
    const { page, problems, close } = await openPage(table, { offline: true });
    await addDish(page, 'Soup');
    await addDish(page, 'Beer');
    await as(t, manager.session)
      .patch(`/api/v1/dishes/${soup.id}/availability`)
      .send({ available: false })
      .expect(200);

    await page.locator('#open-cart').tap();
    const cart = page.locator('#cart');
    await cart.getByRole('button', { name: 'Send order' }).tap();
    await cart
      .locator('#cart-status', {
        hasText: 'Sorry, Soup has just sold out. Tap Send order to send the rest',
      })
      .waitFor();
    expect(await cart.locator('.line.unavailable .line-head').innerText()).toBe('1 × Soup\n€6.00');
    expect(await cart.locator('#cart-total').innerText()).toBe('€5.50');
    expect(await ordersOf(table)).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });

  it('tells a guest who sent too many orders how long to wait', async () => {
    const table = await make.newTable('Terrace 5');
    // This phone (127.0.0.1) has already sent the 5 orders its device may send in ten minutes.
    for (let i = 0; i < 5; i++) {
      const sent = await postFrom(t, '127.0.0.1', `/api/v1/public/tables/${table.qrToken}/orders`, {
        items: [{ dishId: beer.id, quantity: 1 }],
      });
      expect(sent.status).toBe(201);
    }
    const { page, problems, close } = await openPage(table);
    await addDish(page, 'Fries');
    await page.locator('#open-cart').tap();
    const cart = page.locator('#cart');
    const reply = page.waitForResponse((response) => response.url().endsWith('/orders'));
    await cart.getByRole('button', { name: 'Send order' }).tap();
    const retryAfter = (await reply).headers()['retry-after'];
    expect((await reply).status()).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    await cart
      .locator('#cart-status', {
        hasText: `You’ve sent several orders in a short time. Please wait ${retryAfter} seconds or call a waiter.`,
      })
      .waitFor();
    expect(await cart.getByRole('button', { name: 'Send order' }).isEnabled()).toBe(true);
    expect(await ordersOf(table)).toHaveLength(5);
    expect(problems).toEqual([]);
    await close();
  });

  it('lets a guest choose modifiers within each group’s limits and orders them as chosen', async () => {
    const table = await make.newTable('Terrace 6');
    const sauce = await make.newModifierGroup({
      name: 'Sauce',
      minChoices: 1,
      maxChoices: 1,
      options: [
        { name: 'Ketchup', priceDelta: 0, sortOrder: 0 },
        { name: 'Mayo', priceDelta: 50, sortOrder: 1 },
      ],
    });
    const extras = await make.newModifierGroup({
      name: 'Extras',
      minChoices: 0,
      maxChoices: 2,
      options: [
        { name: 'Cheese', priceDelta: 150, sortOrder: 0 },
        { name: 'Bacon', priceDelta: 200, sortOrder: 1 },
        { name: 'Egg', priceDelta: 100, sortOrder: 2 },
      ],
    });
    const smash = await make.newDish({
      name: 'Smash',
      categoryId: mains.id,
      stationId: grill.id,
      variations: [
        { name: 'Regular', price: 1200 },
        { name: 'Double', price: 1650 },
      ],
    });
    await as(t, admin)
      .patch(`/api/v1/dishes/${smash.id}`)
      .send({ modifierGroupIds: [sauce.id, extras.id] })
      .expect(200);

    const { page, problems, close } = await openPage(table);
    await page.getByRole('button', { name: 'Add Smash', exact: true }).tap();
    const sheet = page.locator('#dish-sheet');
    await sheet.getByRole('group', { name: 'Sauce (Choose 1)' }).waitFor();
    expect(await sheet.getByRole('group', { name: 'Extras (Optional, up to 2)' }).isVisible()).toBe(true);
    expect(await sheet.getByRole('radio', { name: 'Mayo +€0.50' }).isVisible()).toBe(true);

    // Nothing chosen in a required group: the sheet says so and keeps the dish.
    const add = sheet.getByRole('button', { name: /^Add \d+ to order/ });
    await add.tap();
    await sheet.getByText('Sauce: please choose one').waitFor();
    await sheet.getByRole('radio', { name: 'Mayo +€0.50' }).tap();
    await sheet.getByRole('checkbox', { name: 'Cheese +€1.50' }).tap();
    await sheet.getByRole('checkbox', { name: 'Bacon +€2.00' }).tap();
    expect(await sheet.getByRole('checkbox', { name: 'Egg +€1.00' }).isDisabled()).toBe(true);
    expect(await sheet.getByText('Sauce: please choose one').count()).toBe(0);
    await sheet.getByRole('radio', { name: /^Double/ }).tap();
    expect(await add.innerText()).toBe('Add 1 to order · €20.50');
    await add.tap();
    await sheet.waitFor({ state: 'hidden' });

    await page.locator('#open-cart').tap();
    const cart = page.locator('#cart');
    expect(await cart.locator('.line-head').innerText()).toBe('1 × Smash (Double)\n€20.50');
    expect(await cart.locator('.line .line-detail').innerText()).toBe(
      'Mayo +€0.50 · Cheese +€1.50 · Bacon +€2.00',
    );
    await cart.getByRole('button', { name: 'One more Smash' }).tap();
    expect(await cart.locator('#cart-total').innerText()).toBe('€41.00');
    await cart.getByRole('button', { name: 'Send order' }).tap();
    await statusOf(page, 'Waiting for a waiter to confirm');

    // The restaurant receives what the guest chose, priced as the page showed it.
    const [order] = await ordersOf(table);
    expect(order.total).toBe(4100);
    expect(order.items).toHaveLength(1);
    expect(order.items[0]).toMatchObject({
      name: 'Smash',
      variationName: 'Double',
      quantity: 2,
      total: 4100,
    });
    expect(order.items[0].modifiers.map((m) => [m.groupName, m.name, m.priceDelta])).toEqual([
      ['Sauce', 'Mayo', 50],
      ['Extras', 'Cheese', 150],
      ['Extras', 'Bacon', 200],
    ]);
    expect(await page.locator('.order .order-total').innerText()).toBe('€41.00');
    expect(problems).toEqual([]);
    await close();
  });
});
