/** The small restaurant the waiter tablet's browser specs serve: a terrace, a menu with choices, a combo, a dessert. */
import { Role } from '../../src/common/access/role';
import { as, loginAdmin, newStaff, type NewStaff, type Session } from './clients';
import { factories } from './factories';
import type { TestApp } from './test-app';

type Dish = { id: string; name: string; variations: Array<{ id: string; name: string; price: number }> };

export interface WaiterRestaurant {
  admin: Session;
  waiter: NewStaff;
  otherWaiter: NewStaff;
  manager: NewStaff;
  cook: NewStaff;
  grillId: string;
  dishes: { burger: Dish; fries: Dish; beer: Dish; menu: Dish; cake: Dish };
  tables: Array<{ id: string; name: string }>;
}

/** The orders at a table, as a manager lists them (the specs' view of what the service holds). */
export async function ordersAt<Order>(t: TestApp, r: WaiterRestaurant, tableId: string): Promise<Order[]> {
  const listed = await as(t, r.manager.session)
    .get(`/api/v1/orders?tableId=${tableId}&perPage=100`)
    .expect(200);
  return listed.body.items as Order[];
}

/** Tables T1 to T4 on the terrace; a burger with two sizes and its doneness (one) and extras (up to two). */
export async function setUpWaiterRestaurant(t: TestApp): Promise<WaiterRestaurant> {
  const admin = await loginAdmin(t);
  const make = factories(t, admin);
  const post = async <T>(path: string, body: object): Promise<T> =>
    (await as(t, admin).post(path).send(body).expect(201)).body as T;
  const [waiter, otherWaiter, manager, cook] = await Promise.all(
    [Role.Waiter, Role.Waiter, Role.Manager, Role.Kitchen].map((role) => newStaff(t, role)),
  );
  const grill = await make.newStation('Grill');
  const bar = await make.newStation('Bar');
  const mains = await make.newCategory('Mains', 0);
  const desserts = await make.newCategory('Desserts', 1);
  const dish = (name: string, categoryId: string, stationId: string, body: object) =>
    post<Dish>('/api/v1/dishes', { name, categoryId, stationId, ...body });
  const burger = await dish('Burger', mains.id, grill.id, {
    variations: [
      { name: 'Regular', price: 1200 },
      { name: 'Double', price: 1650 },
    ],
  });
  const fries = await dish('Fries', mains.id, grill.id, { price: 450 });
  const beer = await dish('Beer', mains.id, bar.id, { price: 550 });
  const cake = await dish('Cheesecake', desserts.id, grill.id, { price: 700 });
  const doneness = await make.newModifierGroup({
    name: 'Doneness',
    minChoices: 1,
    maxChoices: 1,
    options: ['Rare', 'Medium', 'Well done'].map((name, sortOrder) => ({ name, priceDelta: 0, sortOrder })),
  });
  const extras = await make.newModifierGroup({
    name: 'Extras',
    minChoices: 0,
    maxChoices: 2,
    options: [
      { name: 'Cheese', priceDelta: 100, sortOrder: 0 },
      { name: 'Bacon', priceDelta: 150, sortOrder: 1 },
    ],
  });
  await as(t, admin)
    .patch(`/api/v1/dishes/${burger.id}`)
    .send({ modifierGroupIds: [doneness.id, extras.id] })
    .expect(200);
  const choice = (of: Dish) => ({ dishId: of.id, variationId: of.variations[0].id });
  const menu = await post<Dish>('/api/v1/dishes', {
    name: 'Fries menu',
    price: 900,
    categoryId: mains.id,
    combo: {
      slots: [
        { name: 'Side', minChoices: 1, maxChoices: 1, choices: [choice(fries)] },
        { name: 'Drink', minChoices: 1, maxChoices: 1, choices: [choice(beer)] },
      ],
    },
  });
  const terrace = await post<{ id: string }>('/api/v1/locations', { name: 'Terrace' });
  const tables: WaiterRestaurant['tables'] = [];
  for (const name of ['T1', 'T2', 'T3', 'T4']) {
    tables.push(await post('/api/v1/tables', { name, locationId: terrace.id, seats: 4 }));
  }
  return {
    admin,
    waiter,
    otherWaiter,
    manager,
    cook,
    grillId: grill.id,
    dishes: { burger, fries, beer, menu, cake },
    tables,
  };
}
