import { as, NewStaff, Session } from './clients';
import { factories, Restaurant } from './factories';
import type { TestApp } from './test-app';

/**
 * The inventory reports' week (test/inventory-reports.e2e-spec.ts): beef, cheese, tomatoes and a sauce made of them,
 * a burger whose two variations and an extra-cheese option take them, a day before the week with stock brought in
 * and a first count, then seven days of sales with a void, waste, two receipts at different pack prices and a batch
 * of sauce. The spec posts the closing count and computes the reports by hand.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DAY_MS = 86_400_000;
const dayOf = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
/** The day before the week, and the week: seven business days ending three days ago. */
export const D0 = dayOf(-10);
export const WEEK = [1, 2, 3, 4, 5, 6, 7].map((n) => dayOf(-10 + n));

export type IngredientIds = Record<'beef' | 'cheese' | 'tomato' | 'sauce', string>;

export interface WeekSetup {
  t: TestApp;
  admin: Session;
  waiter: NewStaff;
  manager: NewStaff;
  r: Restaurant;
  cash: string;
}

export function inventoryWeek(setup: WeekSetup) {
  const { t, admin, waiter, manager, r, cash } = setup;
  const api = () => as(t, manager.session);
  const at = (day: string, time: string) => t.clock.moveTo(`${day}T${time}:00Z`);
  const variation = (name: string) => r.burger.variations.find((v) => v.name === name)!.id;
  const ingredient = async (name: string, stock: Json): Promise<string> =>
    (await as(t, admin).post('/api/v1/ingredients').send({ name, allergens: [], stock }).expect(201)).body
      .id as string;
  const stockIn = (ingredientId: string, quantity: number) =>
    api().post('/api/v1/stock-movements').send({ ingredientId, quantity, reason: 'transfer_in' }).expect(201);
  const onHand = async (id: string) =>
    (await api().get(`/api/v1/ingredients/${id}`).expect(200)).body.onHand as number;
  const count = async (counted: Record<string, number>) => {
    const sheet = (await api().post('/api/v1/stock-counts').send({}).expect(201)).body as Json;
    await api()
      .put(`/api/v1/stock-counts/${sheet.id}/lines`)
      .send({ lines: Object.entries(counted).map(([ingredientId, n]) => ({ ingredientId, counted: n })) })
      .expect(200);
    await api().post(`/api/v1/stock-counts/${sheet.id}/post`).expect(200);
  };
  const order = async (items: Json[]) =>
    (await as(t, waiter.session).post('/api/v1/orders').send({ type: 'takeaway', items }).expect(201))
      .body as Json;
  const close = async (placed: Json) => {
    const total = (await as(t, waiter.session).get(`/api/v1/orders/${placed.id}`).expect(200)).body.total;
    await as(t, waiter.session)
      .post(`/api/v1/orders/${placed.id}/payments`)
      .send({ methodId: cash, amount: total })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${placed.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
  };
  const receive = async (ingredientId: string, packs: number, packPrice: number) => {
    const supplier = await api()
      .post('/api/v1/suppliers')
      .send({
        name: `Butcher ${packPrice}`,
        prices: [{ ingredientId, packName: '2 kg', baseQuantity: 2_000, packPrice }],
      })
      .expect(201);
    const purchase = await api()
      .post('/api/v1/purchase-orders')
      .send({ supplierId: supplier.body.id, lines: [{ ingredientId, packs }] })
      .expect(201);
    await api()
      .post(`/api/v1/purchase-orders/${purchase.body.id}/receipts`)
      .send({ lines: [{ ingredientId, packs, packPrice }] })
      .expect(201);
  };

  /** Sets everything up the day before the week and sells the week; answers the ingredients. */
  async function sellAWeek(): Promise<IngredientIds> {
    // The day before the week: ingredients, recipes, stock brought in and a first count.
    at(D0, '10:00');
    const ids: IngredientIds = {
      beef: await ingredient('Beef', { baseUnit: 'g', costPerThousand: 1_000 }),
      cheese: await ingredient('Cheese', { baseUnit: 'g', costPerThousand: 1_500 }),
      tomato: await ingredient('Tomato', { baseUnit: 'g', costPerThousand: 300 }),
      sauce: await ingredient('Sauce', { baseUnit: 'ml' }),
    };
    const rate = await as(t, admin)
      .post('/api/v1/tax-rates')
      .send({ name: 'Food 7%', percent: 7 })
      .expect(201);
    const group = await factories(t, admin).newModifierGroup({
      name: 'Extras',
      minChoices: 0,
      maxChoices: 1,
      options: [{ name: 'Extra cheese', priceDelta: 100, sortOrder: 0 }],
    });
    const extraCheese: string = (
      (await api().get(`/api/v1/modifier-groups/${group.id}`)).body.options as Json[]
    )[0].id;
    await as(t, admin)
      .patch(`/api/v1/dishes/${r.burger.id}`)
      .send({ modifierGroupIds: [group.id], taxRateIds: [rate.body.id] })
      .expect(200);
    const prep = await api()
      .post('/api/v1/prep-recipes')
      .send({
        name: 'Sauce batch',
        ingredientId: ids.sauce,
        yieldQuantity: 400,
        lines: [{ ingredientId: ids.tomato, quantity: 500, unit: 'g' }],
      })
      .expect(201);
    const recipe = (name: string, lines: Json[]) =>
      api()
        .put(`/api/v1/dishes/${r.burger.id}/variations/${variation(name)}/recipe`)
        .send({ lines })
        .expect(200);
    // Regular: 150 g beef, 30 g cheese at 80 % yield (38 g), 20 ml sauce; Double: 300 g, 60 g, 20 ml.
    await recipe('Regular', [
      { ingredientId: ids.beef, quantity: 150, unit: 'g' },
      { ingredientId: ids.cheese, quantity: 30, unit: 'g', yieldPercent: 80 },
      { prepRecipeId: prep.body.id, quantity: 20, unit: 'ml' },
    ]);
    await recipe('Double', [
      { ingredientId: ids.beef, quantity: 300, unit: 'g' },
      { ingredientId: ids.cheese, quantity: 60, unit: 'g' },
      { prepRecipeId: prep.body.id, quantity: 20, unit: 'ml' },
    ]);
    await api()
      .put(`/api/v1/modifier-options/${extraCheese}/recipe`)
      .send({ lines: [{ ingredientId: ids.cheese, quantity: 25, unit: 'g' }] })
      .expect(200);
    await stockIn(ids.beef, 5_000);
    await stockIn(ids.cheese, 2_000);
    await stockIn(ids.tomato, 4_000);
    at(D0, '20:00');
    await count({ [ids.beef]: 4_990, [ids.cheese]: 2_000, [ids.tomato]: 4_000 });

    // The week.
    at(WEEK[0], '09:00');
    await api().post(`/api/v1/prep-recipes/${prep.body.id}/productions`).send({ batches: 2 }).expect(201);
    for (const [index, day] of WEEK.entries()) {
      if (index === 1) {
        at(day, '09:00');
        await receive(ids.beef, 2, 2_400); // 12.00 a kilogram
      }
      if (index === 4) {
        at(day, '09:00');
        await receive(ids.beef, 1, 2_600); // 13.00 a kilogram
      }
      at(day, '12:00');
      await close(
        await order([
          { dishId: r.burger.id, variationId: variation('Regular'), quantity: 2 },
          {
            dishId: r.burger.id,
            variationId: variation('Regular'),
            quantity: 1,
            modifiers: [{ optionId: extraCheese }],
          },
          { dishId: r.burger.id, variationId: variation('Double'), quantity: 1 },
          { dishId: r.fries.id, variationId: r.fries.variations[0].id, quantity: 1 },
        ]),
      );
      if (index === 2) {
        // A Double voided before the kitchen started it gives its ingredients back; the fries are sold.
        at(day, '15:00');
        const placed = await order([
          { dishId: r.burger.id, variationId: variation('Double'), quantity: 1 },
          { dishId: r.fries.id, variationId: r.fries.variations[0].id, quantity: 1 },
        ]);
        await api()
          .delete(`/api/v1/orders/${placed.id}/items/${(placed.items as Json[])[0].id}`)
          .send({ reason: 'changed mind' })
          .expect(200);
        await close(placed);
      }
      if (index === 3) {
        at(day, '16:00');
        await api()
          .post('/api/v1/stock-movements')
          .send({ ingredientId: ids.beef, quantity: 200, reason: 'waste', note: 'dropped tray' })
          .expect(201);
      }
      if (index === 5) {
        at(day, '16:00');
        await api()
          .post('/api/v1/stock-movements')
          .send({ ingredientId: ids.cheese, quantity: 50, reason: 'waste', note: 'expired' })
          .expect(201);
      }
    }
    return ids;
  }

  return { api, at, variation, onHand, count, sellAWeek };
}
