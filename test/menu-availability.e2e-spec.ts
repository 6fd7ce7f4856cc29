import { as, loginAdmin, newKitchen, newManager, newWaiter, Session } from './support/clients';
import { fields, Json, menuFixture } from './support/menu-fixture';
import { startTestApp, TestApp } from './support/test-app';

interface EventRow {
  type: string;
  data: string;
}

describe('Menu availability ("86")', () => {
  let t: TestApp;
  let admin: Session;
  let category: Json;
  const { api, newCategory, newDish, auditOf } = menuFixture(
    () => t,
    () => admin,
  );

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    category = await newCategory('Specials');
  });

  afterAll(() => t.close());

  const events = async (type = 'menu.availability_changed') =>
    (await t.dataSource.query<EventRow[]>('SELECT type, data FROM events ORDER BY seq'))
      .filter((row) => row.type === type)
      .map((row): unknown => JSON.parse(row.data));

  it('lets kitchen and manager 86 a dish, raising exactly one event per change', async () => {
    const dish = await newDish({ name: 'Fish of the day', categoryId: category.id, price: 1800 });
    const kitchen = await newKitchen(t);
    const manager = await newManager(t);
    const before = (await events()).length;

    const off = await as(t, kitchen.session)
      .patch(`/api/v1/dishes/${dish.id}/availability`)
      .send({ available: false });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ ...dish, available: false });
    expect((await events()).slice(before)).toEqual([{ dishId: dish.id, available: false }]);

    // No change, no event.
    await as(t, manager.session)
      .patch(`/api/v1/dishes/${dish.id}/availability`)
      .send({ available: false })
      .expect(200);
    expect((await events()).length).toBe(before + 1);

    const on = await as(t, manager.session)
      .patch(`/api/v1/dishes/${dish.id}/availability`)
      .send({ available: true });
    expect(on.body.available).toBe(true);
    expect((await events()).slice(before)).toEqual([
      { dishId: dish.id, available: false },
      { dishId: dish.id, available: true },
    ]);

    const audits = (await auditOf('dish.availability_changed')).filter(
      (row) => JSON.parse(row.after!).id === dish.id,
    );
    expect(
      audits.map((row): unknown[] => [JSON.parse(row.before!).available, JSON.parse(row.after!).available]),
    ).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('86es one variation with its own event, and answers the dish', async () => {
    const dish = await newDish({
      name: 'Soup',
      categoryId: category.id,
      variations: [
        { name: 'Cup', price: 400 },
        { name: 'Bowl', price: 700 },
      ],
    });
    const bowl = dish.variations.find((v: { name: string }) => v.name === 'Bowl');
    const kitchen = await newKitchen(t);
    const before = (await events()).length;
    const off = await as(t, kitchen.session)
      .patch(`/api/v1/dishes/${dish.id}/variations/${bowl.id}/availability`)
      .send({ available: false });
    expect(off.status).toBe(200);
    expect(off.body.id).toBe(dish.id);
    expect(off.body.variations.find((v: { id: string }) => v.id === bowl.id).available).toBe(false);
    await as(t, kitchen.session)
      .patch(`/api/v1/dishes/${dish.id}/variations/${bowl.id}/availability`)
      .send({ available: false })
      .expect(200);
    expect((await events()).slice(before)).toEqual([
      { dishId: dish.id, variationId: bowl.id, available: false },
    ]);
    const [row] = await t.dataSource.query<Array<{ audience: string }>>(
      "SELECT audience FROM events WHERE type = 'menu.availability_changed' ORDER BY seq DESC",
    );
    expect(JSON.parse(row.audience)).toEqual({
      roles: expect.arrayContaining(['admin', 'manager', 'waiter', 'kitchen']),
      customers: 'all',
      integrations: true,
    });
  });

  it('refuses a waiter (403) and bad input (422), with no event', async () => {
    const dish = await newDish({ name: 'Pie', categoryId: category.id, price: 600 });
    const waiter = await newWaiter(t);
    const before = (await events()).length;
    const refused = await as(t, waiter.session)
      .patch(`/api/v1/dishes/${dish.id}/availability`)
      .send({ available: false });
    expect(refused.status).toBe(403);
    await as(t, waiter.session)
      .patch(`/api/v1/dishes/${dish.id}/variations/${dish.variations[0].id}/availability`)
      .send({ available: false })
      .expect(403);
    const bad = await api().patch(`/api/v1/dishes/${dish.id}/availability`).send({ available: 'no' });
    expect(bad.status).toBe(422);
    expect(fields(bad.body)).toEqual(['available']);
    expect((await events()).length).toBe(before);
    await api().get(`/api/v1/dishes/${dish.id}`).expect(200, dish);
  });
});
