import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { parseCsv } from './support/csv';
import { factories, Restaurant } from './support/factories';
import { IngredientIds, inventoryWeek, WEEK } from './support/inventory-week';
import { expectLedgerMatchesOnHand } from './support/stock-ledger';
import { startTestApp, TestApp } from './support/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PERIOD = `from=${WEEK[0]}&to=${WEEK[6]}`;

/** What a movement of `quantity` base units is worth at `costPerThousand`, as the ledger rounds it. */
const valueOf = (quantity: number, costPerThousand: number) =>
  Math.sign(quantity) * Math.round((Math.abs(quantity) * costPerThousand) / 1000);
const percent = (cost: number, net: number) => Math.round((cost * 10_000) / net) / 100;

describe('Inventory reports: variance by ingredient and food cost', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let ids: IngredientIds;
  let week: ReturnType<typeof inventoryWeek>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    r = await factories(t, admin).newRestaurant();
    const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Json[];
    const cash = methods.find((m) => m.kind === 'cash')!.id as string;
    week = inventoryWeek({ t, admin, waiter, manager, r, cash });
  });

  afterAll(() => t.close());

  const api = () => as(t, manager.session);
  const variation = (name: string) => r.burger.variations.find((v) => v.name === name)!.id;

  it('answers a week of sales, voids, waste, receipts, a prep batch and two counts as computed by hand, in JSON and CSV', async () => {
    ids = await week.sellAWeek();
    // On hand by hand: beef 4990 + 4000 + 2000 − 7 × 750 − 200; cheese 2000 − 7 × 199 − 50; sauce 800 − 7 × 80.
    expect(await week.onHand(ids.beef)).toBe(5_540);
    expect(await week.onHand(ids.cheese)).toBe(557);
    expect(await week.onHand(ids.tomato)).toBe(3_000);
    expect(await week.onHand(ids.sauce)).toBe(240);
    week.at(WEEK[6], '22:00');
    await week.count({ [ids.beef]: 5_505, [ids.cheese]: 562, [ids.tomato]: 3_000, [ids.sauce]: 230 });
    await expectLedgerMatchesOnHand(t);

    const report = await api().get(`/api/v1/reports/inventory?${PERIOD}`).expect(200);
    const row = (id: string) => (report.body.rows as Json[]).find((each) => each.ingredientId === id);

    // Beef: each day's order takes 750 g at the cost of that day (10.00, from the first receipt 12.00, from the
    // second 13.00 a kilogram); the voided Double's 300 g went and came back at 12.00.
    const beefSold = valueOf(750, 1_000) + 3 * valueOf(750, 1_200) + 3 * valueOf(750, 1_300);
    const beefOpening = { quantity: 4_990, cost: 5_000 - 10 };
    const beefReceipts = { quantity: 6_000, cost: valueOf(4_000, 1_200) + valueOf(2_000, 1_300) };
    const beefWaste = { quantity: 200, cost: valueOf(200, 1_200) };
    const beefCount = valueOf(-35, 1_300);
    const beefClosing = beefOpening.cost + beefReceipts.cost - beefSold - beefWaste.cost + beefCount;
    expect(row(ids.beef)).toEqual({
      ingredientId: ids.beef,
      name: 'Beef',
      baseUnit: 'g',
      costPerThousand: 1_300,
      opening: 4_990,
      openingCost: 4_990,
      receipts: 6_000,
      receiptsCost: 7_400,
      transfersIn: 0,
      transfersInCost: 0,
      transfersOut: 0,
      transfersOutCost: 0,
      produced: 0,
      producedCost: 0,
      sold: 5_250,
      soldCost: beefSold,
      usedInProduction: 0,
      usedInProductionCost: 0,
      theoretical: 5_250,
      theoreticalCost: beefSold,
      waste: 200,
      wasteCost: 240,
      wasteByReason: [{ reason: 'dropped tray', quantity: 200, cost: 240 }],
      closing: 5_505,
      closingCost: beefClosing,
      actual: 4_990 + 6_000 - 5_505 - 200,
      actualCost: 4_990 + 7_400 - beefClosing - 240,
      variance: 35,
      varianceCost: 46,
    });
    expect(beefSold).toBe(6_375);
    expect(4_990 + 7_400 - beefClosing - 240 - beefSold).toBe(46);

    // Cheese: 2 × 38 + (38 + 25) + 60 = 199 g a day at 15.00 a kilogram (298.5: 299); counted 5 g over.
    const cheeseClosing = 3_000 - 7 * 299 - 75 + valueOf(5, 1_500);
    expect(row(ids.cheese)).toMatchObject({
      opening: 2_000,
      openingCost: 3_000,
      sold: 1_393,
      soldCost: 2_093,
      theoretical: 1_393,
      theoreticalCost: 2_093,
      waste: 50,
      wasteCost: 75,
      wasteByReason: [{ reason: 'expired', quantity: 50, cost: 75 }],
      closing: 562,
      closingCost: cheeseClosing,
      actual: 2_000 - 562 - 50,
      actualCost: 3_000 - cheeseClosing - 75,
      variance: -5,
      varianceCost: -8,
    });
    // Tomatoes are used when the sauce is made, not when a burger is sold.
    expect(row(ids.tomato)).toMatchObject({
      opening: 4_000,
      openingCost: 1_200,
      sold: 0,
      usedInProduction: 1_000,
      usedInProductionCost: 300,
      theoretical: 1_000,
      theoreticalCost: 300,
      closing: 3_000,
      closingCost: 900,
      actual: 1_000,
      actualCost: 300,
      variance: 0,
      varianceCost: 0,
    });
    // Sauce: 800 ml made from 3.00 of tomatoes (3.75 a litre), 80 ml a day sold (30 a day), 10 ml missing.
    expect(row(ids.sauce)).toMatchObject({
      baseUnit: 'ml',
      opening: 0,
      produced: 800,
      producedCost: 300,
      sold: 560,
      soldCost: 210,
      theoretical: 560,
      closing: 230,
      closingCost: 300 - 210 + valueOf(-10, 375),
      actual: 570,
      actualCost: 300 - (300 - 210 - 4),
      variance: 10,
      varianceCost: 4,
    });
    expect(report.body.totals).toMatchObject({ varianceCost: 46 - 8 + 0 + 4, wasteCost: 240 + 75 });

    // The CSV is the JSON's rows, then the total.
    const csv = await api().get(`/api/v1/reports/inventory?${PERIOD}&format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain(`inventory-${WEEK[0]}-${WEEK[6]}.csv`);
    const records = parseCsv(csv.text);
    expect(records.map((record) => record.ingredientId)).toEqual([
      ...(report.body.rows as Json[]).map((each) => each.ingredientId as string),
      'total',
    ]);
    for (const [i, json] of (report.body.rows as Json[]).entries()) {
      const { wasteByReason, costPerThousand, ...flat } = json;
      void wasteByReason;
      void costPerThousand;
      const written = Object.fromEntries(Object.keys(flat).map((key) => [key, records[i][key]]));
      expect(written).toEqual(
        Object.fromEntries(Object.entries(flat).map(([key, value]) => [key, String(value ?? '')])),
      );
    }
    expect(records.at(-1)).toMatchObject({ varianceCost: '42', opening: '' });
  });

  it('answers plate cost and food-cost percent per dish, variation and category as computed by hand', async () => {
    const report = await api().get(`/api/v1/reports/food-cost?${PERIOD}`).expect(200);
    // Plate costs at today's costs: beef 13.00/kg, cheese 15.00/kg, sauce 3.75/l (20 ml: 7.5, rounded up).
    const regularPlate = valueOf(150, 1_300) + valueOf(38, 1_500) + valueOf(20, 375);
    const doublePlate = valueOf(300, 1_300) + valueOf(60, 1_500) + valueOf(20, 375);
    expect([regularPlate, doublePlate]).toEqual([260, 488]);
    for (const [name, plate] of [
      ['Regular', regularPlate],
      ['Double', doublePlate],
    ] as const) {
      const recipe = await api()
        .get(`/api/v1/dishes/${r.burger.id}/variations/${variation(name)}/recipe`)
        .expect(200);
      expect(recipe.body.plateCost).toBe(plate);
    }
    // Prices include the burger's 7 %: net = revenue − the tax within it. The voided Double is not a sale.
    const netOf = (gross: number) => gross - Math.round((gross * 7) / 107);
    const regular = { quantity: 21, netSales: netOf(21 * 1_200), foodCost: 21 * regularPlate };
    const double = { quantity: 7, netSales: netOf(7 * 1_650), foodCost: 7 * doublePlate };
    const fries = { quantity: 8, netSales: 8 * 450, foodCost: 0 };
    expect(regular.netSales).toBe(23_551);
    const burgerNet = regular.netSales + double.netSales;
    const burgerCost = regular.foodCost + double.foodCost;
    const dish = (id: string) => (report.body.dishes as Json[]).find((each) => each.dishId === id);
    expect(dish(r.burger.id)).toEqual({
      dishId: r.burger.id,
      name: r.burger.name,
      categoryId: r.category.id,
      category: r.category.name,
      quantity: 28,
      netSales: burgerNet,
      foodCost: burgerCost,
      foodCostPercent: percent(burgerCost, burgerNet),
      variations: [
        {
          variationId: variation('Double'),
          name: 'Double',
          plateCost: doublePlate,
          ...double,
          foodCostPercent: percent(double.foodCost, double.netSales),
        },
        {
          variationId: variation('Regular'),
          name: 'Regular',
          plateCost: regularPlate,
          ...regular,
          foodCostPercent: percent(regular.foodCost, regular.netSales),
        },
      ],
    });
    expect(dish(r.fries.id)).toMatchObject({
      quantity: 8,
      netSales: fries.netSales,
      foodCost: 0,
      foodCostPercent: 0,
      variations: [expect.objectContaining({ plateCost: null, foodCost: 0 })],
    });
    const allNet = burgerNet + fries.netSales;
    expect(report.body.categories).toEqual([
      {
        categoryId: r.category.id,
        name: r.category.name,
        netSales: allNet,
        foodCost: burgerCost,
        foodCostPercent: percent(burgerCost, allNet),
      },
    ]);
    expect(report.body.totals).toEqual({
      netSales: allNet,
      foodCost: burgerCost,
      foodCostPercent: percent(burgerCost, allNet),
    });

    const csv = await api().get(`/api/v1/reports/food-cost?${PERIOD}&format=csv`).expect(200);
    const records = parseCsv(csv.text);
    const variations = (report.body.dishes as Json[]).flatMap((each) =>
      (each.variations as Json[]).map((v): Json => ({ dishId: each.dishId, ...v })),
    );
    expect(
      records.map((record) => [
        record.dishId,
        record.variationId,
        record.quantity,
        record.plateCost,
        record.netSales,
        record.foodCost,
        record.foodCostPercent,
      ]),
    ).toEqual([
      ...variations.map((v) =>
        [
          v.dishId,
          v.variationId,
          v.quantity,
          v.plateCost ?? '',
          v.netSales,
          v.foodCost,
          v.foodCostPercent,
        ].map((value) => String(value)),
      ),
      ['total', '', '', '', String(allNet), String(burgerCost), String(report.body.totals.foodCostPercent)],
    ]);
    const pdf = await api().get(`/api/v1/reports/food-cost?${PERIOD}&format=pdf&lang=de`).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('refuses a waiter and bad dates', async () => {
    for (const path of ['inventory', 'food-cost']) {
      await as(t, waiter.session).get(`/api/v1/reports/${path}?${PERIOD}`).expect(403);
      const reversed = await api().get(`/api/v1/reports/${path}?from=${WEEK[6]}&to=${WEEK[0]}`);
      expect(reversed.status).toBe(422);
      expect(reversed.body.error.details).toEqual([expect.objectContaining({ field: 'from' })]);
      const garbled = await api().get(`/api/v1/reports/${path}?from=2026-02-30`);
      expect(garbled.status).toBe(422);
      expect(garbled.body.error.details).toEqual([expect.objectContaining({ field: 'from' })]);
    }
  });
});
