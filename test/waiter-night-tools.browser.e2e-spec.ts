import type { Browser, Page } from 'playwright-core';
import { addDish, sendOrder, tableTile } from '../scripts/waiter-tablet-driver';
import { CHROMIUM, describeInBrowser, keepScreenshot, launchChromium } from './support/browser';
import { as } from './support/clients';
import { startTestApp, type TestApp } from './support/test-app';
import { ordersAt, setUpWaiterRestaurant, type WaiterRestaurant } from './support/waiter-fixture';
import { openWaiterTablet, type WaiterTablet } from './support/waiter-tablet';

type Order = {
  id: string;
  number: number;
  type: string;
  items: Array<{ id: string; name: string; status: string }>;
  fulfilment: { status: string; customerName: string | null } | null;
};
type Board = { ready: Array<{ orderId: string }>; preparing: Array<{ orderId: string }> };

/** What a waiter meets in a real service beyond one table: the counter, leaving an order half taken, the money. */
describeInBrowser(`The waiter tablet through a night (${CHROMIUM})`, () => {
  let t: TestApp;
  let browser: Browser;
  let r: WaiterRestaurant;
  const tablets: WaiterTablet[] = [];

  beforeAll(async () => {
    t = await startTestApp({ CURRENCY: 'EUR', RESTAURANT_NAME: 'Chez Test' });
    r = await setUpWaiterRestaurant(t);
    browser = await launchChromium();
  });

  afterEach(async () => {
    const problems = tablets.flatMap((tablet) => tablet.problems);
    await Promise.all(tablets.splice(0).map((tablet) => tablet.close()));
    expect(problems).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function tablet(): Promise<WaiterTablet> {
    const opened = await openWaiterTablet(browser, { baseUrl: t.url, waiter: r.waiter });
    tablets.push(opened);
    return opened;
  }

  const takeawayTile = (page: Page, name: string) => page.locator(`.takeaway-tile[data-takeaway="${name}"]`);

  it('takes a takeaway order by name; the kitchen’s bump makes it ready on the tablet and the board; one tap hands it over', async () => {
    const { page } = await tablet();
    const board = (
      await as(t, r.manager.session).post('/api/v1/pickup-boards').send({ name: 'Counter' }).expect(201)
    ).body as { token: string };
    const readBoard = async () =>
      (await t.http().get(`/api/v1/public/pickup-boards/${board.token}`).expect(200)).body as Board;

    await page.getByRole('textbox', { name: 'Guest’s name for a takeaway order' }).fill('Mira');
    await page.getByRole('button', { name: 'New takeaway' }).click();
    await page.getByRole('heading', { name: /Takeaway · Mira/ }).waitFor();
    await addDish(page, 'Fries');
    await addDish(page, 'Beer');
    await sendOrder(page);
    await page.locator('.order-head').filter({ hasText: /#\d+/ }).waitFor();
    const listed = await as(t, r.manager.session).get('/api/v1/orders?perPage=100').expect(200);
    const order = (listed.body.items as Order[]).find((one) => one.fulfilment?.customerName === 'Mira')!;
    expect(order).toMatchObject({ type: 'takeaway', fulfilment: { status: 'accepted' } });
    expect(order.items.map((item) => item.name).sort()).toEqual(['Beer', 'Fries']);
    await keepScreenshot(page, 'waiter-takeaway-order');

    await page.getByRole('button', { name: 'Floor' }).click();
    await takeawayTile(page, 'Mira').and(page.locator('[data-state="accepted"]')).waitFor();
    expect((await readBoard()).preparing.map((shown) => shown.orderId)).toContain(order.id);

    // The kitchen bumps every line: nobody at the counter taps, and the order is ready, on the tablet and the board.
    for (const item of order.items)
      await as(t, r.cook.session)
        .patch(`/api/v1/orders/${order.id}/items/${item.id}/status`)
        .send({ status: 'ready' })
        .expect(200);
    await takeawayTile(page, 'Mira').and(page.locator('[data-state="ready"]')).waitFor();
    expect((await readBoard()).ready.map((shown) => shown.orderId)).toContain(order.id);
    await keepScreenshot(page, 'waiter-takeaway-ready');

    await takeawayTile(page, 'Mira').click();
    await page.getByRole('button', { name: `Picked up #${order.number}` }).click();
    await page.getByText('Picked up', { exact: true }).waitFor();
    const after = await readBoard();
    expect([...after.ready, ...after.preparing].map((shown) => shown.orderId)).not.toContain(order.id);
    const handedOver = await as(t, r.manager.session).get(`/api/v1/orders/${order.id}`).expect(200);
    expect(handedOver.body.fulfilment.status).toBe('picked_up');
    await page.getByRole('button', { name: 'Floor' }).click();
    await tableTile(page, 'T1').waitFor();
    expect(await takeawayTile(page, 'Mira').count()).toBe(0);
  });

  it('asks before leaving a table with lines not sent, and keeps them when the waiter stays', async () => {
    const { page } = await tablet();
    const t2 = r.tables[1];
    await tableTile(page, 'T2').click();
    await addDish(page, 'Fries');
    await page.getByRole('button', { name: 'Floor' }).click();
    const ask = page.getByRole('dialog', { name: 'Lines not sent' });
    await ask.getByText('1 line is not sent to the kitchen').waitFor();
    await ask.getByRole('button', { name: 'Stay and send' }).click();
    await page.getByRole('region', { name: 'To send' }).getByText(/Fries/).waitFor();

    await page.getByRole('button', { name: 'Floor' }).click();
    await ask.getByRole('button', { name: 'Drop them and leave' }).click();
    await tableTile(page, 'T2').and(page.locator('[data-state="free"]')).waitFor();
    expect(await ordersAt(t, r, t2.id)).toEqual([]);

    // Sent lines are not lost by leaving: no question then.
    await tableTile(page, 'T2').click();
    await addDish(page, 'Beer');
    await sendOrder(page);
    await page.getByRole('button', { name: 'Floor' }).click();
    await tableTile(page, 'T2').and(page.locator('[data-state="ordered"]')).waitFor();
    expect(await ask.count()).toBe(0);
  });
});
