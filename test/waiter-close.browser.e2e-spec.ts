import type { Page } from 'playwright-core';
import { addDish, sendOrder, tableTile } from '../scripts/waiter-tablet-driver';
import { CHROMIUM, describeInBrowser } from './support/browser';
import { as } from './support/clients';
import type { TestApp } from './support/test-app';
import { ordersAt, type WaiterRestaurant } from './support/waiter-fixture';
import { waiterBrowserSuite } from './support/waiter-tablet';

type Order = { id: string; status: string; items: Array<{ id: string; name: string; status: string }> };

/**
 * Closing a check as a night goes (issue 66): the bar has no screen, so the waiter serves its drinks from "Sent";
 * a refusal that is no edit conflict says its reason and leaves the outbox; a line removed after payment leaves
 * money to give back, given back from the tablet, and the check closes.
 */
describeInBrowser(`Closing a check on the waiter tablet (${CHROMIUM})`, () => {
  let t: TestApp;
  let r: WaiterRestaurant;
  const suite = waiterBrowserSuite();
  beforeAll(() => ({ t, r } = suite));

  const line = (page: Page, name: string) => page.locator(`.line[data-line^="${name}"]`);

  it('serves the bar from sent, says why it cannot close yet, gives back what was paid over and closes', async () => {
    const { page, waiting } = await suite.tablet();
    const t3 = r.tables[2];
    await tableTile(page, 'T3').click();
    await addDish(page, 'Fries');
    await addDish(page, 'Beer');
    await addDish(page, 'Cheesecake');
    await sendOrder(page);
    await line(page, 'Beer').locator('.chip', { hasText: 'Sent' }).waitFor();
    const [order] = await ordersAt<Order>(t, r, t3.id);
    const item = (name: string) => order.items.find((each) => each.name === name)!;
    const kitchen = (name: string, status: string) =>
      as(t, r.cook.session)
        .patch(`/api/v1/orders/${order.id}/items/${item(name).id}/status`)
        .send({ status })
        .expect(200);
    await kitchen('Fries', 'ready');
    await kitchen('Cheesecake', 'in_progress');

    await line(page, 'Fries').getByRole('button', { name: 'Served' }).click();
    await line(page, 'Beer').getByRole('button', { name: 'Served' }).click();
    await line(page, 'Beer').locator('.chip', { hasText: 'Served' }).waitFor();

    await page.getByRole('button', { name: 'Check & pay' }).click();
    await page.getByRole('button', { name: 'Cash', exact: true }).click();
    await page.getByLabel('Cash given').fill('17.00');
    await page.getByRole('button', { name: 'Pay Cash' }).click();
    await page.getByText('Nothing due.').waitFor();
    expect(await page.getByRole('button', { name: 'Pay Cash' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Close the check' }).click();
    await page
      .getByRole('region', { name: 'Payment' })
      .getByText('The kitchen is still cooking part of this order: wait until it is ready.')
      .waitFor();
    expect(await page.getByRole('dialog', { name: 'Conflict' }).count()).toBe(0);
    expect(await waiting()).toBe(0);

    // The cake taken off after payment: 7.00 paid over, shown in euros and given back from the tablet.
    await kitchen('Cheesecake', 'new');
    await page.getByRole('button', { name: 'Back to the order' }).click();
    await line(page, 'Cheesecake').getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('button', { name: 'Remove it' }).click();
    await page.getByRole('button', { name: 'Check & pay' }).click();
    const giveBack = page.getByRole('group', { name: 'To give back' });
    await giveBack.getByText('€7.00', { exact: true }).waitFor();
    await giveBack.getByRole('button', { name: 'Give back €7.00' }).click();
    await page.getByText('Nothing due.').waitFor();
    await page.getByRole('button', { name: 'Close the check' }).click();
    await page.locator('img.receipt-qr').waitFor();

    const closed = (await as(t, r.manager.session).get(`/api/v1/orders/${order.id}`).expect(200))
      .body as Order;
    expect(closed.status).toBe('closed');
    expect(closed.items.map((each) => [each.name, each.status]).sort()).toEqual([
      ['Beer', 'served'],
      ['Cheesecake', 'cancelled'],
      ['Fries', 'served'],
    ]);
    const table = await as(t, r.waiter.session).get(`/api/v1/tables/${t3.id}`).expect(200);
    expect(table.body.status).toBe('cleaning');
  });
});
