import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { openSockets } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Inventory by recipe', () => {
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

  const api = () => as(t, manager.session);
  const variationOf = (r: Restaurant, name: 'Regular' | 'Double') =>
    r.burger.variations.find((v) => v.name === name)!;

  const ingredient = async (name: string, stock: Json = {}): Promise<string> => {
    const response = await as(t, admin).post('/api/v1/ingredients').send({ name, allergens: [], stock });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const onHand = async (id: string): Promise<number> =>
    (await api().get(`/api/v1/ingredients/${id}`).expect(200)).body.onHand as number;
  const stockIn = (ingredientId: string, quantity: number) =>
    api().post('/api/v1/stock-movements').send({ ingredientId, quantity, reason: 'transfer_in' }).expect(201);
  const recipe = (r: Restaurant, name: 'Regular' | 'Double', lines: Json[]) =>
    api()
      .put(`/api/v1/dishes/${r.burger.id}/variations/${variationOf(r, name).id}/recipe`)
      .send({ lines });
  const order = (items: Json[]) =>
    as(t, waiter.session).post('/api/v1/orders').send({ type: 'takeaway', items });
  const burger = (r: Restaurant, name: 'Regular' | 'Double', more: Json = {}) => ({
    dishId: r.burger.id,
    variationId: variationOf(r, name).id,
    quantity: 1,
    ...more,
  });
  const ledgerMatchesOnHand = async () => {
    const sums = await t.dataSource.query<
      Array<{ id: string; kept: number; summed: number | string | null }>
    >(
      `SELECT s.ingredient_id AS id, s.on_hand AS kept,
              (SELECT SUM(m.quantity) FROM stock_movements m WHERE m.ingredient_id = s.ingredient_id) AS summed
         FROM ingredient_stock s`,
    );
    for (const row of sums)
      expect({ id: row.id, onHand: Number(row.kept) }).toEqual({
        id: row.id,
        onHand: Number(row.summed ?? 0),
      });
    expect(sums.every((row) => Number(row.kept) >= 0)).toBe(true);
  };

  it('answers a recipe with its plate cost, and refuses lines that do not fit', async () => {
    const r = await make.newRestaurant();
    const beef = await ingredient('Beef', { baseUnit: 'g', costPerThousand: 1_200 });
    const bun = await ingredient('Bun', { baseUnit: 'piece', costPerThousand: 350_000 });
    const set = await recipe(r, 'Regular', [
      { ingredientId: beef, quantity: 150, unit: 'g', yieldPercent: 80 },
      { ingredientId: bun, quantity: 1, unit: 'piece' },
    ]);
    expect(set.status).toBe(200);
    // 150 g at 80 % yield: 188 g (187.5 rounded) at 12.00 a kilogram = 225.6 → 226; a bun 350.
    expect(set.body).toMatchObject({
      lines: [
        { ingredientId: beef, name: 'Beef', baseQuantity: 188, cost: 226 },
        { baseQuantity: 1, cost: 350 },
      ],
      plateCost: 576,
    });
    const read = await api().get(
      `/api/v1/dishes/${r.burger.id}/variations/${variationOf(r, 'Regular').id}/recipe`,
    );
    expect(read.body).toEqual(set.body);
    const wrongUnit = await recipe(r, 'Regular', [{ ingredientId: bun, quantity: 1, unit: 'kg' }]);
    expect(wrongUnit.status).toBe(422);
    expect(wrongUnit.body.error.details).toEqual([expect.objectContaining({ field: 'lines[0].unit' })]);
    const removeOnVariation = await recipe(r, 'Regular', [
      { ingredientId: beef, quantity: 1, unit: 'g', mode: 'remove' },
    ]);
    expect(removeOnVariation.status).toBe(422);
    await as(t, waiter.session)
      .put(`/api/v1/dishes/${r.burger.id}/variations/${variationOf(r, 'Regular').id}/recipe`)
      .send({ lines: [] })
      .expect(403);
    expect(
      (await api().get(`/api/v1/dishes/${r.burger.id}/variations/${variationOf(r, 'Regular').id}/recipe`))
        .body.plateCost,
    ).toBe(576);
  });

  it('sells the last 20 portions of a shared ingredient to exactly 20 of 50 orders, and takes off every dish and option needing it', async () => {
    const r = await make.newRestaurant();
    const cheese = await ingredient(`Cheese ${Date.now()}`, { costPerThousand: 15_000 });
    await recipe(r, 'Regular', [{ ingredientId: cheese, quantity: 150, unit: 'g' }]).expect(200);
    await recipe(r, 'Double', [{ ingredientId: cheese, quantity: 300, unit: 'g' }]).expect(200);
    const group = await make.newModifierGroup({
      name: `Extras ${Date.now()}`,
      minChoices: 0,
      maxChoices: 1,
      options: [{ name: 'Extra cheese', priceDelta: 100, sortOrder: 0 }],
    });
    const extra = ((await api().get(`/api/v1/modifier-groups/${group.id}`)).body.options as Json[])[0];
    await api()
      .put(`/api/v1/modifier-options/${extra.id}/recipe`)
      .send({ lines: [{ ingredientId: cheese, quantity: 40, unit: 'g' }] })
      .expect(200);
    await as(t, admin)
      .patch(`/api/v1/dishes/${r.burger.id}`)
      .send({ modifierGroupIds: [group.id] })
      .expect(200);
    // Nothing on hand: everything needing it is off the menu already.
    await stockIn(cheese, 20 * 150);
    const menuOf = async () => {
      const menu = (await t.http().get('/api/v1/menu').expect(200)).body as Json;
      const dish = (menu.categories as Json[])
        .flatMap((c) => c.dishes as Json[])
        .find((d) => d.id === r.burger.id);
      return {
        variations: ((dish?.variations ?? []) as Json[]).map((v) => v.name as string).sort(),
        options: ((dish?.modifierGroups ?? []) as Json[]).flatMap((g) =>
          (g.options as Json[]).map((o) => o.name as string),
        ),
      };
    };
    expect(await menuOf()).toEqual({ variations: ['Double', 'Regular'], options: ['Extra cheese'] });
    const tablet = await open({ token: waiter.session.accessToken });
    const screen = await open({ token: kitchen.session.accessToken });

    const replies = await Promise.all(Array.from({ length: 50 }, () => order([burger(r, 'Regular')])));
    const accepted = replies.filter((reply) => reply.status === 201);
    const refused = replies.filter((reply) => reply.status !== 201);
    expect(accepted).toHaveLength(20);
    expect(refused).toHaveLength(30);
    for (const reply of refused) {
      expect(reply.status).toBe(422);
      expect(reply.body.error.code).toBe('OUT_OF_STOCK');
      expect(reply.body.error.message).toContain('Cheese');
    }
    expect(await onHand(cheese)).toBe(0);
    expect(await menuOf()).toEqual({ variations: [], options: [] });
    const regular = variationOf(r, 'Regular').id;
    await tablet.until((events) =>
      events.some(
        (e) =>
          e.type === 'menu.availability_changed' &&
          e.data.variationId === regular &&
          e.data.available === false,
      ),
    );
    await screen.until((events) =>
      events.some((e) => e.type === 'inventory.out' && e.data.ingredientId === cheese),
    );
    const soldOut = tablet.received.filter(
      (e) => e.type === 'menu.availability_changed' && e.data.available === false,
    );
    expect(soldOut.map((e) => e.data.variationId ?? e.data.optionId).sort()).toEqual(
      [regular, variationOf(r, 'Double').id, extra.id].sort(),
    );
    const ingredientView = (await api().get(`/api/v1/ingredients/${cheese}`)).body;
    expect(ingredientView).toMatchObject({ onHand: 0, available: false });
    // Goods in bring them back.
    await stockIn(cheese, 300);
    expect(await menuOf()).toEqual({ variations: ['Double', 'Regular'], options: ['Extra cheese'] });
    await ledgerMatchesOnHand();
  });

  it('takes modifiers, gives back a void of a line not made, books a made one as waste, and deplets combos and prep recipes', async () => {
    const r = await make.newRestaurant();
    const beef = await ingredient('Patty beef', { costPerThousand: 10_000, lowThreshold: 500 });
    const onion = await ingredient('Onion', { costPerThousand: 2_000 });
    const potato = await ingredient('Potato', { costPerThousand: 1_000 });
    const tomato = await ingredient('Tomato', { costPerThousand: 3_000 });
    const sauce = await ingredient('Tomato sauce', { baseUnit: 'ml' });
    for (const [id, quantity] of [
      [beef, 1000],
      [onion, 1000],
      [potato, 5000],
      [tomato, 5000],
    ] as const)
      await stockIn(id, quantity);
    const prep = await api()
      .post('/api/v1/prep-recipes')
      .send({
        name: 'Sauce batch',
        ingredientId: sauce,
        yieldQuantity: 1000,
        lines: [{ ingredientId: tomato, quantity: 1500, unit: 'g' }],
      })
      .expect(201);
    await recipe(r, 'Regular', [
      { ingredientId: beef, quantity: 150, unit: 'g' },
      { ingredientId: onion, quantity: 20, unit: 'g' },
      { prepRecipeId: prep.body.id, quantity: 30, unit: 'ml' },
    ]).expect(200);
    await api()
      .put(`/api/v1/dishes/${r.fries.id}/variations/${r.fries.variations[0].id}/recipe`)
      .send({ lines: [{ ingredientId: potato, quantity: 200, unit: 'g' }] })
      .expect(200);
    // Not produced yet: the dish needing the sauce is off the menu; producing two batches takes 3 kg of tomatoes.
    await api().post(`/api/v1/prep-recipes/${prep.body.id}/productions`).send({ batches: 2 }).expect(201);
    expect(await onHand(tomato)).toBe(2000);
    expect(await onHand(sauce)).toBe(2000);
    expect((await api().get(`/api/v1/ingredients/${sauce}`)).body.costPerThousand).toBe(4500);

    const group = await make.newModifierGroup({
      name: `Burger ways ${Date.now()}`,
      minChoices: 0,
      maxChoices: 2,
      options: [
        { name: 'No onion', priceDelta: 0, sortOrder: 0 },
        { name: 'Double beef', priceDelta: 300, sortOrder: 1 },
      ],
    });
    const [noOnion, doubleBeef] = (await api().get(`/api/v1/modifier-groups/${group.id}`)).body
      .options as Json[];
    await api()
      .put(`/api/v1/modifier-options/${noOnion.id}/recipe`)
      .send({ lines: [{ ingredientId: onion, quantity: 20, unit: 'g', mode: 'remove' }] })
      .expect(200);
    await api()
      .put(`/api/v1/modifier-options/${doubleBeef.id}/recipe`)
      .send({ lines: [{ ingredientId: beef, quantity: 150, unit: 'g' }] })
      .expect(200);
    await as(t, admin)
      .patch(`/api/v1/dishes/${r.burger.id}`)
      .send({ modifierGroupIds: [group.id] })
      .expect(200);

    const kitchenSocket = await open({ token: kitchen.session.accessToken });
    const placed = await order([
      burger(r, 'Regular', { modifiers: [{ optionId: noOnion.id }, { optionId: doubleBeef.id }] }),
      burger(r, 'Regular'),
    ]).expect(201);
    // 300 g + 150 g of beef, 20 g of onion (one line said no onion), 60 ml of sauce; the tomatoes stay.
    expect(await onHand(beef)).toBe(550);
    expect(await onHand(onion)).toBe(980);
    expect(await onHand(sauce)).toBe(1940);
    expect(await onHand(tomato)).toBe(2000);
    const [withMods, plain] = placed.body.items as Json[];
    const voidItem = (id: string, reason: string) =>
      as(t, manager.session)
        .delete(`/api/v1/orders/${placed.body.id}/items/${id}`)
        .send({ reason })
        .expect(200);
    await voidItem(withMods.id, 'changed mind');
    expect(await onHand(beef)).toBe(850);
    expect(await onHand(onion)).toBe(980);
    await as(t, kitchen.session)
      .patch(`/api/v1/orders/${placed.body.id}/items/${plain.id}/status`)
      .send({ status: 'in_progress' })
      .expect(200);
    await voidItem(plain.id, 'dropped');
    expect(await onHand(beef)).toBe(850);
    const waste = await api().get(`/api/v1/stock-movements?ingredientId=${beef}&reason=waste`).expect(200);
    expect(waste.body.items).toEqual([
      expect.objectContaining({ quantity: -150, cost: -1500, reason: 'waste', by: `staff:${manager.id}` }),
    ]);

    // Waste by hand down to the low threshold warns the kitchen.
    await api()
      .post('/api/v1/stock-movements')
      .send({ ingredientId: beef, quantity: 400, reason: 'waste', note: 'freezer failed' })
      .expect(201);
    await kitchenSocket.until((events) =>
      events.some((e) => e.type === 'inventory.low' && e.data.ingredientId === beef && e.data.onHand === 450),
    );
    const tooMuch = await api()
      .post('/api/v1/stock-movements')
      .send({ ingredientId: beef, quantity: 451, reason: 'waste' });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.code).toBe('OUT_OF_STOCK');

    // A combo of burger and fries takes both recipes.
    const combo = await as(t, admin)
      .post('/api/v1/dishes')
      .send({
        name: `Menu ${Date.now()}`,
        price: 1500,
        categoryId: r.category.id,
        combo: {
          slots: [
            {
              name: 'Main',
              minChoices: 1,
              maxChoices: 1,
              choices: [{ dishId: r.burger.id, variationId: variationOf(r, 'Regular').id, upcharge: 0 }],
            },
            {
              name: 'Side',
              minChoices: 1,
              maxChoices: 1,
              choices: [{ dishId: r.fries.id, variationId: r.fries.variations[0].id, upcharge: 0 }],
            },
          ],
        },
      });
    expect({ status: combo.status, body: combo.body }).toMatchObject({ status: 201 });
    await order([
      {
        dishId: combo.body.id,
        quantity: 2,
        comboChoices: [
          { slot: 0, dishId: r.burger.id },
          { slot: 1, dishId: r.fries.id },
        ],
      },
    ]).expect(201);
    expect(await onHand(beef)).toBe(150);
    expect(await onHand(potato)).toBe(4600);
    await ledgerMatchesOnHand();
  });
});
