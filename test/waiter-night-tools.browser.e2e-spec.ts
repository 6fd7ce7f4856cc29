import type { Page } from 'playwright-core';
import { addDish, sendOrder, tableTile } from '../scripts/waiter-tablet-driver';
import { CHROMIUM, describeInBrowser, keepScreenshot } from './support/browser';
import { as } from './support/clients';
import type { TestApp } from './support/test-app';
import { ordersAt, type WaiterRestaurant } from './support/waiter-fixture';
import { waiterBrowserSuite } from './support/waiter-tablet';

type Order = {
  id: string;
  number: number;
  type: string;
  items: Array<{ id: string; name: string; status: string; comment: string | null }>;
  fulfilment: { status: string; customerName: string | null } | null;
};
type Board = { ready: Array<{ orderId: string }>; preparing: Array<{ orderId: string }> };

/** What a waiter meets in a real service beyond one table: the counter, leaving an order half taken, the money. */
describeInBrowser(`The waiter tablet through a night (${CHROMIUM})`, () => {
  let t: TestApp;
  let r: WaiterRestaurant;
  const suite = waiterBrowserSuite();
  beforeAll(() => ({ t, r } = suite));
  const tablet = (options?: Parameters<typeof suite.tablet>[0]) => suite.tablet(options);

  const line = (page: Page, name: string) => page.locator(`.line[data-line^="${name}"]`);
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

  it('warns before a dish with the attached guest’s allergen goes on the order', async () => {
    const fries = await as(t, r.admin).get(`/api/v1/dishes/${r.dishes.fries.id}`).expect(200);
    const sauce = await as(t, r.admin)
      .post('/api/v1/ingredients')
      .send({ name: 'Peanut sauce', allergens: ['peanuts'] })
      .expect(201);
    await as(t, r.admin)
      .post('/api/v1/dishes')
      .send({
        name: 'Satay',
        categoryId: fries.body.categoryId as string,
        stationId: r.grillId,
        price: 900,
        ingredientIds: [sauce.body.id as string],
      })
      .expect(201);
    const guest = (
      await as(t, r.manager.session)
        .post('/api/v1/customers')
        .send({ name: 'Noor', allergens: ['peanuts'] })
        .expect(201)
    ).body as { id: string };
    const placed = (
      await as(t, r.waiter.session)
        .post('/api/v1/orders')
        .send({
          type: 'dine_in',
          tableId: r.tables[2].id,
          guests: 1,
          items: [{ dishId: r.dishes.beer.id, quantity: 1 }],
        })
        .expect(201)
    ).body as { id: string; version: number };
    await as(t, r.waiter.session)
      .post(`/api/v1/orders/${placed.id}/customer`)
      .set('If-Match', `"${placed.version}"`)
      .send({ customerId: guest.id })
      .expect(200);

    const { page } = await tablet();
    await tableTile(page, 'T3').click();
    await page.getByText('Allergies: peanuts').waitFor();
    await page.getByRole('button', { name: 'Add items' }).click();
    await page.getByRole('searchbox', { name: 'Search the menu' }).fill('Satay');
    const dish = page.getByRole('region', { name: 'Menu' }).locator('.dish[data-dish="Satay"]');
    expect(await dish.innerText()).toContain('⚠ peanuts');
    await dish.click();
    const dialog = page.getByRole('dialog', { name: 'Satay' });
    expect(await dialog.getByRole('alert').innerText()).toBe(
      'Allergy: the guest is allergic to peanuts, and Satay contains it. Check with the guest and the kitchen.',
    );
    await dialog.getByRole('button', { name: /^Add anyway/ }).click();
    await page.getByRole('region', { name: 'To send' }).getByText(/Satay/).waitFor();
  });

  it('keeps the tables in sight with many takeaways open: the counter’s orders scroll in their own strip', async () => {
    for (let i = 0; i < 30; i += 1) {
      await as(t, r.waiter.session)
        .post('/api/v1/orders')
        .send({
          type: 'takeaway',
          fulfilment: { customerName: `Queue ${i}` },
          items: [{ dishId: r.dishes.beer.id, quantity: 1 }],
        })
        .expect(201);
    }
    const { page } = await tablet({ viewport: { width: 1280, height: 800 } });
    await page.getByRole('heading', { name: /Takeaway · \d+ open/ }).waitFor();
    await takeawayTile(page, 'Queue 29').waitFor();
    const topOfT1 = () =>
      page.evaluate<number>(
        `document.querySelector('.table-tile[data-table="T1"]').getBoundingClientRect().top`,
      );
    const top = await topOfT1();
    expect(top).toBeLessThan(600);
    await takeawayTile(page, 'Queue 29').scrollIntoViewIfNeeded();
    expect(await topOfT1()).toBe(top);
  });

  it('shows a table added during service on the floor at once, without a reload', async () => {
    const { page } = await tablet();
    await tableTile(page, 'T1').waitFor();
    const [first] = r.tables;
    const { locationId } = (await as(t, r.admin).get(`/api/v1/tables/${first.id}`).expect(200)).body as {
      locationId: string;
    };
    await as(t, r.admin).post('/api/v1/tables').send({ name: 'T9', locationId, seats: 2 }).expect(201);
    await tableTile(page, 'T9').and(page.locator('[data-state="free"]')).waitFor();
  });

  it('shows the money as a waiter needs it: choices on the check, no (Regular), an even split’s parts, the change until dismissed', async () => {
    const { page } = await tablet();
    const t4 = r.tables[3];
    await tableTile(page, 'T4').click();
    await addDish(page, 'Burger', ['Double · 16.50', 'Medium', 'Cheese']);
    // A long comment goes whole to the kitchen: the form takes what the service takes.
    await page.getByRole('button', { name: 'Add items' }).isVisible();
    const menu = page.getByRole('region', { name: 'Menu' });
    await page.getByRole('searchbox', { name: 'Search the menu' }).fill('Fries');
    await menu.locator('.dish[data-dish="Fries"]').click();
    const comment = 'no salt, '.repeat(40).trim();
    await page.getByRole('dialog', { name: 'Fries' }).getByLabel('Comment').fill(comment);
    await page.getByRole('dialog', { name: 'Fries' }).getByRole('button', { name: /^Add/ }).click();
    await sendOrder(page);
    await line(page, 'Fries').filter({ hasText: 'Sent' }).waitFor();
    const [order] = await ordersAt<Order & { items: Array<{ comment: string | null; name: string }> }>(
      t,
      r,
      t4.id,
    );
    expect(order.items.find((item) => item.name === 'Fries')?.comment).toBe(comment);
    expect(await line(page, 'Fries').innerText()).not.toContain('(Regular)');
    expect(await line(page, 'Burger').innerText()).toContain('(Double)');

    // One tap on a sent line's Remove asks first; "Keep it" keeps it.
    await line(page, 'Fries').getByRole('button', { name: 'Remove Fries' }).click();
    const ask = page.getByRole('group', { name: 'Remove this line?' });
    await ask.getByRole('button', { name: 'Keep it' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await line(page, 'Fries').count()).toBe(1);

    await page.getByRole('button', { name: 'Rush', exact: true }).click();
    await page.getByRole('button', { name: 'Rushed' }).waitFor();
    expect((await as(t, r.manager.session).get(`/api/v1/orders/${order.id}`).expect(200)).body.rush).toBe(
      true,
    );

    await page.getByRole('button', { name: 'Check & pay' }).click();
    const check = page.getByRole('region', { name: 'Guest check' });
    await expect(check.innerText()).resolves.toMatch(/Burger \(Double\)[\s\S]*\+ Medium[\s\S]*\+ Cheese/);
    expect(await check.innerText()).not.toContain('(Regular)');
    await page.getByRole('button', { name: 'Split evenly' }).click();
    // The checks of the split name each other: the part given names its check, which names the part's source.
    await check.getByText(/^Part 2 of 2 goes to #\d+$/).waitFor();
    const part = (await ordersAt<Order>(t, r, t4.id)).find((one) => one.id !== order.id)!;
    await check.getByText(`Part 2 of 2 goes to #${part.number}`).waitFor();
    await page
      .getByRole('list', { name: 'Other checks at this table' })
      .getByText(new RegExp(`^#${part.number} · \\S+ due$`))
      .waitFor();
    const split = (await as(t, r.manager.session).get(`/api/v1/orders/${order.id}`).expect(200)).body as {
      due: number;
    };
    await page
      .getByLabel('Due')
      .filter({ hasText: (split.due / 100).toFixed(2) })
      .waitFor();
    await keepScreenshot(page, 'waiter-split-evenly');

    await page.getByRole('button', { name: 'Cash', exact: true }).click();
    await page.getByLabel('Cash given').fill('50.00');
    await page.getByRole('button', { name: 'Pay Cash' }).click();
    const change = page.getByRole('status', { name: 'Last cash payment' });
    await change.getByText(((5000 - split.due) / 100).toFixed(2)).waitFor();
    await page.getByLabel('Due').filter({ hasText: '0.00' }).waitFor();
    await keepScreenshot(page, 'waiter-change-due');
    await change.getByRole('button', { name: 'Change handed back' }).click();
    await change.waitFor({ state: 'detached' });

    // The other part holds a share of the same lines, and says so.
    await page.getByRole('button', { name: 'Back to the order' }).click();
    await page.getByRole('navigation', { name: 'Checks' }).getByRole('button').nth(1).click();
    await page.getByRole('button', { name: 'Check & pay' }).click();
    await check.getByText(`Part 2 of 2 of #${order.number}, split evenly`).waitFor();
    // Its lines, each with the share of it this check pays.
    await check.getByText(/^1\/2 of 1 × Burger \(Double\) \(\S+\)$/).waitFor();
    await check.getByText(/^1\/2 of 1 × Fries \(\S+\)$/).waitFor();
    await page
      .getByRole('list', { name: 'Other checks at this table' })
      .getByText(new RegExp(`^#${order.number} · `))
      .waitFor();
    await keepScreenshot(page, 'waiter-split-part');
  });
});
