import { Browser, Page } from 'playwright-core';
import {
  CHROMIUM,
  describeInBrowser,
  keepScreenshot,
  openChromium,
  signInToBackOffice,
} from './support/browser';
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { totpCode } from './support/totp';

const MINUTE = 60_000;
const WEEK = 7 * 24 * 60 * MINUTE;

type Method = { id: string; name: string; kind: string };
type Order = { id: string; total: number; due: number; items: Array<{ id: string; dishId: string }> };
type Shift = { id: string; expectedCash: number; cashTips: number };
type DayReport = {
  businessDay: string;
  cash: { net: number };
  sales: { salesExclTax: number; salesInclTax: number; tax: number; orders: number };
  adjustments: { discountAmount: number; voidedValue: number };
};

describeInBrowser(`The day at a glance in a real browser (${CHROMIUM})`, () => {
  let t: TestApp;
  let browser: Browser;
  let r: Restaurant;
  let waiter: NewStaff;
  let manager: NewStaff;
  let kitchen: NewStaff;
  let cash: Method;
  let card: Method;

  beforeAll(async () => {
    t = await startTestApp({ CURRENCY: 'EUR', RESTAURANT_NAME: 'Chez Test' });
    t.clock.moveToMidBusinessDay();
    const admin = await loginAdmin(t);
    await factories(t, admin).newTaxRate({ name: 'VAT', percent: 10, isDefault: true });
    r = await factories(t, admin).newRestaurant();
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    kitchen = await newStaff(t, Role.Kitchen);
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Method[];
    cash = methods.find((m) => m.kind === 'cash')!;
    card = methods.find((m) => m.kind === 'card')!;
    browser = await openChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function order(
    items: Array<{ dishId: string; variationId?: string; quantity: number }>,
  ): Promise<Order> {
    const response = await as(t, waiter.session).post('/api/v1/orders').send({ type: 'takeaway', items });
    expect(response.status).toBe(201);
    return response.body as Order;
  }

  /** The kitchen takes every item through to ready, `prepMinutes` after it was fired. */
  async function prepare(placed: Order, prepMinutes: number): Promise<void> {
    for (const item of placed.items) {
      await as(t, kitchen.session)
        .patch(`/api/v1/orders/${placed.id}/items/${item.id}/status`)
        .send({ status: 'in_progress' })
        .expect(200);
    }
    t.clock.advance(prepMinutes * MINUTE);
    for (const item of placed.items) {
      await as(t, kitchen.session)
        .patch(`/api/v1/orders/${placed.id}/items/${item.id}/status`)
        .send({ status: 'ready' })
        .expect(200);
    }
  }

  async function settle(orderId: string, tenders: Array<{ method: Method; amount?: number }>): Promise<void> {
    for (const tender of tenders) {
      const current = (await as(t, waiter.session).get(`/api/v1/orders/${orderId}`).expect(200))
        .body as Order;
      await as(t, waiter.session)
        .post(`/api/v1/orders/${orderId}/payments`)
        .send({ methodId: tender.method.id, amount: tender.amount ?? current.due })
        .expect(201);
    }
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${orderId}/status`)
      .send({ status: 'closed' })
      .expect(200);
  }

  const dayReport = async (): Promise<DayReport> =>
    (await as(t, manager.session).get('/api/v1/reports/shift').expect(200)).body as DayReport;
  const euros = (minor: number) => `€${(minor / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
  const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"]`);

  it('shows a manager the open day against last week, live, with only the session kept, in this tab', async () => {
    t.clock.advance(-WEEK);
    const lastWeek = await order([
      { dishId: r.burger.id, variationId: r.burger.variations[0].id, quantity: 3 },
    ]);
    await settle(lastWeek.id, [{ method: card }]);
    t.clock.advance(WEEK);

    const dinner = await order([
      { dishId: r.burger.id, variationId: r.burger.variations[1].id, quantity: 2 },
      { dishId: r.beer.id, quantity: 2 },
    ]);
    await prepare(dinner, 14);
    await settle(dinner.id, [{ method: card, amount: 2000 }, { method: cash }]);
    const lunch = await order([
      { dishId: r.fries.id, quantity: 2 },
      { dishId: r.beer.id, quantity: 1 },
    ]);
    await as(t, manager.session)
      .post(`/api/v1/orders/${lunch.id}/discount`)
      .send({ kind: 'percent', value: 10, reason: 'regular guest' })
      .expect(200);
    await as(t, waiter.session).delete(`/api/v1/orders/${lunch.id}/items/${lunch.items[1].id}`).expect(200);
    await prepare({ ...lunch, items: [lunch.items[0]] }, 4);
    await settle(lunch.id, [{ method: cash, amount: 5000 }]);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${t.url}/back-office`);

    await signInToBackOffice(page, waiter);
    await page.getByText('The back office is for managers and admins.').waitFor();

    await signInToBackOffice(page, manager);
    const before = await dayReport();
    expect(before.sales.orders).toBe(2);
    // Figured by hand, prices including 10 % tax: dinner 2 × 12.00 + 2 × 5.50 = 35.00 (tax 3.18); lunch
    // 2 × 4.50 less 10 % = 8.10 (tax 0.74). Net sales are before tax: 43.10 - 3.92 = 39.18.
    expect(before.sales).toMatchObject({ salesInclTax: 4310, tax: 392, salesExclTax: 3918 });
    // The day as people write it, never the API's ISO date.
    const [year, month, day] = before.businessDay.split('-').map(Number);
    const written = new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en', {
      dateStyle: 'medium',
      timeZone: 'UTC',
    });
    await page.getByRole('heading', { level: 1, name: `Business day ${written}`, exact: true }).waitFor();
    const tile = (label: string) => page.locator('.tile').filter({ hasText: label });
    await tile('Net sales (excl. tax)').filter({ hasText: '€39.18' }).waitFor();
    expect(await tile('Gross sales (incl. tax)').locator('strong').textContent()).toBe('€43.10');
    expect(await page.getByText('Net sales', { exact: true }).count()).toBe(0);
    expect(await figure(page, 'closedOrders').textContent()).toBe('2');
    expect(await figure(page, 'discounts').textContent()).toBe(euros(before.adjustments.discountAmount));
    expect(await page.locator('#hourly rect[data-hour]').count()).toBe(24);
    // Last week: 3 × 16.50 = 49.50 with tax, 4.50 of it tax: 45.00 net.
    expect(lastWeek.total).toBe(4950);
    await page.getByText('Same weekday last week €45.00').waitFor();
    expect(await page.locator('#payment-legend').textContent()).toMatch(/Card .*Cash|Cash .*Card/);
    expect(await page.locator('#slow-dishes').textContent()).toContain(r.burger.name);
    expect(await page.locator('#slow-stations').textContent()).toContain(r.grill.name);
    expect(await page.locator('#adjustments').textContent()).toContain('1 discount ·');

    const late = await order([{ dishId: r.fries.id, quantity: 4 }]);
    await settle(late.id, [{ method: card }]);
    const after = await dayReport();
    expect(after.sales.salesInclTax).toBe(before.sales.salesInclTax + late.total);
    await figure(page, 'salesExclTax')
      .filter({ hasText: euros(after.sales.salesExclTax) })
      .waitFor({ timeout: 10_000 });
    expect(await figure(page, 'closedOrders').textContent()).toBe('3');

    const kept = await page.evaluate(
      '({ local: localStorage.length, session: Object.keys(sessionStorage), cookies: document.cookie })',
    );
    expect(kept).toEqual({ local: 0, session: ['pos.backOffice.session'], cookies: '' });
    expect(cspViolations).toEqual([]);
    await keepScreenshot(page, 'day-at-a-glance');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.locator('#dashboard').count()).toBe(0);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('asks a manager with two-factor authentication for the code from their app', async () => {
    const careful = await newStaff(t, Role.Manager);
    const { password } = careful;
    const setup = await as(t, careful.session).post('/api/v1/auth/2fa/setup').send({ password }).expect(200);
    const secret = setup.body.secret as string;
    await as(t, careful.session)
      .post('/api/v1/auth/2fa/enable')
      .send({ code: totpCode(secret, t.clock.now()), password })
      .expect(200);
    // The code that enabled it cannot sign in too: the next one can.
    t.clock.advance(MINUTE);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${t.url}/back-office`);
    await signInToBackOffice(page, careful);
    await page.getByLabel('Code from your authenticator app').fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That code is not right.').waitFor();
    await page.getByLabel('Code from your authenticator app').fill(totpCode(secret, t.clock.now()));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await figure(page, 'salesExclTax').waitFor();
    expect(await page.locator('.who').textContent()).toBe(careful.session.user.displayName);
    await page.close();
  });

  it('shows the open drawer’s expected cash as GET /shifts/:id computes it, with the cash tips apart', async () => {
    const shift = (
      await as(t, manager.session).post('/api/v1/shifts/open').send({ openingCash: 10_000 }).expect(201)
    ).body as Shift;
    const tipped = await order([{ dishId: r.fries.id, quantity: 2 }]);
    await as(t, waiter.session)
      .post(`/api/v1/orders/${tipped.id}/payments`)
      .send({ methodId: cash.id, amount: tipped.due + 700, tip: 300 })
      .expect(201);
    const drawer = (await as(t, manager.session).get(`/api/v1/shifts/${shift.id}`).expect(200)).body as Shift;
    expect(drawer.cashTips).toBe(300);
    // The day's cash net counts tips and cash taken before the drawer opened, and not the float: another figure.
    expect((await dayReport()).cash.net).not.toBe(drawer.expectedCash);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${t.url}/back-office`);
    await signInToBackOffice(page, manager);
    await figure(page, 'expectedCash').waitFor();
    expect(await figure(page, 'expectedCash').textContent()).toBe(euros(drawer.expectedCash));
    expect(await figure(page, 'cashTips').textContent()).toBe(euros(drawer.cashTips));
    await page.close();
    await as(t, manager.session)
      .post(`/api/v1/shifts/${shift.id}/close`)
      .send({ countedCash: drawer.expectedCash })
      .expect(200);
  });

  it('fits a 390 px phone: no sideways scrolling, chart labels readable and apart', async () => {
    const dinner = await order([
      { dishId: r.burger.id, variationId: r.burger.variations[0].id, quantity: 2 },
    ]);
    await prepare(dinner, 9);
    await settle(dinner.id, [{ method: card }]);
    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
    });
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${t.url}/back-office`);
    await signInToBackOffice(page, manager);
    await page.locator('#hourly rect[data-hour]').first().waitFor({ state: 'attached' });
    await page.locator('#slow-dishes', { hasText: r.burger.name }).waitFor();
    const layout = await page.evaluate<LayoutProblems>(LAYOUT_PROBLEMS);
    expect(layout.scrollWidth).toBeLessThanOrEqual(390);
    expect(layout.smallText).toEqual([]);
    expect(layout.hourLabels).toBeGreaterThanOrEqual(4);
    expect(layout.overlappingHourLabels).toBe(0);
    expect(cspViolations).toEqual([]);
    await keepScreenshot(page, 'day-at-a-glance-390px');
    await page.close();
  });
});

interface LayoutProblems {
  scrollWidth: number;
  /** Visible text drawn smaller than 11 CSS px (SVG text scaled by its chart), with its size. */
  smallText: string[];
  hourLabels: number;
  overlappingHourLabels: number;
}

/** Measured in the page: how wide it scrolls, which visible text is too small, and whether hour labels touch. */
const LAYOUT_PROBLEMS = `(() => {
  const smallText = [];
  const walker = document.createTreeWalker(document.getElementById('dashboard'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    const element = walker.currentNode.parentElement;
    const box = element.getBoundingClientRect();
    if (!text || box.width === 0 || box.height === 0) continue;
    let size = parseFloat(getComputedStyle(element).fontSize);
    const chart = element.closest('svg');
    if (chart && chart.viewBox.baseVal && chart.viewBox.baseVal.width) {
      size *= chart.getBoundingClientRect().width / chart.viewBox.baseVal.width;
    }
    if (size < 11) smallText.push(text + ' ' + size.toFixed(1) + 'px');
  }
  const hours = Array.from(document.querySelectorAll('#hourly text.hour')).map((label) => label.getBoundingClientRect());
  return {
    scrollWidth: document.scrollingElement.scrollWidth,
    smallText,
    hourLabels: hours.length,
    overlappingHourLabels: hours.slice(1).filter((box, i) => box.left < hours[i].right).length,
  };
})()`;
