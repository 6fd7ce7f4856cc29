import { Browser } from 'playwright-core';
import { CHROMIUM, describeInBrowser, keepScreenshot, launchChromium } from './support/browser';
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
    browser = await launchChromium();
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
    await page.waitForFunction('window.io !== undefined');
    await page.waitForTimeout(300);

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
});
