/**
 * The time clock on the screens (issue 69), in a real browser: a waiter clocks in on the tablet with their PIN in
 * one of their two jobs, takes a break, works a cash drawer through a sale and its count, and clocks out to the
 * law's flag; a cook clocks in and out on the kitchen screen; the manager sees the drawer on the day at a glance
 * and on the Z report. The server's clock is pinned at 10:00 UTC of a business day and moved by the spec, so the
 * hours are exact. Then the time panel in German shows no English word.
 */
import type { Browser, Page } from 'playwright-core';
import { addDish, sendOrder, tableTile } from '../scripts/waiter-tablet-driver';
import { CATALOGUES } from '../src/i18n/catalogues';
import {
  CHROMIUM,
  describeInBrowser,
  openChromium,
  signInToBackOffice,
  watchProblems,
} from './support/browser';
import { as, displayNameOf } from './support/clients';
import { newKitchenDevice, openKitchenScreen } from './support/kitchen-screen';
import { startTestApp, type TestApp } from './support/test-app';
import { shownTexts, untranslated } from './support/untranslated';
import { ordersAt, setUpWaiterRestaurant, type WaiterRestaurant } from './support/waiter-fixture';
import { openWaiterTablet } from './support/waiter-tablet';

const MINUTE = 60_000;
const euros = (minor: number) => `€${(minor / 100).toFixed(2)}`;

