import { as, Session } from './support/clients';
import { channelsFixture, mappingsOf, newChannel } from './support/channels-fixture';
import type { Restaurant } from './support/factories';
import type { Json } from './support/menu-fixture';
import { startTestApp, TestApp } from './support/test-app';

describe('Reports: sales by channel', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: Session;
  let restaurant: Restaurant;
  let aioli: { id: string };
  let cashId: string;
  /** Closed orders' totals by the channel they came from: the ledger the report must agree with. */
  const ledger = new Map<string, { orders: number; salesInclTax: number }>();

  const book = (channel: string, order: Json) => {
    const sums = ledger.get(channel) ?? { orders: 0, salesInclTax: 0 };
    ledger.set(channel, {
      orders: sums.orders + 1,
      salesInclTax: sums.salesInclTax + (order.total as number),
    });
  };
  const close = (id: string) =>
    as(t, waiter).patch(`/api/v1/orders/${id}/status`).send({ status: 'closed' }).expect(200);

  /** A channel's order, paid by the channel, accepted on arrival, then closed. */
  const channelSale = async (aggregator: ReturnType<typeof as>, code: string, externalId: string) => {
    const order = (
      await aggregator
        .post(`/api/v1/channels/${code}/orders`)
        .send({
          externalId,
          customerName: 'Ada Lovelace',
          phone: '+49 151 2345678',
          type: 'takeaway',
          items: [
            { externalId: 'burger-double', quantity: 2, price: 1700 },
            { externalId: 'beer', quantity: 1, price: 600 },
          ],
          total: 4000,
          paidByChannel: true,
        })
        .expect(201)
    ).body;
    await close(order.id);
    book(code, order);
  };

  /** The restaurant's own order taken by the waiter, paid in cash and closed. */
  const ownSale = async (body: Json) => {
    const order = (await as(t, waiter).post('/api/v1/orders').send(body).expect(201)).body;
    await as(t, waiter)
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: cashId, amount: order.total })
      .expect(201);
    await close(order.id);
    book('own', order);
  };

  beforeAll(async () => {
    t = await startTestApp();
    ({ admin, waiter, restaurant, aioli } = await channelsFixture(t));
    const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Json[];
    cashId = methods.find((method) => method.kind === 'cash')!.id as string;
  });

  afterAll(() => t.close());

  it('has a row for own orders and one per channel, adding up to the ungrouped report, in JSON and CSV', async () => {
    const channel = (code: string) =>
      newChannel(t, admin, { code, name: code, autoAccept: true, items: mappingsOf(restaurant, aioli.id) });
    const [eats, rush] = await Promise.all([channel('eats'), channel('rush')]);
    await channel('quiet');
    await channelSale(eats.aggregator, 'eats', 'e-1');
    await channelSale(eats.aggregator, 'eats', 'e-2');
    await channelSale(rush.aggregator, 'rush', 'r-1');
    // Not sales: an open order of a channel.
    await rush.aggregator
      .post('/api/v1/channels/rush/orders')
      .send({
        externalId: 'r-open',
        customerName: 'Bob',
        phone: '+49 151 0000000',
        type: 'takeaway',
        items: [{ externalId: 'beer', quantity: 3, price: 600 }],
        total: 1800,
        paidByChannel: true,
      })
      .expect(201);
    await ownSale({
      type: 'dine_in',
      tableId: restaurant.table.id,
      items: [{ dishId: restaurant.fries.id, quantity: 2 }],
    });
    await ownSale({ type: 'takeaway', items: [{ dishId: restaurant.beer.id, quantity: 1 }] });

    const report = (query: string) => as(t, admin).get(`/api/v1/reports/sales${query}`).expect(200);
    const byChannel = (await report('?groupBy=channel')).body;
    const plain = (await report('')).body;
    expect(byChannel.groupBy).toBe('channel');
    expect((byChannel.rows as Json[]).map((row) => row.period as string)).toEqual([
      'own',
      'eats',
      'quiet',
      'rush',
    ]);
    for (const row of byChannel.rows as Json[]) {
      const expected = ledger.get(row.period as string) ?? { orders: 0, salesInclTax: 0 };
      expect(row).toMatchObject({
        ...expected,
        businessDay: null,
        start: byChannel.period.start,
        end: byChannel.period.end,
      });
    }
    expect(byChannel.totals).toEqual(plain.totals);
    expect(plain.totals.orders).toBe(5);

    const csv = (await report('?groupBy=channel&format=csv')).text.trim().split('\r\n');
    const header = csv[0].split(',');
    const cells = (period: string) => csv.find((line) => line.startsWith(`${period},`))!.split(',');
    expect(cells('eats')[header.indexOf('salesInclTax')]).toBe(String(ledger.get('eats')!.salesInclTax));
    expect(cells('own')[header.indexOf('orders')]).toBe('2');
    expect(cells('total')[header.indexOf('salesInclTax')]).toBe(String(plain.totals.salesInclTax));
  });

  it('refuses an unknown grouping with 422 naming groupBy', async () => {
    const response = await as(t, admin).get('/api/v1/reports/sales?groupBy=courier').expect(422);
    expect(JSON.stringify(response.body)).toContain('groupBy');
  });
});
