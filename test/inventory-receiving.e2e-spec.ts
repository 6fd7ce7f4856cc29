import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/access/role';
import { as, issueKey, loginAdmin, newStaff, NewStaff, Session, withKey } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { expectLedgerMatchesOnHand } from './support/stock-ledger';
import { startTestApp, TestApp } from './support/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Inventory: counts and receiving', () => {
  let t: TestApp;
  let admin: Session;
  let make: ReturnType<typeof factories>;
  let waiter: NewStaff;
  let manager: NewStaff;
  let kitchen: NewStaff;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    make = factories(t, admin);
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    kitchen = await newStaff(t, Role.Kitchen);
  });

  afterAll(() => t.close());

  const api = () => as(t, manager.session);
  const area = () => `Cooler ${Math.random().toString(36).slice(2, 8)}`;
  const ingredient = async (name: string, stock: Json = {}): Promise<string> => {
    const response = await as(t, admin).post('/api/v1/ingredients').send({ name, allergens: [], stock });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const stockOf = async (id: string): Promise<Json> =>
    (await api().get(`/api/v1/ingredients/${id}`).expect(200)).body as Json;
  const stockIn = (ingredientId: string, quantity: number) =>
    api().post('/api/v1/stock-movements').send({ ingredientId, quantity, reason: 'transfer_in' }).expect(201);
  const movements = async (ingredientId: string, reason?: string): Promise<Json[]> =>
    (
      await api()
        .get('/api/v1/stock-movements')
        .query({ ingredientId, ...(reason ? { reason } : {}) })
        .expect(200)
    ).body.items as Json[];
  const openCount = async (storageArea?: string): Promise<Json> =>
    (
      await api()
        .post('/api/v1/stock-counts')
        .send(storageArea ? { storageArea } : {})
        .expect(201)
    ).body as Json;
  const lineOf = (sheet: Json, ingredientId: string): Json =>
    (sheet.lines as Json[]).find((line) => line.ingredientId === ingredientId)!;
  const variationsOnMenu = async (r: Restaurant): Promise<string[]> => {
    const menu = (await t.http().get('/api/v1/menu').expect(200)).body as Json;
    const dish = (menu.categories as Json[])
      .flatMap((c) => c.dishes as Json[])
      .find((d) => d.id === r.burger.id);
    return ((dish?.variations ?? []) as Json[]).map((v) => v.name as string).sort();
  };
  const ledgerMatchesOnHand = () => expectLedgerMatchesOnHand(t);

  it('posts a count as one movement per ingredient whose count differs from the on-hand at posting', async () => {
    const cooler = area();
    const butter = await ingredient('Butter', { storageArea: cooler, costPerThousand: 2_000 });
    const cream = await ingredient('Cream', { storageArea: cooler, baseUnit: 'ml', costPerThousand: 3_000 });
    const flour = await ingredient('Flour', { storageArea: area(), costPerThousand: 500 });
    await stockIn(butter, 1_000);
    await stockIn(cream, 500);
    await stockIn(flour, 700);

    const sheet = await openCount(cooler);
    expect(sheet).toMatchObject({ storageArea: cooler, status: 'open', postedAt: null });
    expect((sheet.lines as Json[]).map((line) => line.ingredientId as string).sort()).toEqual(
      [butter, cream].sort(),
    );
    expect(lineOf(sheet, butter)).toMatchObject({
      name: 'Butter',
      expected: 1_000,
      counted: null,
      variance: null,
    });
    // Everything is on a sheet opened for no storage area.
    const everything = await openCount();
    expect((everything.lines as Json[]).map((line) => line.ingredientId as string)).toEqual(
      expect.arrayContaining([butter, cream, flour]),
    );

    // Waste after the sheet was opened: the variance booked is against the on-hand at posting.
    await api()
      .post('/api/v1/stock-movements')
      .send({ ingredientId: butter, quantity: 100, reason: 'waste' })
      .expect(201);
    await api()
      .put(`/api/v1/stock-counts/${sheet.id}/lines`)
      .send({ lines: [{ ingredientId: butter, counted: 800 }] })
      .expect(200);
    // Counted again: the last count stands.
    const counted = await api()
      .put(`/api/v1/stock-counts/${sheet.id}/lines`)
      .send({
        lines: [
          { ingredientId: butter, counted: 850 },
          { ingredientId: cream, counted: 500 },
        ],
      })
      .expect(200);
    expect(lineOf(counted.body, butter)).toMatchObject({ expected: 1_000, counted: 850, variance: -150 });
    const read = (await api().get(`/api/v1/stock-counts/${sheet.id}`).expect(200)).body as Json;
    // 150 g at 2.00 a kilogram: 0.30.
    expect(lineOf(read, butter)).toMatchObject({ variance: -150, varianceCost: -300, booked: null });
    expect(lineOf(read, cream)).toMatchObject({ variance: 0, varianceCost: 0 });
    expect(read.varianceCost).toBe(-300);

    const posted = await api().post(`/api/v1/stock-counts/${sheet.id}/post`).expect(200);
    expect(posted.body.status).toBe('posted');
    expect(lineOf(posted.body, butter)).toMatchObject({ counted: 850, booked: -50 });
    expect(lineOf(posted.body, cream)).toMatchObject({ booked: 0 });
    const counts = await movements(butter, 'count');
    expect(counts).toEqual([
      expect.objectContaining({ quantity: -50, cost: -100, reason: 'count', ref: `count:${sheet.id}` }),
    ]);
    expect(await movements(cream, 'count')).toEqual([]);
    expect((await stockOf(butter)).onHand).toBe(850);
    expect((await stockOf(cream)).onHand).toBe(500);
    await ledgerMatchesOnHand();

    // Posted: neither posted again nor counted again, and nothing moves.
    const again = await api().post(`/api/v1/stock-counts/${sheet.id}/post`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    await api()
      .put(`/api/v1/stock-counts/${sheet.id}/lines`)
      .send({ lines: [{ ingredientId: butter, counted: 10 }] })
      .expect(409);
    expect((await stockOf(butter)).onHand).toBe(850);
    expect(await movements(butter, 'count')).toHaveLength(1);
  });

  it('sells a dish out when its ingredient is counted to zero, and a received purchase order brings it back at the new cost', async () => {
    const r = await make.newRestaurant();
    const cooler = area();
    const cheese = await ingredient(`Cheddar ${Date.now()}`, { storageArea: cooler, costPerThousand: 1_000 });
    const variation = (name: string) => r.burger.variations.find((v) => v.name === name)!.id;
    await api()
      .put(`/api/v1/dishes/${r.burger.id}/variations/${variation('Regular')}/recipe`)
      .send({ lines: [{ ingredientId: cheese, quantity: 150, unit: 'g' }] })
      .expect(200);
    await api()
      .put(`/api/v1/dishes/${r.burger.id}/variations/${variation('Double')}/recipe`)
      .send({ lines: [{ ingredientId: cheese, quantity: 300, unit: 'g' }] })
      .expect(200);
    await stockIn(cheese, 1_000);
    expect(await variationsOnMenu(r)).toEqual(['Double', 'Regular']);

    const sheet = await openCount(cooler);
    await api()
      .put(`/api/v1/stock-counts/${sheet.id}/lines`)
      .send({ lines: [{ ingredientId: cheese, counted: 0 }] })
      .expect(200);
    await api().post(`/api/v1/stock-counts/${sheet.id}/post`).expect(200);
    expect(await variationsOnMenu(r)).toEqual([]);
    expect(await stockOf(cheese)).toMatchObject({ onHand: 0, available: false });
    const refused = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({
        type: 'takeaway',
        items: [{ dishId: r.burger.id, variationId: variation('Regular'), quantity: 1 }],
      });
    expect(refused.status).toBe(422);

    const supplier = await api()
      .post('/api/v1/suppliers')
      .send({
        name: 'Dairy Co',
        contact: 'orders@dairy.example',
        prices: [{ ingredientId: cheese, packName: '2 kg block', baseQuantity: 2_000, packPrice: 3_000 }],
      })
      .expect(201);
    const order = await api()
      .post('/api/v1/purchase-orders')
      .send({ supplierId: supplier.body.id, lines: [{ ingredientId: cheese, packs: 2 }] })
      .expect(201);
    expect(order.body).toMatchObject({
      status: 'open',
      total: 6_000,
      lines: [
        { ingredientId: cheese, packName: '2 kg block', baseQuantity: 2_000, packs: 2, packPrice: 3_000 },
      ],
    });

    const first = await api()
      .post(`/api/v1/purchase-orders/${order.body.id}/receipts`)
      .send({ lines: [{ ingredientId: cheese, packs: 1, packPrice: 3_200 }] })
      .expect(201);
    expect(first.body.status).toBe('partly_received');
    expect(first.body.lines[0].receivedPacks).toBe(1);
    // 32.00 for 2 kg: 16.00 a kilogram.
    expect(await stockOf(cheese)).toMatchObject({ onHand: 2_000, costPerThousand: 1_600, available: true });
    expect(await variationsOnMenu(r)).toEqual(['Double', 'Regular']);
    expect(await movements(cheese, 'receipt')).toEqual([
      expect.objectContaining({ quantity: 2_000, cost: 3_200, ref: `purchase_order:${order.body.id}` }),
    ]);

    const second = await api()
      .post(`/api/v1/purchase-orders/${order.body.id}/receipts`)
      .send({ lines: [{ ingredientId: cheese, packs: 1, packPrice: 3_000 }] })
      .expect(201);
    expect(second.body.status).toBe('received');
    expect(await stockOf(cheese)).toMatchObject({ onHand: 4_000, costPerThousand: 1_500 });
    expect((await api().get(`/api/v1/purchase-orders/${order.body.id}`).expect(200)).body.status).toBe(
      'received',
    );
    const listed = await api()
      .get('/api/v1/purchase-orders')
      .query({ supplierId: supplier.body.id })
      .expect(200);
    expect((listed.body.items as Json[]).map((o) => o.status as string)).toEqual(['received']);
    const late = await api()
      .post(`/api/v1/purchase-orders/${order.body.id}/receipts`)
      .send({ lines: [{ ingredientId: cheese, packs: 1, packPrice: 3_000 }] });
    expect(late.status).toBe(409);
    expect((await stockOf(cheese)).onHand).toBe(4_000);
    await ledgerMatchesOnHand();
  });

  it('lets only managers, admins and inventory keys in, and refuses bad input without changing anything', async () => {
    const cooler = area();
    const oil = await ingredient('Olive oil', {
      storageArea: cooler,
      baseUnit: 'ml',
      costPerThousand: 8_000,
    });
    const salt = await ingredient('Salt', { storageArea: area() });
    await stockIn(oil, 3_000);
    const sheet = await openCount(cooler);
    const supplier = (
      await api()
        .post('/api/v1/suppliers')
        .send({
          name: 'Oil Co',
          prices: [{ ingredientId: oil, packName: 'can 5 l', baseQuantity: 5_000, packPrice: 4_000 }],
        })
        .expect(201)
    ).body as Json;
    const order = (
      await api()
        .post('/api/v1/purchase-orders')
        .send({ supplierId: supplier.id, lines: [{ ingredientId: oil, packs: 1, packPrice: 3_900 }] })
        .expect(201)
    ).body as Json;
    expect(order.lines[0].packPrice).toBe(3_900);

    // Staff who are not managers.
    for (const person of [waiter, kitchen]) {
      const them = as(t, person.session);
      await them.get(`/api/v1/stock-counts/${sheet.id}`).expect(403);
      await them.post('/api/v1/stock-counts').send({}).expect(403);
      await them.get('/api/v1/suppliers').expect(403);
      await them.post('/api/v1/suppliers').send({ name: 'Nope' }).expect(403);
      await them.get(`/api/v1/purchase-orders/${order.id}`).expect(403);
      await them
        .post(`/api/v1/purchase-orders/${order.id}/receipts`)
        .send({ lines: [{ ingredientId: oil, packs: 1, packPrice: 1 }] })
        .expect(403);
    }
    // Keys by scope.
    const ordersKey = await issueKey(t, admin, { scopes: ['orders:read', 'menu:write'] });
    const reader = await issueKey(t, admin, { name: 'Stock reader', scopes: ['inventory:read'] });
    const writer = await issueKey(t, admin, { name: 'Stock writer', scopes: ['inventory:write'] });
    await withKey(t, ordersKey.key).get('/api/v1/suppliers').expect(403);
    await withKey(t, ordersKey.key).post(`/api/v1/stock-counts/${sheet.id}/post`).expect(403);
    await withKey(t, reader.key).get(`/api/v1/stock-counts/${sheet.id}`).expect(200);
    await withKey(t, reader.key).get('/api/v1/purchase-orders').expect(200);
    await withKey(t, reader.key).post('/api/v1/suppliers').send({ name: 'Nope' }).expect(403);
    await withKey(t, reader.key).post(`/api/v1/stock-counts/${sheet.id}/post`).expect(403);
    await withKey(t, writer.key).post('/api/v1/stock-counts').send({ storageArea: cooler }).expect(201);
    expect((await api().get(`/api/v1/stock-counts/${sheet.id}`).expect(200)).body.status).toBe('open');

    // Bad input: 422 in the API's error shape, and nothing changes.
    const invalid = async (call: Promise<{ status: number; body: Json }>, field: string) => {
      const response = await call;
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    };
    const putLines = (lines: unknown) => api().put(`/api/v1/stock-counts/${sheet.id}/lines`).send({ lines });
    await invalid(putLines([{ ingredientId: oil, counted: -1 }]), 'lines[0].counted');
    await invalid(putLines([{ ingredientId: oil, counted: 1.5 }]), 'lines[0].counted');
    await invalid(
      putLines([
        { ingredientId: oil, counted: 10 },
        { ingredientId: salt, counted: 1 },
      ]),
      'lines[1].ingredientId',
    );
    await invalid(putLines([]), 'lines');
    expect(lineOf((await api().get(`/api/v1/stock-counts/${sheet.id}`)).body, oil).counted).toBeNull();
    await invalid(
      api()
        .post('/api/v1/suppliers')
        .send({
          name: 'Twice Co',
          prices: [
            { ingredientId: oil, packName: 'can', baseQuantity: 5_000, packPrice: 1 },
            { ingredientId: oil, packName: 'bottle', baseQuantity: 1_000, packPrice: 1 },
          ],
        }),
      'prices[1].ingredientId',
    );
    await invalid(
      api()
        .post('/api/v1/suppliers')
        .send({
          name: 'Zero Co',
          prices: [{ ingredientId: oil, packName: 'x', baseQuantity: 0, packPrice: 1 }],
        }),
      'prices[0].baseQuantity',
    );
    const suppliers = (await api().get('/api/v1/suppliers').expect(200)).body.items as Json[];
    expect(suppliers.filter((s) => ['Twice Co', 'Zero Co'].includes(s.name as string))).toEqual([]);
    await invalid(
      api()
        .post('/api/v1/purchase-orders')
        .send({ supplierId: supplier.id, lines: [{ ingredientId: salt, packs: 1 }] }),
      'lines[0].ingredientId',
    );
    await invalid(
      api()
        .post('/api/v1/purchase-orders')
        .send({ supplierId: supplier.id, lines: [{ ingredientId: oil, packs: 0 }] }),
      'lines[0].packs',
    );
    const orders = (await api().get('/api/v1/purchase-orders').query({ supplierId: supplier.id })).body;
    expect(orders.total).toBe(1);
    const receipt = (lines: unknown) =>
      api().post(`/api/v1/purchase-orders/${order.id}/receipts`).send({ lines });
    await invalid(receipt([{ ingredientId: salt, packs: 1, packPrice: 100 }]), 'lines[0].ingredientId');
    await invalid(receipt([{ ingredientId: oil, packs: 1 }]), 'lines[0].packPrice');
    await invalid(
      receipt([
        { ingredientId: oil, packs: 1, packPrice: 100 },
        { ingredientId: oil, packs: -2, packPrice: 100 },
      ]),
      'lines[1].packs',
    );
    expect(await stockOf(oil)).toMatchObject({ onHand: 3_000, costPerThousand: 8_000 });
    expect(await movements(oil, 'receipt')).toEqual([]);
    expect((await api().get(`/api/v1/purchase-orders/${order.id}`)).body).toMatchObject({
      status: 'open',
      lines: [{ receivedPacks: 0 }],
    });

    // Unknown ids: 404.
    const unknown = randomUUID();
    await api().get(`/api/v1/stock-counts/${unknown}`).expect(404);
    await api()
      .put(`/api/v1/stock-counts/${unknown}/lines`)
      .send({ lines: [{ ingredientId: oil, counted: 1 }] })
      .expect(404);
    await api().post(`/api/v1/stock-counts/not-an-id/post`).expect(404);
    await api().get(`/api/v1/suppliers/${unknown}`).expect(404);
    await api()
      .post('/api/v1/purchase-orders')
      .send({ supplierId: unknown, lines: [{ ingredientId: oil, packs: 1 }] })
      .expect(404);
    await api()
      .post(`/api/v1/purchase-orders/${unknown}/receipts`)
      .send({ lines: [{ ingredientId: oil, packs: 1, packPrice: 1 }] })
      .expect(404);
    await api()
      .post('/api/v1/suppliers')
      .send({
        name: 'Ghost Co',
        prices: [{ ingredientId: unknown, packName: 'x', baseQuantity: 1, packPrice: 1 }],
      })
      .expect(404);

    // A cancelled order takes no receipt; a supplier with orders is kept.
    await api().post(`/api/v1/purchase-orders/${order.id}/cancel`).expect(200);
    await api()
      .post(`/api/v1/purchase-orders/${order.id}/receipts`)
      .send({ lines: [{ ingredientId: oil, packs: 1, packPrice: 1 }] })
      .expect(409);
    await api().delete(`/api/v1/suppliers/${supplier.id}`).expect(409);
    await ledgerMatchesOnHand();
  });
});
