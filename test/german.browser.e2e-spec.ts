/**
 * The German walk: each page the service serves, in German with data on it, shows only texts the German
 * catalogues wrote (or the restaurant's own names, numbers, money and times). A text left in English, or typed
 * into a page outside the catalogues, fails it.
 */
import type { Browser, Page } from 'playwright-core';
import { Role } from '../src/common/access/role';
import { CATALOGUES } from '../src/i18n/catalogues';
import type { Catalogue } from '../src/i18n/translator';
import { CHROMIUM, describeInBrowser, keepScreenshot, openChromium } from './support/browser';
import { as, displayNameOf, loginAdmin, newStaff, type NewStaff } from './support/clients';
import { factories, type Restaurant } from './support/factories';
import { newKitchenDevice, openKitchenScreen, ticketOf } from './support/kitchen-screen';
import { startTestApp, type TestApp } from './support/test-app';
import { shownTexts, untranslated } from './support/untranslated';

const RESTAURANT = 'Chez Test';
const { screens, kitchen, pickup, receipt: receiptPage } = CATALOGUES;

describeInBrowser(`Every page in German (${CHROMIUM})`, () => {
  let t: TestApp;
  let browser: Browser;
  let r: Restaurant;
  let waiter: NewStaff;
  let cook: NewStaff;
  let manager: NewStaff;
  let data: string[];

  beforeAll(async () => {
    // The restaurant's locale stays English: each page is German by the device's choice alone.
    t = await startTestApp({
      CURRENCY: 'EUR',
      RESTAURANT_NAME: RESTAURANT,
      RESTAURANT_TIMEZONE: 'Europe/Berlin',
    });
    const admin = await loginAdmin(t);
    await factories(t, admin).newTaxRate({ name: 'MwSt', percent: 19, isDefault: true });
    r = await factories(t, admin).newRestaurant();
    [waiter, cook, manager] = await Promise.all(
      [Role.Waiter, Role.Kitchen, Role.Manager].map((role) => newStaff(t, role)),
    );
    data = [
      RESTAURANT,
      r.grill.name,
      r.bar.name,
      r.table.name,
      `Room for ${r.table.name}`,
      r.category.name,
      ...[r.burger, r.fries, r.beer].flatMap((dish) => [
        dish.name,
        ...dish.variations.map(({ name }) => name),
      ]),
      ...[waiter, cook, manager].map(displayNameOf),
      'Grill screen',
      'Counter',
      'ohne Zwiebeln',
    ];
    browser = await openChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function expectGerman(page: Page, catalogues: Catalogue[], name: string): Promise<void> {
    await keepScreenshot(page, `german-${name}`);
    expect(untranslated(await shownTexts(page), catalogues, data)).toEqual([]);
  }

  type Placed = { id: string; number: number; total: number };
  async function order(body: Record<string, unknown>): Promise<Placed> {
    return (await as(t, waiter.session).post('/api/v1/orders').send(body).expect(201)).body as Placed;
  }

  it('shows the kitchen screen in German once a cook chooses Deutsch, and keeps the choice on the device', async () => {
    const pairingCode = await newKitchenDevice(t, manager.session, {
      name: 'Grill screen',
      stationIds: [r.grill.id],
    });
    const screen = await openKitchenScreen(browser, t, { pairingCode, cook });
    try {
      const placed = await order({
        type: 'dine_in',
        tableId: r.table.id,
        guests: 3,
        items: [
          {
            dishId: r.burger.id,
            variationId: r.burger.variations[1].id,
            quantity: 2,
            seat: 1,
            comment: 'ohne Zwiebeln',
          },
          { dishId: r.fries.id, quantity: 1 },
        ],
      });
      await as(t, waiter.session).patch(`/api/v1/orders/${placed.id}`).send({ rush: true }).expect(200);
      const takeaway = await order({ type: 'takeaway', items: [{ dishId: r.fries.id, quantity: 1 }] });
      const { page } = screen;
      await ticketOf(page, placed.number).waitFor();
      await ticketOf(page, takeaway.number).waitFor();

      await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
      await page
        .getByRole('status', { name: 'Verbindung' })
        .filter({ hasText: /^Verbunden$/ })
        .waitFor();
      await page
        .getByRole('article', { name: `Bon ${placed.number}` })
        .getByRole('button', { name: 'Beginnen' })
        .waitFor();
      await expectGerman(page, [screens, kitchen], 'kitchen');

      // The choice is the device's: a reload starts in German; the PIN pad after signing out is German too.
      await page.reload();
      await page.getByRole('article', { name: `Bon ${takeaway.number}` }).waitFor();
      await page.getByRole('button', { name: 'Abmelden' }).click();
      await page.getByRole('heading', { name: 'Wer meldet sich an?' }).waitFor();
      await expectGerman(page, [screens, kitchen], 'kitchen-sign-in');
      expect(screen.problems).toEqual([]);
    } finally {
      await screen.close();
    }
  });

  it('shows the pickup board in the language the TV’s browser asks for', async () => {
    const board = await as(t, manager.session)
      .post('/api/v1/pickup-boards')
      .send({ name: 'Counter' })
      .expect(201);
    const placed = await order({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1 }] });
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 720 } });
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}/pickup?board=${board.body.token as string}`);
      await page
        .getByRole('region', { name: 'In Zubereitung' })
        .getByText(String(placed.number), { exact: true })
        .waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('de');
      await expectGerman(page, [screens, pickup], 'pickup');
    } finally {
      await context.close();
    }
  });

  it('shows the digital receipt in German with German money and times', async () => {
    const cash = (
      (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body.items as Array<{
        id: string;
        name: string;
        kind: string;
      }>
    ).find((method) => method.kind === 'cash')!;
    const placed = await order({
      type: 'takeaway',
      items: [
        { dishId: r.burger.id, variationId: r.burger.variations[0].id, quantity: 2 },
        { dishId: r.beer.id, quantity: 1 },
      ],
    });
    await as(t, waiter.session)
      .post(`/api/v1/orders/${placed.id}/payments`)
      .send({ methodId: cash.id, amount: placed.total + 150, tip: 200 })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${placed.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    const receipt = (
      (await as(t, manager.session).get('/api/v1/receipts').expect(200)).body.items as Array<{
        number: number;
        url: string;
        hash: string;
      }>
    ).find((each) => each.url)!;
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}${new URL(receipt.url).pathname}`);
      await page.getByText(`Beleg ${receipt.number}`).first().waitFor();
      data.push(cash.name, receipt.hash, 'SHA-256');
      await expectGerman(page, [receiptPage], 'receipt');
      // The total in the German form of money: "38,50 €".
      const total = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(
        placed.total / 100,
      );
      expect(total).toMatch(/^\d+,\d\d\s€$/);
      expect(await shownTexts(page)).toContain(total);
    } finally {
      await context.close();
    }
  });
});
