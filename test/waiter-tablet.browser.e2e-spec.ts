import type { Page } from 'playwright-core';
import { sendOrder, tableTile, typePin } from '../scripts/waiter-tablet-driver';
import { CHROMIUM, describeInBrowser, keepScreenshot } from './support/browser';
import { as, displayNameOf } from './support/clients';
import { openSockets } from './support/sockets';
import type { TestApp } from './support/test-app';
import { ordersAt as ordersAtTable, type WaiterRestaurant } from './support/waiter-fixture';
import { PHONE, TABLET, type WaiterTablet, waiterBrowserSuite } from './support/waiter-tablet';

type Item = {
  id: string;
  name: string;
  status: string;
  seat: number | null;
  course: number;
  modifiers: unknown[];
};
type Order = {
  id: string;
  number: number;
  status: string;
  tableId: string;
  items: Item[];
  total: number;
  due: number;
};
type Paid = Order & { paid: number };

describeInBrowser(`The waiter tablet in a real browser (${CHROMIUM})`, () => {
  let t: TestApp;
  let r: WaiterRestaurant;
  const suite = waiterBrowserSuite();
  beforeAll(() => ({ t, r } = suite));
  const open = openSockets(() => t);

  const tablet = (viewport = TABLET, waiter = r.waiter): Promise<WaiterTablet> =>
    suite.tablet({ viewport, waiter });

  const ordersAt = (tableId: string) => ordersAtTable<Order>(t, r, tableId);

  const line = (page: Page, name: string) => page.locator(`.line[data-line^="${name}"]`);

  it('serves a table from the PIN pad to a closed check: modifiers, a combo, two courses, the kitchen live, a split by seat, cash and card with tips', async () => {
    const { page } = await tablet();
    const [t1] = r.tables;
    const waiterSocket = await open({ token: r.waiter.session.accessToken });
    await expect(tableTile(page, 'T1').getAttribute('data-state')).resolves.toBe('free');
    await keepScreenshot(page, 'waiter-floor-tablet');

    await tableTile(page, 'T1').click();
    await page.getByRole('button', { name: 'More guests' }).click();
    await page.getByRole('button', { name: 'Add items' }).click();
    const dialogSeat = async (dish: string, choices: string[], seat: string, course = 'Course 1') => {
      const menu = page.getByRole('region', { name: 'Menu' });
      await page.getByRole('searchbox', { name: 'Search the menu' }).fill(dish);
      await menu.locator(`.dish[data-dish="${dish}"]`).click();
      const dialog = page.getByRole('dialog', { name: dish });
      for (const choice of choices) await dialog.getByRole('button', { name: choice }).click();
      await dialog.getByRole('combobox').nth(0).selectOption({ label: seat });
      await dialog.getByRole('combobox').nth(1).selectOption({ label: course });
      await dialog.getByRole('button', { name: /^Add/ }).click();
    };
    await dialogSeat('Burger', ['Double · 16.50', 'Medium', 'Cheese'], 'Seat 1');
    await dialogSeat('Fries menu', ['Fries', 'Beer'], 'Seat 2');
    await dialogSeat('Cheesecake', [], 'Seat 2', 'Course 2');
    await keepScreenshot(page, 'waiter-order-tablet');
    await sendOrder(page);

    await line(page, 'Cheesecake').filter({ hasText: 'Held' }).waitFor();
    const [order] = await ordersAt(t1.id);
    const burger = order.items.find((item) => item.name === 'Burger')!;
    expect(burger).toMatchObject({ quantity: 1, seat: 1, course: 1, status: 'new' });
    expect(burger.modifiers).toHaveLength(2);
    expect(order.items.find((item) => item.name === 'Cheesecake')).toMatchObject({
      status: 'held',
      course: 2,
      seat: 2,
    });

    await page.getByRole('button', { name: 'Fire course 2' }).click();
    await line(page, 'Cheesecake').filter({ hasText: 'Sent' }).waitFor();

    // The kitchen bumps the burger: the waiter sees it cooking, then ready, without touching the tablet.
    const bump = (status: string) =>
      as(t, r.cook.session)
        .patch(`/api/v1/orders/${order.id}/items/${burger.id}/status`)
        .send({ status })
        .expect(200);
    await bump('in_progress');
    await line(page, 'Burger').filter({ hasText: 'Cooking' }).waitFor();
    await bump('ready');
    await line(page, 'Burger').filter({ hasText: 'Ready' }).waitFor();
    await page.getByRole('button', { name: 'Floor' }).click();
    await tableTile(page, 'T1').and(page.locator('[data-state="food_ready"]')).waitFor();
    await tableTile(page, 'T1').click();
    await line(page, 'Burger').getByRole('button', { name: 'Served' }).click();
    await line(page, 'Burger').locator('.chip', { hasText: 'Served' }).waitFor();

    await page.getByRole('button', { name: 'Check & pay' }).click();
    await page.getByRole('region', { name: 'Guest check' }).waitFor();
    await keepScreenshot(page, 'waiter-check-tablet');
    await page.getByRole('button', { name: 'By seat' }).click();
    await waiterSocket.until((events) =>
      events.some(
        (event) =>
          event.type === 'order.created' && event.data.tableId === t1.id && event.data.id !== order.id,
      ),
    );
    const parts = await ordersAt(t1.id);
    expect(parts.map((part) => part.items.length).sort()).toEqual([1, 2]);

    // The check on screen in cash with a tip, the guest handing over 40.00; then the other by card with a tip.
    await payCash(page, 4000, 150);
    await page.getByRole('button', { name: 'Close the check' }).click();
    await page.locator('img.receipt-qr').waitFor();
    await page.getByRole('button', { name: 'Back to the floor' }).click();
    await tableTile(page, 'T1').click();
    await page.getByRole('button', { name: 'Check & pay' }).click();
    await page.getByRole('button', { name: 'Card', exact: true }).click();
    await page.getByLabel('Tip').fill('2.00');
    await page.getByRole('button', { name: 'Pay Card' }).click();
    await page.getByLabel('Due').filter({ hasText: '0.00' }).waitFor();
    await page.getByRole('button', { name: 'Close the check' }).click();
    await page.locator('img.receipt-qr').waitFor();
    await keepScreenshot(page, 'waiter-receipt-tablet');

    const closed = await Promise.all(
      parts.map(
        async (part) => (await as(t, r.manager.session).get(`/api/v1/orders/${part.id}`)).body as Paid,
      ),
    );
    expect(closed.map((part) => [part.status, part.due, part.paid === part.total])).toEqual([
      ['closed', 0, true],
      ['closed', 0, true],
    ]);
    await waiterSocket.until((events) => events.filter((event) => event.type === 'order.paid').length === 2);
    const tips = waiterSocket.received
      .filter((event) => event.type === 'order.paid')
      .map((event) => (event.data.payment as { tip: number }).tip);
    expect(tips).toEqual([150, 200]);
    const table = await as(t, r.waiter.session).get(`/api/v1/tables/${t1.id}`).expect(200);
    expect(table.body.status).toBe('cleaning');
    await page.getByRole('button', { name: 'Back to the floor' }).click();
    await tableTile(page, 'T1').and(page.locator('[data-state="cleaning"]')).waitFor();
  });

  /** Pays what the check on screen says is due in cash: `given` handed over, `tip` of it kept as the tip. */
  async function payCash(page: Page, given: number, tip: number): Promise<void> {
    const due = Math.round(Number(await page.getByLabel('Due').innerText()) * 100);
    await page.getByRole('button', { name: 'Cash', exact: true }).click();
    await page.getByLabel('Cash given').fill(money(given));
    await page.getByLabel('Tip').fill(money(tip));
    await page
      .getByLabel('Change')
      .filter({ hasText: money(given - tip - due) })
      .waitFor();
    await page.getByRole('button', { name: 'Pay Cash' }).click();
    await page.getByLabel('Due').filter({ hasText: '0.00' }).waitFor();
  }

  it('lets a manager approve a discount with their PIN on the waiter’s tablet', async () => {
    const [, t2] = r.tables;
    const placed = await as(t, r.waiter.session)
      .post('/api/v1/orders')
      .send({
        type: 'dine_in',
        tableId: t2.id,
        guests: 2,
        items: [{ dishId: r.dishes.fries.id, quantity: 2 }],
      })
      .expect(201);
    const { page } = await tablet();
    await tableTile(page, 'T2').click();
    await page.getByRole('button', { name: 'Discount' }).click();
    await page.getByLabel('Discount').fill('10');
    await page.getByLabel('Reason').fill('Birthday');
    await page.getByRole('button', { name: 'Ask a manager' }).click();
    const approval = page.getByRole('dialog', { name: 'Manager approval' });
    await expect(
      approval.getByRole('button', { name: displayNameOf(r.waiter), exact: true }).count(),
    ).resolves.toBe(0);
    await typePin(page, { displayName: displayNameOf(r.manager), pin: r.manager.pin });
    await approval.waitFor({ state: 'detached' });
    await page.locator('.totals').filter({ hasText: 'discount −0.90' }).waitFor();

    const order = (await as(t, r.manager.session).get(`/api/v1/orders/${placed.body.id}`).expect(200)).body;
    expect(order.discountDetail).toMatchObject({ kind: 'percent', value: 10, reason: 'Birthday' });
    const audit = await as(t, r.admin).get('/api/v1/audit-log?perPage=100').expect(200);
    const entry = (audit.body.items as Array<{ action: string; actorUserId: string; entityId: string }>).find(
      (row) => row.entityId === placed.body.id && row.action === 'order.discount_applied',
    );
    expect(entry?.actorUserId).toBe(r.manager.id);
    // The manager was signed in for that one write: the tablet is still the waiter's.
    await expect(page.locator('.who').innerText()).resolves.toBe(displayNameOf(r.waiter));
  });

  it('takes a dish 86’d on another tablet off the menu at once, and back when it returns', async () => {
    const { page } = await tablet(PHONE);
    await keepScreenshot(page, 'waiter-floor-phone');
    await tableTile(page, 'T3').click();
    await page.getByRole('button', { name: 'Add items' }).click();
    const fries = page.getByRole('region', { name: 'Menu' }).locator('.dish[data-dish="Fries"]');
    await fries.waitFor();
    await keepScreenshot(page, 'waiter-menu-phone');
    const waiterSocket = await open({ token: r.waiter.session.accessToken });
    const availability = (available: boolean) =>
      as(t, r.manager.session)
        .patch(`/api/v1/dishes/${r.dishes.fries.id}/availability`)
        .send({ available })
        .expect(200);
    await availability(false);
    await fries.waitFor({ state: 'detached' });
    await availability(true);
    await fries.waitFor();
    await waiterSocket.until(
      (events) => events.filter((event) => event.type === 'menu.availability_changed').length === 2,
    );
  });
});

function money(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}
