import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { FakePrinter } from './support/fake-printers';
import { factories } from './support/factories';
import type { Json } from './support/menu-fixture';
import { startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/webhook-receiver';
import { spread, taxIn } from './support/ledger';

const fieldsOf = (body: Json): string[] =>
  (body.error.details as Array<{ field: string }>).map((detail) => detail.field);

const itemLines = (ticket: string[]) => ticket.filter((line) => /^\d+x /.test(line));

describe('Combos: one price, each component on its own station, taxed at its own rate', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let kitchen: NewStaff;
  let manager: NewStaff;
  let make: ReturnType<typeof factories>;
  let grill: FakePrinter;
  let bar: FakePrinter;
  let stations: Record<'grill' | 'bar', { id: string }>;
  let rates: Record<'food' | 'drink', Json>;
  let d: Record<'burger' | 'fries' | 'salad' | 'cola' | 'beer' | 'menu' | 'kids', Json>;
  let cardId: string;

  const api = (session: Session = waiter.session) => as(t, session);
  const post = async (path: string, body: object): Promise<Json> => {
    const response = await as(t, admin).post(path).send(body);
    if (response.status !== 201)
      throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const choice = (dish: Json, upcharge = 0) => ({
    dishId: dish.id,
    variationId: dish.variations[0].id,
    upcharge,
  });
  const menuDish = async (id: string): Promise<Json> => {
    const menu = await t.http().get('/api/v1/menu').expect(200);
    return (menu.body.categories as Json[]).flatMap((c): Json[] => c.dishes).find((dish) => dish.id === id);
  };
  const count = async (table: string): Promise<number> => {
    const [row] = await t.dataSource.query<Array<{ n: string | number }>>(
      `SELECT COUNT(*) AS n FROM ${table}`,
    );
    return Number(row.n);
  };

  beforeAll(async () => {
    t = await startTestApp({ PRICES_INCLUDE_TAX: 'true', TAX_ROUNDING: 'line' });
    admin = await loginAdmin(t);
    make = factories(t, admin);
    waiter = await newStaff(t, Role.Waiter);
    kitchen = await newStaff(t, Role.Kitchen);
    manager = await newStaff(t, Role.Manager);
    rates = {
      food: await make.newTaxRate({ name: 'Food 7 %', percent: 7 }),
      drink: await make.newTaxRate({ name: 'Drinks 19 %', percent: 19 }),
    };
    stations = { grill: await make.newStation('Grill'), bar: await make.newStation('Bar') };
    const category = await make.newCategory('Menu');
    const dish = (name: string, price: number, station: 'grill' | 'bar', rate: 'food' | 'drink') =>
      make.newDish({
        name,
        price,
        categoryId: category.id,
        stationId: stations[station].id,
        taxRateIds: [rates[rate].id],
      });
    const burger = await dish('Burger', 1290, 'grill', 'food');
    const fries = await dish('Fries', 390, 'grill', 'food');
    const salad = await dish('Side salad', 450, 'grill', 'food');
    const cola = await dish('Cola', 300, 'bar', 'drink');
    const beer = await dish('Beer', 450, 'bar', 'drink');
    const combo = (name: string, price: number, slots: object[]) =>
      post('/api/v1/dishes', { name, price, categoryId: category.id, combo: { slots } });
    const menu = await combo('Burger menu', 1500, [
      { name: 'Main', minChoices: 1, maxChoices: 1, choices: [choice(burger)] },
      { name: 'Side', minChoices: 1, maxChoices: 1, choices: [choice(fries), choice(salad, 100)] },
      { name: 'Drink', minChoices: 1, maxChoices: 1, choices: [choice(cola), choice(beer, 150)] },
    ]);
    const kids = await combo('Kids menu', 900, [
      { name: 'Main', minChoices: 1, maxChoices: 1, choices: [choice(burger)] },
      { name: 'Drink', minChoices: 1, maxChoices: 1, choices: [choice(cola)] },
    ]);
    d = { burger, fries, salad, cola, beer, menu, kids };
    grill = await FakePrinter.start();
    bar = await FakePrinter.start();
    for (const [printer, station] of [
      [grill, stations.grill],
      [bar, stations.bar],
    ] as const) {
      await post('/api/v1/printers', {
        kind: 'kitchen',
        name: `Printer ${station.id}`,
        widthChars: 42,
        connection: printer.connection(),
        stationIds: [station.id],
      });
    }
    const methods = (await api().get('/api/v1/payment-methods/active').expect(200)).body.items as Json[];
    cardId = methods.find((method) => method.kind === 'card').id;
  });

  afterAll(async () => {
    await t.close();
    await grill.down();
    await bar.down();
  });

  const burgerMenu = (side: Json, drink: Json, quantity = 1) => ({
    dishId: d.menu.id,
    quantity,
    comboChoices: [
      { slot: 0, dishId: d.burger.id },
      { slot: 1, dishId: side.id },
      { slot: 2, dishId: drink.id },
    ],
  });

  const settle = async (order: Json) => {
    await api()
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: cardId, amount: order.due })
      .expect(201);
    await api().patch(`/api/v1/orders/${order.id}/status`).send({ status: 'closed' }).expect(200);
  };

  it('keeps the combo on the dish and shows it on the menu with its slots and choices', async () => {
    const dish = (await api(admin).get(`/api/v1/dishes/${d.menu.id}`).expect(200)).body;
    expect(dish.combo.slots.map((slot: { name: string }) => slot.name)).toEqual(['Main', 'Side', 'Drink']);
    expect(dish.combo.slots[2].choices).toEqual([choice(d.cola), choice(d.beer, 150)]);
    const onMenu = await menuDish(d.menu.id);
    expect(onMenu.variations).toEqual([expect.objectContaining({ price: 1500 })]);
    expect(onMenu.combo.slots[1]).toEqual({
      name: 'Side',
      minChoices: 1,
      maxChoices: 1,
      choices: [
        { ...choice(d.fries), name: 'Fries', variationName: 'Regular' },
        { ...choice(d.salad, 100), name: 'Side salad', variationName: 'Regular' },
      ],
    });
    expect((await menuDish(d.burger.id)).combo).toBeUndefined();
  });

  it('orders a combo as components: the price spread exactly, each on its own screen and printed ticket', async () => {
    const grillBefore = grill.received.length;
    const barBefore = bar.received.length;
    const placed = await api()
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [burgerMenu(d.salad, d.beer, 2)] })
      .expect(201);
    const order = placed.body;
    const [line] = order.items as Json[];
    const unit = 1500 + 100 + 150;
    const parts = spread(unit, [1290, 450, 450]);
    expect(line).toMatchObject({ dishId: d.menu.id, name: 'Burger menu', unitPrice: unit, quantity: 2 });
    expect(line.total).toBe(unit * 2);
    expect(
      (line.components as Json[]).map((c): unknown[] => [
        c.name,
        c.slotName,
        c.unitPrice,
        c.stationId,
        c.taxes[0].percent,
      ]),
    ).toEqual([
      ['Burger', 'Main', parts[0], stations.grill.id, 7],
      ['Side salad', 'Side', parts[1], stations.grill.id, 7],
      ['Beer', 'Drink', parts[2], stations.bar.id, 19],
    ]);
    expect(order.total).toBe(unit * 2);
    const food = (parts[0] + parts[1]) * 2;
    const drink = parts[2] * 2;
    expect(order.tax).toBe(taxIn(parts[0] * 2, 7) + taxIn(parts[1] * 2, 7) + taxIn(drink, 19));
    expect(order.taxes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ taxRateId: rates.food.id, gross: food }),
        expect.objectContaining({ taxRateId: rates.drink.id, gross: drink }),
      ]),
    );

    const screen = async (station: { id: string }) => {
      const tickets = await api(kitchen.session)
        .get(`/api/v1/kitchen/tickets?stationId=${station.id}`)
        .expect(200);
      const ours = (tickets.body.items as Json[]).find((one) => one.id === order.id);
      return (ours.items[0].components as Array<{ name: string }>).map((c: { name: string }) => c.name);
    };
    expect(await screen(stations.grill)).toEqual(['Burger', 'Side salad']);
    expect(await screen(stations.bar)).toEqual(['Beer']);

    await grill.waitFor(grillBefore + 1);
    await bar.waitFor(barBefore + 1);
    expect(itemLines(grill.tickets[grillBefore])).toEqual(['2x Burger', '2x Side salad']);
    expect(itemLines(bar.tickets[barBefore])).toEqual(['2x Beer']);

    // The kitchen works each component; the line follows the least advanced of them.
    const beer = line.components[2];
    const ready = await api(kitchen.session)
      .patch(`/api/v1/orders/${order.id}/items/${beer.id}/status`)
      .send({ status: 'in_progress' })
      .expect(200);
    expect(ready.body.items[0].status).toBe('new');
    expect(ready.body.items[0].components[2].status).toBe('in_progress');
    for (const component of line.components as Json[]) {
      for (const status of component.id === beer.id ? ['ready'] : ['in_progress', 'ready']) {
        await api(kitchen.session)
          .patch(`/api/v1/orders/${order.id}/items/${component.id}/status`)
          .send({ status })
          .expect(200);
      }
    }
    const done = (await api().get(`/api/v1/orders/${order.id}`).expect(200)).body;
    expect(done.items[0].status).toBe('ready');
    expect(done.status).toBe('ready');
    await settle(done);
  });

  it('counts the components in the dish report, and the tax report equals a ledger and the sales report', async () => {
    const placed = await api()
      .post('/api/v1/orders')
      .send({
        type: 'takeaway',
        items: [
          burgerMenu(d.fries, d.cola, 3),
          {
            dishId: d.kids.id,
            quantity: 1,
            comboChoices: [
              { slot: 0, dishId: d.burger.id },
              { slot: 1, dishId: d.cola.id },
            ],
          },
          { dishId: d.beer.id, quantity: 1 },
        ],
      })
      .expect(201);
    await settle(placed.body);

    // Everything closed in this spec: the order above and the one of the previous test.
    const ledger = new Map<string, { quantity: number; revenue: number }>();
    const taxes = new Map<string, { gross: number; tax: number }>();
    const book = (dishId: string, unitPrice: number, quantity: number, percent: number, rateId: string) => {
      const dish = ledger.get(dishId) ?? { quantity: 0, revenue: 0 };
      ledger.set(dishId, {
        quantity: dish.quantity + quantity,
        revenue: dish.revenue + unitPrice * quantity,
      });
      const rate = taxes.get(rateId) ?? { gross: 0, tax: 0 };
      const gross = unitPrice * quantity;
      taxes.set(rateId, { gross: rate.gross + gross, tax: rate.tax + taxIn(gross, percent) });
    };
    const first = spread(1750, [1290, 450, 450]);
    book(d.burger.id, first[0], 2, 7, rates.food.id);
    book(d.salad.id, first[1], 2, 7, rates.food.id);
    book(d.beer.id, first[2], 2, 19, rates.drink.id);
    const second = spread(1500, [1290, 390, 300]);
    book(d.burger.id, second[0], 3, 7, rates.food.id);
    book(d.fries.id, second[1], 3, 7, rates.food.id);
    book(d.cola.id, second[2], 3, 19, rates.drink.id);
    const kids = spread(900, [1290, 300]);
    book(d.burger.id, kids[0], 1, 7, rates.food.id);
    book(d.cola.id, kids[1], 1, 19, rates.drink.id);
    book(d.beer.id, 450, 1, 19, rates.drink.id);

    const dishes = (await api(manager.session).get('/api/v1/reports/dishes').expect(200)).body;
    for (const [dishId, figures] of ledger) {
      expect((dishes.dishes as Json[]).find((row) => row.dishId === dishId)).toMatchObject(figures);
    }
    const report = (await api(manager.session).get('/api/v1/reports/taxes').expect(200)).body;
    for (const [rateId, figures] of taxes) {
      const rows = (report.rows as Array<{ taxRateId: string; gross: number; tax: number }>).filter(
        (row) => row.taxRateId === rateId,
      );
      expect({
        gross: rows.reduce((sum, row) => sum + row.gross, 0),
        tax: rows.reduce((sum, row) => sum + row.tax, 0),
      }).toEqual(figures);
    }
    const sales = (await api(manager.session).get('/api/v1/reports/sales').expect(200)).body;
    const grossSum = [...taxes.values()].reduce((sum, rate) => sum + rate.gross, 0);
    expect(report.totals.gross).toBe(grossSum);
    expect(report.totals.tax).toBe(sales.totals.tax);
    expect(sales.totals.salesInclTax).toBe(grossSum);
  });

  it('86 of the only drink takes a combo off the menu and its choice off the others, and brings them back', async () => {
    const eightySix = (available: boolean) =>
      api(kitchen.session).patch(`/api/v1/dishes/${d.cola.id}/availability`).send({ available }).expect(200);
    const kidsLine = {
      dishId: d.kids.id,
      quantity: 1,
      comboChoices: [
        { slot: 0, dishId: d.burger.id },
        { slot: 1, dishId: d.cola.id },
      ],
    };
    await eightySix(false);
    await eventually('the kids menu off the menu', async () => (await menuDish(d.kids.id)) === undefined);
    const burgerMenuNow = await menuDish(d.menu.id);
    expect((burgerMenuNow.combo.slots[2].choices as Array<{ dishId: string }>).map((c) => c.dishId)).toEqual([
      d.beer.id,
    ]);
    const orders = await count('orders');
    const refused = await api()
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [kidsLine] })
      .expect(422);
    expect(refused.body.error.details).toEqual([{ field: 'items[0].dishId', message: 'is not available' }]);
    const colaRefused = await api()
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [burgerMenu(d.fries, d.cola)] })
      .expect(422);
    expect(colaRefused.body.error.details).toEqual([
      { field: 'items[0].comboChoices[2]', message: 'is not available' },
    ]);
    expect(await count('orders')).toBe(orders);

    await eightySix(true);
    await eventually('the kids menu back', async () => (await menuDish(d.kids.id)) !== undefined);
    await api()
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [kidsLine] })
      .expect(201);
  });

  it('refuses bad choices on an order line with 422 naming them, writing nothing', async () => {
    const orders = await count('orders');
    const items = await count('order_items');
    const refuse = async (line: object, field: string) => {
      const response = await api()
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [line] })
        .expect(422);
      expect(fieldsOf(response.body)).toContain(field);
    };
    const line = (comboChoices: object[]) => ({ dishId: d.menu.id, quantity: 1, comboChoices });
    const main = { slot: 0, dishId: d.burger.id };
    const side = { slot: 1, dishId: d.fries.id };
    const drink = { slot: 2, dishId: d.cola.id };
    await refuse(line([main, { slot: 1, dishId: d.beer.id }, drink]), 'items[0].comboChoices[1]');
    await refuse(line([main, drink]), 'items[0].comboChoices');
    await refuse(line([main, side, drink, { slot: 2, dishId: d.beer.id }]), 'items[0].comboChoices');
    await refuse(line([main, side, { slot: 7, dishId: d.cola.id }]), 'items[0].comboChoices[2].slot');
    await refuse({ dishId: d.burger.id, quantity: 1, comboChoices: [main] }, 'items[0].comboChoices');
    await refuse({ dishId: d.menu.id, quantity: 1 }, 'items[0].comboChoices');
    expect(await count('orders')).toBe(orders);
    expect(await count('order_items')).toBe(items);
  });

  it('refuses a bad combo on a dish with 422 naming the field, writing nothing', async () => {
    const category = (await api(admin).get(`/api/v1/dishes/${d.burger.id}`).expect(200)).body.categoryId;
    const dishes = await count('dishes');
    const slot = (overrides: object) => ({
      name: 'Drink',
      minChoices: 1,
      maxChoices: 1,
      choices: [choice(d.cola)],
      ...overrides,
    });
    const refuse = async (slots: object[], field: string) => {
      const response = await api(admin)
        .post('/api/v1/dishes')
        .send({ name: 'Bad combo', price: 1000, categoryId: category, combo: { slots } })
        .expect(422);
      expect(fieldsOf(response.body)).toContain(field);
    };
    await refuse(
      [slot({ choices: [{ dishId: 'nope', variationId: 'nope' }] })],
      'combo.slots[0].choices[0].dishId',
    );
    await refuse(
      [slot({ choices: [{ dishId: d.cola.id, variationId: d.beer.variations[0].id }] })],
      'combo.slots[0].choices[0].variationId',
    );
    await refuse([slot({ choices: [choice(d.kids)] })], 'combo.slots[0].choices[0].dishId');
    await refuse([slot({ minChoices: 2, maxChoices: 1 })], 'combo.slots[0].minChoices');
    await refuse([slot({ maxChoices: 0 })], 'combo.slots[0].maxChoices');
    await refuse([slot({ choices: [choice(d.cola, -1)] })], 'combo.slots[0].choices[0].upcharge');
    expect(await count('dishes')).toBe(dishes);

    const patched = await api(admin)
      .patch(`/api/v1/dishes/${d.cola.id}`)
      .send({ combo: { slots: [slot({ choices: [choice(d.beer)] })] } })
      .expect(422);
    expect(fieldsOf(patched.body)).toEqual(['combo']);
    expect((await api(admin).get(`/api/v1/dishes/${d.cola.id}`).expect(200)).body.combo).toBeNull();
  });
});
