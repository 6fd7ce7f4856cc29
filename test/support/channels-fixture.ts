import { Role } from '../../src/common/access/role';
import { as, issueKey, IssuedKey, loginAdmin, newStaff, Session, withKey } from './clients';
import { factories, Restaurant } from './factories';
import type { Json } from './menu-fixture';
import type { TestApp } from './test-app';

/** A restaurant, its admin and a waiter, and the calls a simulated aggregator makes with its channel key. */
export async function channelsFixture(t: TestApp) {
  const admin = await loginAdmin(t);
  const waiter = (await newStaff(t, Role.Waiter)).session;
  const make = factories(t, admin);
  const restaurant = await make.newRestaurant();
  const sauce = await make.newModifierGroup({
    name: 'Sauce',
    minChoices: 0,
    maxChoices: 2,
    options: [
      { name: 'Aioli', priceDelta: 50, sortOrder: 0 },
      { name: 'Ketchup', priceDelta: 0, sortOrder: 1 },
    ],
  });
  const group = (await as(t, admin).get(`/api/v1/modifier-groups/${sauce.id}`).expect(200)).body;
  await as(t, admin)
    .patch(`/api/v1/dishes/${restaurant.fries.id}`)
    .send({ modifierGroupIds: [sauce.id] })
    .expect(200);
  const [aioli] = group.options as Array<{ id: string }>;
  return { admin, waiter, restaurant, aioli, make };
}

/** The mappings of a channel that sells the restaurant's double burger, fries, beer, and aioli as an option. */
export function mappingsOf(restaurant: Restaurant, aioliId: string) {
  return [
    {
      externalId: 'burger-double',
      dishId: restaurant.burger.id,
      variationId: restaurant.burger.variations[1].id,
    },
    { externalId: 'fries', dishId: restaurant.fries.id },
    { externalId: 'beer', dishId: restaurant.beer.id },
    { externalId: 'aioli', optionIds: [aioliId] },
  ];
}

/** A channel made by the admin, with a key bound to it (orders:write and menu:read). */
export async function newChannel(
  t: TestApp,
  admin: Session,
  body: Json,
): Promise<{ channel: Json; key: IssuedKey; aggregator: ReturnType<typeof withKey> }> {
  const response = await as(t, admin).post('/api/v1/channels').send(body);
  if (response.status !== 201)
    throw new Error(`channel: ${response.status} ${JSON.stringify(response.body)}`);
  const key = await issueKey(t, admin, {
    name: `${body.code} aggregator`,
    scopes: ['orders:write', 'orders:read', 'menu:read'],
    channelCode: body.code,
  });
  return { channel: response.body, key, aggregator: withKey(t, key.key) };
}
