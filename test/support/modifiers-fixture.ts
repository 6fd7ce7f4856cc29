import { Role } from '../../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './clients';
import { factories, Restaurant } from './factories';
import type { Json } from './menu-fixture';
import { startTestApp, TestApp } from './test-app';

/** What the modifier specs share: a restaurant whose burger offers two groups, and helpers to order it. */

export type Option = { id: string; name: string; priceDelta: number; available: boolean; sortOrder: number };
export type Group = { id: string; name: string; minChoices: number; maxChoices: number; options: Option[] };
export type Line = {
  dishId: string;
  variationId?: string;
  quantity: number;
  modifiers?: Array<{ optionId: string }>;
};

export interface ModifiersSetup {
  t: TestApp;
  admin: Session;
  waiter: NewStaff;
  manager: NewStaff;
  kitchen: NewStaff;
  r: Restaurant;
  /** Sauce: choose 1 or 2 (Aioli +150, Ketchup 0, Truffle +300). Extras: up to 2 (Bacon +250, Cheese +100). */
  sauce: Group;
  extras: Group;
}

async function newGroupOn(t: TestApp, admin: Session, body: object): Promise<Group> {
  const response = await as(t, admin).post('/api/v1/modifier-groups').send(body);
  if (response.status !== 201) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Group;
}

/** Starts the app and builds the restaurant: the burger offers Sauce, then Extras. */
export async function setUpModifiers(): Promise<ModifiersSetup> {
  const t = await startTestApp({ QR_ORDERING: 'true' });
  const admin = await loginAdmin(t);
  const r = await factories(t, admin).newRestaurant();
  const [waiter, manager, kitchen] = await Promise.all(
    [Role.Waiter, Role.Manager, Role.Kitchen].map((role) => newStaff(t, role)),
  );
  const sauce = await newGroupOn(t, admin, {
    name: 'Sauce',
    minChoices: 1,
    maxChoices: 2,
    options: [
      { name: 'Ketchup', sortOrder: 1 },
      { name: 'Aioli', priceDelta: 150, sortOrder: 0 },
      { name: 'Truffle', priceDelta: 300, sortOrder: 2 },
    ],
  });
  const extras = await newGroupOn(t, admin, {
    name: 'Extras',
    minChoices: 0,
    maxChoices: 2,
    options: [
      { name: 'Cheese', priceDelta: 100 },
      { name: 'Bacon', priceDelta: 250 },
    ],
  });
  await as(t, admin)
    .patch(`/api/v1/dishes/${r.burger.id}`)
    .send({ modifierGroupIds: [sauce.id, extras.id] })
    .expect(200);
  return { t, admin, waiter, manager, kitchen, r, sauce, extras };
}

/** The helpers, on the setup that `setup()` answers once the spec has made it. */
export function modifierHelpers(setup: () => ModifiersSetup) {
  const newGroup = (body: object) => newGroupOn(setup().t, setup().admin, body);
  const option = (group: Group, name: string) => group.options.find((o) => o.name === name)!;
  const pick = (...options: Option[]) => options.map((o) => ({ optionId: o.id }));
  const regular = () => setup().r.burger.variations.find((v) => v.name === 'Regular')!.id;
  const burger = (modifiers: Array<{ optionId: string }>, quantity = 1): Line => ({
    dishId: setup().r.burger.id,
    variationId: regular(),
    quantity,
    modifiers,
  });

  const placeOrder = (items: Line[]) =>
    as(setup().t, setup().waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'dine_in', tableId: setup().r.table.id, items });

  const count = async (table: string) =>
    Number(
      (
        await setup().t.dataSource.query<Array<{ n: string | number }>>(`SELECT COUNT(*) AS n FROM ${table}`)
      )[0].n,
    );

  const auditActions = async (entityId: string) =>
    (
      await setup().t.dataSource.query<Array<{ action: string; entity_id: string }>>(
        'SELECT action, entity_id FROM audit_log ORDER BY occurred_at, id',
      )
    )
      .filter((row) => row.entity_id === entityId)
      .map((row) => row.action);

  const menuDish = (menu: Json, dishId: string): Json => {
    const dishes = (menu.categories as Array<{ dishes: Array<{ id: string }> }>).flatMap((c) => c.dishes);
    return dishes.find((dish) => dish.id === dishId);
  };

  return { newGroup, option, pick, regular, burger, placeOrder, count, auditActions, menuDish };
}
