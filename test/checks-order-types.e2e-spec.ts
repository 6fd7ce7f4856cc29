import { moneyOf } from './support/checks-fixture';
import { as, loginAdmin, newStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import type { Json } from './support/menu-fixture';
import { startTestApp, TestApp } from './support/test-app';
import { Role } from '../src/common/access/role';

type Line = { dishId: string; variationId?: string; quantity: number };

const burger = (r: Restaurant): Line => ({
  dishId: r.burger.id,
  variationId: r.burger.variations[0].id,
  quantity: 1,
});

/**
 * Lines that move between a dine-in and a takeaway order (a merge, a move of items) are taxed and charged as the
 * order they join would: its tax mapping and its service charge, at once, not at its next unrelated change.
 */
describe('Table service: merging and moving lines across order types', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: Session;
  let make: ReturnType<typeof factories>;
  let reduced: { id: string };

  beforeAll(async () => {
    t = await startTestApp({ PRICES_INCLUDE_TAX: 'false', SERVICE_CHARGE_RATE: '10' });
    admin = await loginAdmin(t);
    waiter = (await newStaff(t, Role.Waiter)).session;
    make = factories(t, admin);
    const food = await make.newTaxRate({ name: 'Food', percent: 10, isDefault: true });
    reduced = await make.newTaxRate({ name: 'Food to go', percent: 5 });
    await as(t, admin)
      .post('/api/v1/tax-mappings')
      .send({ name: 'To go', orderTypes: ['takeaway'], fromTaxRateId: food.id, toTaxRateId: reduced.id })
      .expect(201);
  });

  afterAll(() => t.close());

  const api = () => as(t, waiter);
  const dineIn = async (r: Restaurant, items: Line[]): Promise<Json> =>
    (
      await api()
        .post('/api/v1/orders')
        .send({ type: 'dine_in', tableId: (await make.newTable(`T-${Math.random()}`)).id, guests: 2, items })
        .expect(201)
    ).body;
  const takeaway = async (items: Line[]): Promise<Json> =>
    (await api().post('/api/v1/orders').send({ type: 'takeaway', items }).expect(201)).body;
  const addFries = async (r: Restaurant, id: string): Promise<Json> =>
    (
      await api()
        .post(`/api/v1/orders/${id}/items`)
        .send({ items: [{ dishId: r.fries.id, quantity: 1 }] })
        .expect(201)
    ).body;
  const taxesOf = (order: Json): unknown[] =>
    (order.items as Array<{ taxes: unknown }>).map((item) => item.taxes);

  /**
   * `order` is priced as `control`, an order of its type made with the same lines, so fries added to both move
   * their totals alike (they moved the merged order's by more: its moved lines took the service charge and the
   * rate of its type only then).
   */
  async function expectPricedAs(r: Restaurant, order: Json, control: Json): Promise<void> {
    const [more, controlMore] = [await addFries(r, order.id), await addFries(r, control.id)];
    expect(more.total - order.total).toBe(controlMore.total - control.total);
    expect(moneyOf(order)).toEqual(moneyOf(control));
    expect(order.taxes).toEqual(control.taxes);
    expect(taxesOf(order)).toEqual(taxesOf(control));
    expect(moneyOf(more)).toEqual(moneyOf(controlMore));
  }

  it('merges a takeaway into a dine-in: its lines take the dine-in rate and service charge at once', async () => {
    const r = await make.newRestaurant();
    const target = await dineIn(r, [burger(r)]);
    const source = await takeaway([
      { dishId: r.beer.id, quantity: 1 },
      { dishId: r.fries.id, quantity: 1 },
    ]);
    expect(taxesOf(source)[0]).toEqual([expect.objectContaining({ taxRateId: reduced.id })]);
    const merged = await api()
      .post(`/api/v1/orders/${target.id}/merge`)
      .send({ fromOrderIds: [source.id] })
      .expect(200);
    const control = await dineIn(r, [
      burger(r),
      { dishId: r.beer.id, quantity: 1 },
      { dishId: r.fries.id, quantity: 1 },
    ]);
    await expectPricedAs(r, merged.body.orders[0], control);
  });

  it('moves items from a takeaway to a dine-in and back, each taxed and charged as the order it joins', async () => {
    const r = await make.newRestaurant();
    const source = await takeaway([
      { dishId: r.beer.id, quantity: 2 },
      { dishId: r.fries.id, quantity: 1 },
    ]);
    const target = await dineIn(r, [burger(r)]);
    const moved = await api()
      .post(`/api/v1/orders/${source.id}/items/move`)
      .send({ toOrderId: target.id, items: [{ itemId: source.items[0].id, quantity: 1 }] })
      .expect(200);
    const [from, to] = moved.body.orders as Json[];
    await expectPricedAs(r, to, await dineIn(r, [burger(r), { dishId: r.beer.id, quantity: 1 }]));
    // And back: the dine-in's burger joins the takeaway, which takes no service charge and its own rate.
    const back = await api()
      .post(`/api/v1/orders/${target.id}/items/move`)
      .send({ toOrderId: from.id, items: [{ itemId: target.items[0].id, quantity: 1 }] })
      .expect(200);
    await expectPricedAs(
      r,
      back.body.orders[1],
      await takeaway([{ dishId: r.beer.id, quantity: 1 }, { dishId: r.fries.id, quantity: 1 }, burger(r)]),
    );
  });
});
