import { Browser } from 'playwright-core';
import { Role } from '../src/common/access/role';
import { CHROMIUM, describeInBrowser, keepScreenshot, openChromium } from './support/browser';
import { as, loginAdmin, newStaff } from './support/clients';
import { factories } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describeInBrowser(`The digital receipt in a real browser (${CHROMIUM})`, () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({ CURRENCY: 'EUR', RESTAURANT_NAME: 'Chez Test' });
    browser = await openChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a closed order’s receipt on a phone, under the page CSP, and keeps a screenshot', async () => {
    const admin = await loginAdmin(t);
    await factories(t, admin).newTaxRate({ name: 'VAT', percent: 19, isDefault: true });
    const r = await factories(t, admin).newRestaurant();
    const waiter = await newStaff(t, Role.Waiter);
    const manager = await newStaff(t, Role.Manager);
    const cash = (
      (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body.items as Array<{
        id: string;
        kind: string;
      }>
    ).find((method) => method.kind === 'cash')!;
    const order = (
      await as(t, waiter.session)
        .post('/api/v1/orders')
        .send({
          type: 'takeaway',
          items: [
            { dishId: r.burger.id, variationId: r.burger.variations[1].id, quantity: 2 },
            { dishId: r.beer.id, quantity: 1 },
          ],
        })
        .expect(201)
    ).body as { id: string; total: number };
    await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: cash.id, amount: order.total + 150, tip: 200 })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    const receipt = (
      (await as(t, manager.session).get('/api/v1/receipts').expect(200)).body.items as Array<{
        number: number;
        url: string;
      }>
    )[0];

    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
    });
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${t.url}${new URL(receipt.url).pathname}`);
    await page.getByRole('heading', { name: 'Chez Test' }).waitFor();
    expect(await page.getByText(`Receipt ${receipt.number}`).isVisible()).toBe(true);
    expect(order.total).toBe(2950);
    expect(await page.getByText('€29.50').first().isVisible()).toBe(true);
    // The nonce'd style applied: the article is a card, not unstyled text.
    const radius = await page.evaluate<string>(
      "getComputedStyle(document.querySelector('article')).borderRadius",
    );
    expect(radius).toBe('12px');
    expect(cspViolations).toEqual([]);
    await keepScreenshot(page, 'digital-receipt');
  });
});
