import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import type { OrderBody } from './support/orders-fixture';
import { Envelope, openSockets } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

type Variation = { id: string; name: string; available: boolean; stockCount: number | null };
type MenuBody = { categories: Array<{ dishes: Array<{ id: string; variations: Array<{ id: string }> }> }> };

describe('Counted stock', () => {
  let t: TestApp;
  let admin: Session;
  let make: ReturnType<typeof factories>;
  let waiter: NewStaff;
  let manager: NewStaff;
  let kitchen: NewStaff;
  const open = openSockets(() => t);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    make = factories(t, admin);
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    kitchen = await newStaff(t, Role.Kitchen);
  });

  afterAll(() => t.close());

  /** The double burger of the restaurant: the variation these tests count. */
  const double = (r: Restaurant) => r.burger.variations.find((v) => v.name === 'Double')!;

  const setStock = (r: Restaurant, count: number | null, session: Session = kitchen.session) =>
    as(t, session)
      .patch(`/api/v1/dishes/${r.burger.id}/variations/${double(r).id}/stock`)
      .send({ count });

  const variation = async (r: Restaurant): Promise<Variation> => {
    const dish = await as(t, admin).get(`/api/v1/dishes/${r.burger.id}`).expect(200);
    return (dish.body.variations as Variation[]).find((v) => v.id === double(r).id)!;
  };

  const orderDoubles = (r: Restaurant, ...quantities: number[]) =>
    as(t, waiter.session)
      .post('/api/v1/orders')
      .send({
        type: 'takeaway',
        items: quantities.map((quantity) => ({ dishId: r.burger.id, variationId: double(r).id, quantity })),
      });

  const onMenu = async (r: Restaurant): Promise<boolean> => {
    const menu = (await t.http().get('/api/v1/menu').expect(200)).body as MenuBody;
    const dish = menu.categories.flatMap((c) => c.dishes).find((d) => d.id === r.burger.id);
    return dish?.variations.some((v) => v.id === double(r).id) ?? false;
  };

  const orderCount = async () =>
    Number(
      (await t.dataSource.query<Array<{ n: string | number }>>('SELECT COUNT(*) AS n FROM orders'))[0].n,
    );

  /** Events after `since` about this variation's availability, as the admin reads the log. */
  async function availabilityEvents(r: Restaurant, since: number): Promise<Array<{ available: boolean }>> {
    const page = await as(t, admin).get(`/api/v1/events?since=${since}&limit=1000`).expect(200);
    return (page.body.items as Envelope[])
      .filter((e) => e.type === 'menu.availability_changed' && e.data.variationId === double(r).id)
      .map((e) => ({ available: e.data.available as boolean }));
  }

  const lastSeq = async () =>
    (await as(t, admin).get('/api/v1/events?since=0&limit=1').expect(200)).body.lastSeq as number;

  it('counts a variation, takes every order from it and refuses more than is left, writing nothing', async () => {
    const r = await make.newRestaurant();
    const set = await setStock(r, 6);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ id: double(r).id, available: true, stockCount: 6 });
    const audit = await as(t, admin)
      .get('/api/v1/audit-log')
      .query({ action: 'variation.stock_set', entityId: double(r).id })
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actor: `staff:${kitchen.id}`,
        before: expect.objectContaining({ stockCount: null }),
        after: expect.objectContaining({ stockCount: 6 }),
      }),
    ]);

    const grill = await open({ token: kitchen.session.accessToken, stations: [r.grill.id] });
    const bar = await open({ token: kitchen.session.accessToken, stations: [r.bar.id] });
    // Two lines of the same variation add up: 6 - 3 = 3, at the threshold.
    const first = await orderDoubles(r, 1, 2);
    expect(first.status).toBe(201);
    expect((await variation(r)).stockCount).toBe(3);
    const isLow = (e: Envelope) => e.type === 'menu.stock_low';
    await grill.until((events) => events.some(isLow));
    expect(grill.received.find(isLow)!.data).toEqual({
      dishId: r.burger.id,
      variationId: double(r).id,
      count: 3,
    });

    const before = await orderCount();
    const since = await lastSeq();
    const short = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({
        type: 'takeaway',
        items: [
          { dishId: r.beer.id, quantity: 1 },
          { dishId: r.burger.id, variationId: double(r).id, quantity: 2 },
          { dishId: r.burger.id, variationId: double(r).id, quantity: 2 },
        ],
      });
    expect(short.status).toBe(422);
    expect(short.body.error).toMatchObject({
      code: 'OUT_OF_STOCK',
      details: [
        { field: 'items[1].variationId', message: 'has only 3 left' },
        { field: 'items[2].variationId', message: 'has only 3 left' },
      ],
    });
    expect(await orderCount()).toBe(before);
    expect(await lastSeq()).toBe(since);
    expect((await variation(r)).stockCount).toBe(3);

    // The bar's screen hears of a beer order, and never heard of the burger's stock.
    const beer = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1 }] })
      .expect(201);
    const barSaw = await bar.receivedBefore((e) => e.type === 'order.created' && e.data.id === beer.body.id);
    expect(barSaw.filter(isLow)).toEqual([]);
  });

  it('sells out at 0 by itself, and a void puts the portions back on the menu', async () => {
    const r = await make.newRestaurant();
    await setStock(r, 2).expect(200);
    const since = await lastSeq();
    const floor = await open({ token: waiter.session.accessToken });
    const sold = await orderDoubles(r, 2);
    expect(sold.status).toBe(201);
    expect(await variation(r)).toMatchObject({ stockCount: 0, available: false });
    expect(await onMenu(r)).toBe(false);
    await floor.until((events) =>
      events.some((e) => e.type === 'menu.availability_changed' && e.data.variationId === double(r).id),
    );
    expect(await availabilityEvents(r, since)).toEqual([{ available: false }]);
    const refused = await orderDoubles(r, 1);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'OUT_OF_STOCK',
      details: [{ field: 'items[0].variationId', message: 'is sold out' }],
    });

    const order = sold.body as OrderBody;
    const voided = await as(t, waiter.session).delete(
      `/api/v1/orders/${order.id}/items/${order.items[0].id}`,
    );
    expect(voided.status).toBe(200);
    expect(await variation(r)).toMatchObject({ stockCount: 2, available: true });
    expect(await onMenu(r)).toBe(true);
    expect(await availabilityEvents(r, since)).toEqual([{ available: false }, { available: true }]);
    await orderDoubles(r, 1).expect(201);
  });

  it('brings back on a restock what its count took off the menu, not what a person 86’d', async () => {
    const r = await make.newRestaurant();
    await setStock(r, 1).expect(200);
    await orderDoubles(r, 1).expect(201);
    expect(await variation(r)).toMatchObject({ stockCount: 0, available: false });
    expect((await setStock(r, 10)).body).toMatchObject({ stockCount: 10, available: true });

    await as(t, manager.session)
      .patch(`/api/v1/dishes/${r.burger.id}/variations/${double(r).id}/availability`)
      .send({ available: false })
      .expect(200);
    expect((await setStock(r, 12)).body).toMatchObject({ stockCount: 12, available: false });
    expect(await onMenu(r)).toBe(false);

    // Setting 0 sells it out; no count (null) brings it back, as nothing counts it any more.
    await as(t, manager.session)
      .patch(`/api/v1/dishes/${r.burger.id}/variations/${double(r).id}/availability`)
      .send({ available: true })
      .expect(200);
    expect((await setStock(r, 0)).body).toMatchObject({ stockCount: 0, available: false });
    expect((await setStock(r, null)).body).toMatchObject({ stockCount: null, available: true });
    await orderDoubles(r, 50).expect(201);
  });

  it('follows quantity edits both ways and a cancelled order’s items', async () => {
    const r = await make.newRestaurant();
    await setStock(r, 10).expect(200);
    const placed = (await orderDoubles(r, 3).expect(201)).body as OrderBody & { version: number };
    const item = placed.items[0];
    const edit = (quantity: number) =>
      as(t, waiter.session).patch(`/api/v1/orders/${placed.id}/items/${item.id}`).send({ quantity });
    await edit(5).expect(200);
    expect((await variation(r)).stockCount).toBe(5);
    const tooMany = await edit(11);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error).toMatchObject({
      code: 'OUT_OF_STOCK',
      details: [{ field: 'quantity', message: 'has only 5 left' }],
    });
    expect((await variation(r)).stockCount).toBe(5);
    await edit(1).expect(200);
    expect((await variation(r)).stockCount).toBe(9);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${placed.id}/status`)
      .send({ status: 'cancelled', reason: 'left' })
      .expect(200);
    expect((await variation(r)).stockCount).toBe(10);
  });

  it('lets the kitchen, managers and admins set a count from 0 to 100000, or null', async () => {
    const r = await make.newRestaurant();
    for (const body of [{}, { count: -1 }, { count: 100_001 }, { count: 1.5 }, { count: '5' }]) {
      const response = await as(t, kitchen.session)
        .patch(`/api/v1/dishes/${r.burger.id}/variations/${double(r).id}/stock`)
        .send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 422 });
    }
    await setStock(r, 100_000, manager.session).expect(200);
    await setStock(r, 7, admin).expect(200);
    await setStock(r, 5, waiter.session).expect(403);
    expect((await variation(r)).stockCount).toBe(7);
    await as(t, kitchen.session)
      .patch(`/api/v1/dishes/${r.burger.id}/variations/${r.fries.variations[0].id}/stock`)
      .send({ count: 1 })
      .expect(404);
  });

  it('sells the last 20 portions to exactly 20 of 50 concurrent orders', async () => {
    const r = await make.newRestaurant();
    await setStock(r, 20).expect(200);
    const since = await lastSeq();
    const replies = await Promise.all(Array.from({ length: 50 }, () => orderDoubles(r, 1)));
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(20);
    expect(statuses.filter((status) => status === 422)).toHaveLength(30);
    // Refused by the count itself, or, once the sell-out reached the menu in memory, as sold out: the same answer.
    const refusals = replies
      .filter((reply) => reply.status === 422)
      .map((reply) => (reply.body as { error: { code: string } }).error.code);
    expect(new Set(refusals)).toEqual(new Set(['OUT_OF_STOCK']));
    expect(await variation(r)).toMatchObject({ stockCount: 0, available: false });
    expect(await availabilityEvents(r, since)).toEqual([{ available: false }]);
    const sold = await t.dataSource.query<Array<{ n: string | number }>>(
      'SELECT COALESCE(SUM(quantity), 0) AS n FROM order_items WHERE variation_id = $1',
      [double(r).id],
    );
    expect(Number(sold[0].n)).toBe(20);
  });
});