describeInBrowser(`The time clock on the tablet and the kitchen screen (${CHROMIUM})`, () => {
  let t: TestApp;
  let r: WaiterRestaurant;
  let browser: Browser;
  const problems: string[][] = [];
  const closing: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    // Sessions last the day: the pinned clock jumps hours between steps.
    t = await startTestApp({
      CURRENCY: 'EUR',
      RESTAURANT_NAME: 'Chez Test',
      ACCESS_TOKEN_TTL_SECONDS: '86400',
    });
    t.clock.moveToMidBusinessDay();
    t.clock.pin();
    r = await setUpWaiterRestaurant(t);
    const job = async (name: string) =>
      (await as(t, r.admin).post('/api/v1/jobs').send({ name }).expect(201)).body.id as string;
    const hold = (userId: string, jobId: string) =>
      as(t, r.admin)
        .post(`/api/v1/users/${userId}/jobs`)
        .send({ jobId, hourlyWage: 1400, effectiveFrom: '2020-01-01' })
        .expect(201);
    const [waiterJob, bartender, cookJob] = [await job('Waiter'), await job('Bartender'), await job('Cook')];
    await hold(r.waiter.id, waiterJob);
    await hold(r.waiter.id, bartender);
    await hold(r.otherWaiter.id, waiterJob);
    await hold(r.cook.id, cookJob);
    browser = await openChromium();
  });

  afterEach(async () => {
    await Promise.all(closing.splice(0).map((close) => close()));
    expect(problems.splice(0).flat()).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function tablet(waiter = r.waiter): Promise<Page> {
    const opened = await openWaiterTablet(browser, { baseUrl: t.url, waiter });
    problems.push(opened.problems);
    closing.push(() => opened.close());
    return opened.page;
  }
  const timeButton = (page: Page, status: string) => page.getByRole('button', { name: `Time · ${status}` });

  it('clocks a waiter in and out through a break and a counted drawer, a cook too; the manager sees the cash', async () => {
    const page = await tablet();
    await timeButton(page, 'Clocked out').click();
    const panel = page.getByRole('region', { name: 'My time' });
    await panel.getByRole('status').getByText('Clocked out').waitFor();
    // Two jobs: the waiter chooses one first.
    await panel.getByRole('button', { name: 'Clock in' }).click();
    await panel.getByRole('alert').getByText('Choose one of your jobs first.').waitFor();
    await panel.getByLabel('Job').selectOption({ label: 'Bartender' });
    await panel.getByRole('button', { name: 'Clock in' }).click();
    await panel.getByText('Clocked in since 10:00 AM as Bartender').waitFor();
    await timeButton(page, 'Clocked in').waitFor();

    // 10:30–10:50 an unpaid break.
    t.clock.advance(30 * MINUTE);
    await panel.getByLabel('Break').selectOption({ label: 'Unpaid break' });
    await panel.getByRole('button', { name: 'Start the break' }).click();
    await panel.getByText('On an unpaid break since 10:30 AM').waitFor();
    await timeButton(page, 'On a break').waitFor();
    expect(await panel.getByRole('button', { name: 'Clock in' }).count()).toBe(0);
    t.clock.advance(20 * MINUTE);
    await panel.getByRole('button', { name: 'End the break' }).click();
    await panel.getByText('Clocked in since 10:00 AM as Bartender').waitFor();

    // The drawer: a float of 100.00, a beer paid in cash, counted even.
    await page.getByRole('button', { name: 'Drawer' }).click();
    const drawer = page.getByRole('region', { name: 'Cash drawer of this tablet' });
    await drawer.getByLabel('Float (cash put in to give change)').fill('100.00');
    await drawer.getByRole('button', { name: 'Open the drawer' }).click();
    await drawer.getByText('In the drawer by now: €100.00').waitFor();
    await tableTile(page, 'T1').click();
    await addDish(page, 'Beer');
    await sendOrder(page);
    const beer = page.locator('.line[data-line^="Beer"]');
    await beer.getByRole('button', { name: 'Served' }).click();
    await beer.locator('.chip', { hasText: 'Served' }).waitFor();
    await page.getByRole('button', { name: 'Check & pay' }).click();
    await page.getByRole('button', { name: 'Cash', exact: true }).click();
    await page.getByLabel('Cash given').fill('10.00');
    await page.getByRole('button', { name: 'Pay Cash' }).click();
    await page.getByText('Nothing due.').waitFor();
    await page.getByRole('button', { name: 'Close the check' }).click();
    await page.locator('img.receipt-qr').waitFor();
    const [order] = await ordersAt<{ total: number; status: string }>(t, r, r.tables[0].id);
    expect(order.status).toBe('closed');
    const expected = 10_000 + order.total;

    // The manager's day at a glance: the cash of the tablet's open drawer.
    const office = await browser.newContext();
    closing.push(() => office.close());
    const manager = await office.newPage();
    problems.push(watchProblems(manager));
    await manager.goto(`${t.url}/back-office`);
    await signInToBackOffice(manager, r.manager);
    await manager.locator('[data-figure="expectedCash"]').getByText(euros(expected)).waitFor();

    await page.getByRole('button', { name: 'Drawer' }).click();
    await page.getByRole('button', { name: 'Drawer' }).click();
    await drawer.getByText(`In the drawer by now: ${euros(expected)}`).waitFor();
    await drawer.getByLabel('Counted').fill((expected / 100).toFixed(2));
    await drawer.getByRole('button', { name: 'Count and close' }).click();
    await drawer.getByText('Even').waitFor();

    // A cook clocks in on the kitchen screen at 10:50 and out at 13:20.
    const pairingCode = await newKitchenDevice(t, r.manager.session, {
      name: 'Grill',
      stationIds: [r.grillId],
    });
    const screen = await openKitchenScreen(browser, t, { pairingCode, cook: r.cook });
    problems.push(screen.problems);
    closing.push(() => screen.close());
    const kitchen = screen.page;
    await timeButton(kitchen, 'Clocked out').click();
    const cookPanel = kitchen.getByRole('dialog', { name: 'My time' });
    // One job: nothing to choose.
    expect(await cookPanel.getByLabel('Job').count()).toBe(0);
    await cookPanel.getByRole('button', { name: 'Clock in' }).click();
    await cookPanel.getByText('Clocked in since 10:50 AM as Cook').waitFor();
    await timeButton(kitchen, 'Clocked in').waitFor();
    t.clock.advance(150 * MINUTE);
    await cookPanel.getByRole('button', { name: 'Clock out' }).click();
    await cookPanel.getByText('Shift ended: 2.5 h worked, 0 min of breaks.').waitFor();
    await cookPanel.locator('[data-figure="week-hours"]').getByText('2.5 h worked').waitFor();
    await timeButton(kitchen, 'Clocked out').waitFor();

    // A card tip of 3.00 taken by the waiter; at 17:00 they clock out: 7 hours less the 20 minutes' break is
    // 6 h 40 (6.67 h), and more than 6 hours of work need 30 minutes of breaks: the law's flag, in words.
    const tipped = (
      await as(t, r.waiter.session)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: r.dishes.fries.id, quantity: 1 }] })
        .expect(201)
    ).body as { id: string; total: number };
    const methods = (await as(t, r.waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Array<{ id: string; kind: string }>;
    await as(t, r.waiter.session)
      .post(`/api/v1/orders/${tipped.id}/payments`)
      .send({
        methodId: methods.find((method) => method.kind === 'card')!.id,
        amount: tipped.total,
        tip: 300,
      })
      .expect(201);
    t.clock.advance(220 * MINUTE);
    await panel.getByRole('button', { name: 'Clock out' }).click();
    const ended = panel.locator('.shift-ended');
    await ended.getByText('Shift ended: 6.67 h worked, 20 min of breaks.').waitFor();
    await ended
      .getByText(
        'The breaks were too short for the hours worked: the law asks for 30 minutes after 6 hours and 45 after 9, in blocks of at least 15 minutes.',
      )
      .waitFor();
    await panel.getByRole('status').getByText('Clocked out').waitFor();
    await timeButton(page, 'Clocked out').waitFor();
    await panel.locator('[data-figure="week-hours"]').getByText('6.67 h worked').waitFor();
    await panel.locator('[data-figure="cardTips"]').getByText('€3.00').waitFor();
    await panel.locator('[data-figure="balance"]').getByText('€3.00').waitFor();

    // The manager closes the day: the Z report lists the tablet's drawer, counted even, and the cash taken.
    await as(t, r.waiter.session)
      .patch(`/api/v1/orders/${tipped.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    await manager.getByRole('navigation').getByRole('link', { name: 'Close the day' }).click();
    const openDay = manager.getByRole('region', { name: /^Business day .* \(open\)$/ });
    await openDay.getByText('0 cash drawers still open').waitFor();
    await openDay.getByRole('button', { name: 'Close the business day' }).click();
    await openDay.getByRole('button', { name: 'Yes, close the day' }).click();
    const z = manager.getByRole('region', { name: /^Z report 1 · / });
    await z.waitFor();
    const drawers = z.getByRole('table', { name: 'Cash drawers' });
    await drawers
      .getByRole('row')
      .filter({ hasText: /^Drawer · / })
      .filter({ hasText: '€100.00' })
      .filter({ hasText: euros(expected) })
      .filter({ hasText: 'even' })
      .waitFor();
    await z
      .getByRole('row')
      .filter({ hasText: 'Cash' })
      .filter({ hasText: euros(order.total) })
      .waitFor();
  });

  it('shows the time panel in German with no English word left', async () => {
    const page = await tablet(r.otherWaiter);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.getByRole('button', { name: 'Zeit · Ausgestempelt' }).click();
    const panel = page.getByRole('region', { name: 'Meine Zeit' });
    await panel.getByRole('button', { name: 'Einstempeln' }).click();
    await panel.getByText(/^Eingestempelt seit .* als Waiter$/).waitFor();
    await panel.getByLabel('Pause').selectOption({ label: 'Bezahlte Pause' });
    await panel.getByRole('button', { name: 'Pause beginnen' }).click();
    await panel.getByText(/^In bezahlter Pause seit /).waitFor();
    await page.getByRole('button', { name: 'Zeit · In der Pause' }).waitFor();
    const data = [
      'Chez Test',
      'Terrace',
      'Waiter',
      displayNameOf(r.otherWaiter),
      ...r.tables.map((table) => table.name),
    ];
    const german = async () =>
      expect(untranslated(await shownTexts(page), [CATALOGUES.screens, CATALOGUES.waiter], data)).toEqual([]);
    await german();
    t.clock.advance(30 * MINUTE);
    await panel.getByRole('button', { name: 'Pause beenden' }).click();
    await panel.getByRole('button', { name: 'Ausstempeln' }).click();
    await panel.getByText('Schicht beendet: 0,5 Std. gearbeitet, 30 Min. Pause.').waitFor();
    await panel.getByText('Diese Woche noch kein Trinkgeld.').waitFor();
    await german();
  });
});
