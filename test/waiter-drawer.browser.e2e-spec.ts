import { addDish, sendOrder, tableTile } from '../scripts/waiter-tablet-driver';
import { CHROMIUM, describeInBrowser } from './support/browser';
import { as } from './support/clients';
import type { TestApp } from './support/test-app';
import { ordersAt, type WaiterRestaurant } from './support/waiter-fixture';
import { waiterBrowserSuite } from './support/waiter-tablet';

type Drawer = {
  deviceId: string | null;
  openingCash: number;
  cashTendered: number;
  difference: number | null;
};

/** A waiter's cash drawer on the tablet (issue 69): float, a cash sale, the count, short on the manager's day. */
describeInBrowser(`The cash drawer on the waiter tablet (${CHROMIUM})`, () => {
  let t: TestApp;
  let r: WaiterRestaurant;
  const suite = waiterBrowserSuite();
  beforeAll(() => ({ t, r } = suite));

  it('opens the drawer with a float, takes cash into it, counts it short and the manager sees it', async () => {
    const { page } = await suite.tablet();
    await page.getByRole('button', { name: 'Drawer' }).click();
    const panel = page.getByRole('region', { name: 'Cash drawer of this tablet' });
    await panel.getByLabel('Float (cash put in to give change)').fill('100.00');
    await panel.getByRole('button', { name: 'Open the drawer' }).click();
    await panel.getByText('In the drawer by now: €100.00').waitFor();

    await tableTile(page, 'T1').click();
    await addDish(page, 'Beer');
    await sendOrder(page);
    await page.getByRole('button', { name: 'Check & pay' }).click();
    await page.getByRole('button', { name: 'Cash', exact: true }).click();
    await page.getByLabel('Cash given').fill('20.00');
    await page.getByRole('button', { name: 'Pay Cash' }).click();
    await page.getByText('Nothing due.').waitFor();
    const [order] = await ordersAt<{ total: number }>(t, r, r.tables[0].id);

    // The beer's cash is in the tablet's drawer; the count is 0.50 short of it.
    const expected = 10_000 + order.total;
    await page.getByRole('button', { name: 'Drawer' }).click();
    await page.getByRole('button', { name: 'Drawer' }).click();
    const counted = ((expected - 50) / 100).toFixed(2);
    await panel.getByText(`In the drawer by now: €${(expected / 100).toFixed(2)}`).waitFor();
    await panel.getByLabel('Counted').fill(counted);
    await panel.getByRole('button', { name: 'Count and close' }).click();
    await panel.getByText('Short €0.50').waitFor();

    const day = await as(t, r.manager.session).get('/api/v1/reports/shift').expect(200);
    const drawers = day.body.cashDrawers as Drawer[];
    expect(drawers).toEqual([
      expect.objectContaining({ openingCash: 10_000, cashTendered: 2_000, difference: -50 }),
    ]);
    expect(drawers[0].deviceId).not.toBeNull();
  });
});
