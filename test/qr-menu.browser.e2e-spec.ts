import { Browser } from 'playwright-core';
import { CHROMIUM, describeInBrowser, keepScreenshot, openChromium } from './support/browser';
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff } from './support/clients';
import { factories } from './support/factories';
import { connect, TestSocket } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

describeInBrowser(`The QR menu page in a real browser (${CHROMIUM})`, () => {
  let t: TestApp;
  let browser: Browser;
  let waiterSocket: TestSocket;

  beforeAll(async () => {
    t = await startTestApp({ CURRENCY: 'EUR', RESTAURANT_NAME: 'Chez Test' });
    browser = await openChromium();
  });

  afterAll(async () => {
    waiterSocket?.close();
    await browser?.close();
    await t?.close();
  });

  it('shows the menu on a phone, drops an 86’d dish live, and calls a waiter', async () => {
    const admin = await loginAdmin(t);
    const make = factories(t, admin);
    const table = await make.newTable('Window 4');
    const category = await make.newCategory('Desserts');
    const station = await make.newStation('Pastry');
    const eggs = await make.newIngredient('Eggs', ['eggs']);
    const tiramisu = await make.newDish({
      name: 'Tiramisu',
      description: 'Mascarpone, espresso',
      categoryId: category.id,
      stationId: station.id,
      price: 750,
      ingredientIds: [eggs.id],
    });
    await make.newDish({ name: 'Panna cotta', categoryId: category.id, stationId: station.id, price: 650 });
    const waiter = await newStaff(t, Role.Waiter);
    waiterSocket = await connect(t, { token: waiter.session.accessToken });

    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
    });
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${t.url}/t/${table.qrToken}`);
    await page.getByRole('heading', { name: 'Tiramisu' }).waitFor();
    expect(await page.getByText('€7.50').isVisible()).toBe(true);
    expect(await page.getByText('Window 4').isVisible()).toBe(true);
    expect(await page.locator('.allergen', { hasText: 'Eggs' }).count()).toBe(1);
    await page.locator('body[data-live="true"]').waitFor();

    const manager = await newStaff(t, Role.Manager);
    await as(t, manager.session)
      .patch(`/api/v1/dishes/${tiramisu.id}/availability`)
      .send({ available: false })
      .expect(200);
    await page.getByRole('heading', { name: 'Tiramisu' }).waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.getByRole('heading', { name: 'Panna cotta' }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Call waiter' }).click();
    await page.getByText('A waiter is on the way.').waitFor();
    await waiterSocket.until((events) => events.some((event) => event.type === 'waiter.called'));
    expect(waiterSocket.received.find((event) => event.type === 'waiter.called')?.data).toEqual({
      tableId: table.id,
      tableName: 'Window 4',
    });

    expect(cspViolations).toEqual([]);
    await keepScreenshot(page, 'qr-menu');
  });

  it('names the table once and shows each dish’s modifier groups with their prices', async () => {
    const admin = await loginAdmin(t);
    const make = factories(t, admin);
    const [tableOne, five] = [await make.newTable('Table 1'), await make.newTable('5')];
    const category = await make.newCategory('Burgers');
    const station = await make.newStation('Grill');
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
      options: [{ name: 'Cheese', priceDelta: 150, sortOrder: 0 }],
    });
    const burger = await make.newDish({
      name: 'Burger',
      categoryId: category.id,
      stationId: station.id,
      price: 1200,
    });
    await as(t, admin)
      .patch(`/api/v1/dishes/${burger.id}`)
      .send({ modifierGroupIds: [sauce.id, extras.id] })
      .expect(200);

    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(`${t.url}/t/${tableOne.qrToken}`);
    await page.getByRole('heading', { name: 'Burger', exact: true }).waitFor();
    expect(words(await page.locator('header').textContent())).toBe('Chez Test Table 1');
    expect(await page.title()).toBe('Chez Test · Table 1');
    const card = page.locator('article', { has: page.getByRole('heading', { name: 'Burger', exact: true }) });
    const sauces = card.locator(`[data-modifier-group-id="${sauce.id}"]`);
    expect(words(await sauces.locator('p').textContent())).toBe('Sauce (Choose 1)');
    expect(await sauces.locator('li span:not(.price)').allTextContents()).toEqual(['Ketchup', 'Mayo']);
    expect(await sauces.locator('li .price').allTextContents()).toEqual(['', '+€0.50']);
    const extra = card.locator(`[data-modifier-group-id="${extras.id}"]`);
    expect(words(await extra.locator('p').textContent())).toBe('Extras (Optional)');
    expect(await extra.locator('li span:not(.price)').allTextContents()).toEqual(['Cheese']);
    expect(await extra.locator('li .price').allTextContents()).toEqual(['+€1.50']);
    expect(await extra.isVisible()).toBe(true);

    await page.goto(`${t.url}/t/${five.qrToken}`);
    expect(words(await page.locator('#table-name').textContent())).toBe('Table 5');
    await page.close();
  });
});

/** Text as a reader sees it: whitespace runs as one space. */
const words = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
