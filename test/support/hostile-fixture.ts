/** The restaurant the sweep runs against, and the real ids its requests use. */
import { Role } from '../../src/common/access/role';
import { as, issueKey, loginAdmin, newStaff, NewStaff, Session } from './clients';
import { factories, Restaurant } from './factories';
import { InventoryPool, inventoryFixture } from './hostile-inventory';
import { LabourPool, labourFixture } from './hostile-labour';
import type { TestApp } from './test-app';
import { totpCode } from './totp';
import { eventually } from './webhook-receiver';

export type Pool =
  | 'users'
  | 'locations'
  | 'tables'
  | 'categories'
  | 'stations'
  | 'ingredients'
  | 'prep-recipes'
  | 'fiscal'
  | 'dishes'
  | 'variations'
  | 'modifier-groups'
  | 'modifier-options'
  | 'orders'
  | 'items'
  | 'payment-methods'
  | 'payments'
  | 'qrTokens'
  | 'api-keys'
  | 'webhooks'
  | 'deliveries'
  | 'printers'
  | 'print-jobs'
  | 'shifts'
  | 'business-days'
  | 'ip-blocks'
  | 'tax-rates'
  | 'menu-schedules'
  | 'tax-mappings'
  | 'gift-cards'
  | 'receipts'
  | 'receiptTokens'
  | 'customers'
  | 'rewards'
  | 'channels'
  | 'price-levels'
  | 'price-rules'
  | 'devices'
  | 'pickup-boards'
  | 'pickupTokens'
  | 'terminals'
  | 'terminal-payments'
  | 'terminalProviders'
  | 'countries'
  | InventoryPool
  | LabourPool;

/** Real rows for path parameters and id fields; the first of each pool belongs with the first of the others. */
export interface Fixture {
  admin: Session;
  sessions: Map<Role, Session>;
  ids: Record<Pool, string[]>;
  /** Whose credentials a valid login sends; the sweep's failures lock this account out, and no other. */
  loginUser: NewStaff;
  /** Whose id and PIN a valid PIN login sends. */
  pinUser: NewStaff;
  /** A session of its own for POST /auth/refresh to spend. */
  refreshToken: string;
  /** The staff member whose session POST /auth/logout ends. */
  leaver: NewStaff;
  /** A login challenge of a manager with two-factor authentication on, and that manager's current code. */
  secondFactor: { mfaToken: string; code: () => string };
}

/**
 * A restaurant in service: staff of every role, a floor, a menu, an order with items and a payment, a webhook
 * subscription with the order's delivery queued, the cash drawer open, a past business day closed, and a gift card.
 */
export async function restaurantFixture(t: TestApp): Promise<Fixture> {
  const admin = await loginAdmin(t);
  const make = factories(t, admin);
  const [manager, waiter, kitchen, victim, loginUser, pinUser, leaver, refresher, enrolled] =
    await Promise.all(
      [
        Role.Manager,
        Role.Waiter,
        Role.Kitchen,
        Role.Waiter,
        Role.Kitchen,
        Role.Waiter,
        Role.Waiter,
        Role.Manager,
        Role.Manager,
      ].map((role) => newStaff(t, role)),
    );
  const sessions = new Map<Role, Session>(
    [admin, manager.session, waiter.session, kitchen.session].map((session) => [session.user.role, session]),
  );
  const restaurant = await make.newRestaurant();
  const secondTable = await make.newTable('T-second');
  const emptyLocation = await as(t, admin).post('/api/v1/locations').send({ name: 'Empty room' }).expect(201);
  const spareCategory = await make.newCategory('Spare');
  const spareStation = await make.newStation('Spare');
  const flour = await make.newIngredient('Flour', ['gluten']);
  const dough = await make.newIngredient('Dough', ['gluten']);
  const prep = await as(t, admin)
    .post('/api/v1/prep-recipes')
    .send({
      name: 'Dough batch',
      ingredientId: dough.id,
      yieldQuantity: 1000,
      lines: [{ ingredientId: flour.id, quantity: 600, unit: 'g' }],
    })
    .expect(201);
  const sauce = await as(t, admin)
    .post('/api/v1/modifier-groups')
    .send({
      name: 'Sauce',
      maxChoices: 2,
      options: [{ name: 'Aioli', priceDelta: 150 }, { name: 'Ketchup' }],
    })
    .expect(201);
  // The burger offers it, so an order line that names its first option is a valid one.
  await as(t, admin)
    .patch(`/api/v1/dishes/${restaurant.burger.id}`)
    .send({ modifierGroupIds: [sauce.body.id] })
    .expect(200);
  const webhook = await as(t, admin)
    .post('/api/v1/webhooks')
    .send({ url: 'https://hooks.example.com/pos', events: ['order.created'] })
    .expect(201);
  // An agent printer with no agent: the order's grill ticket waits on it, a job to read and reprint.
  const printer = await as(t, admin)
    .post('/api/v1/printers')
    .send({
      name: 'Grill',
      kind: 'kitchen',
      widthChars: 42,
      connection: { type: 'agent' },
      stationIds: [restaurant.grill.id],
    })
    .expect(201);
  const order = await as(t, sessions.get(Role.Waiter)!)
    .post('/api/v1/orders')
    .send({
      type: 'dine_in',
      tableId: restaurant.table.id,
      guests: 2,
      items: [
        {
          dishId: restaurant.burger.id,
          variationId: restaurant.burger.variations[0].id,
          quantity: 2,
          modifiers: [{ optionId: sauce.body.options[0].id }],
        },
        { dishId: restaurant.beer.id, quantity: 1, comment: 'cold' },
      ],
    })
    .expect(201);
  const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Array<{
    id: string;
    kind: string;
  }>;
  const payment = await as(t, admin)
    .post(`/api/v1/orders/${order.body.id}/payments`)
    .send({ methodId: methods.find((method) => method.kind === 'card')!.id, amount: 1000 })
    .expect(201);
  const table = (await as(t, admin).get(`/api/v1/tables/${restaurant.table.id}`).expect(200)).body;
  const delivery = await eventually('the order.created delivery', async () => {
    const log = await as(t, admin).get(`/api/v1/webhooks/${webhook.body.id}/deliveries`).expect(200);
    return (log.body.items as Array<{ id: string }>)[0];
  });
  const printJob = await eventually('the grill ticket', async () => {
    const jobs = await as(t, admin).get('/api/v1/print-jobs').expect(200);
    return (jobs.body.items as Array<{ id: string }>)[0];
  });
  const ipBlock = await as(t, admin)
    .post('/api/v1/security/ip-blocks')
    .send({ range: '198.51.100.0/24', reason: 'The sweep lifts it' })
    .expect(201);
  // On around the week, so that naming them takes nothing off the menu the sweep orders from.
  const schedules = await Promise.all(
    ['Always', 'All week'].map((name) =>
      as(t, admin)
        .post('/api/v1/menu-schedules')
        .send({
          name,
          windows: [
            { days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '12:00' },
            { days: [1, 2, 3, 4, 5, 6, 7], from: '12:00', to: '00:00' },
          ],
        })
        .expect(201),
    ),
  );
  const rates = await Promise.all(
    [19, 7, 0].map((percent) =>
      as(t, admin)
        .post('/api/v1/tax-rates')
        .send({ name: `Rate ${percent}`, percent })
        .expect(201),
    ),
  );
  const mapping = await as(t, admin)
    .post('/api/v1/tax-mappings')
    .send({
      name: 'To go',
      orderTypes: ['takeaway'],
      fromTaxRateId: rates[0].body.id,
      toTaxRateId: rates[1].body.id,
    })
    .expect(201);
  const tables = [restaurant.table, secondTable];
  const secondFactor = await secondFactorChallenge(t, enrolled);
  const apiKeys = await Promise.all([issueKey(t, admin), issueKey(t, admin, { scopes: ['events:read'] })]);
  // A quiet day long ago, closed, so its Z report is there to read; today stays open.
  const closedDay = '2026-01-05';
  await as(t, admin)
    .post('/api/v1/business-days/close')
    .send({ businessDay: closedDay, uncountedCashConfirmed: true })
    .expect(201);
  const labour = await labourFixture(t, admin, waiter.session);
  const shift = await as(t, admin).post('/api/v1/shifts/open').send({ openingCash: 10_000 }).expect(201);
  const giftCard = await as(t, admin).post('/api/v1/gift-cards').send({ amount: 5000 }).expect(201);
  const receipt = await closedOrderReceipt(t, admin, restaurant.fries.id, methods);
  const customer = await as(t, admin)
    .post('/api/v1/customers')
    .send({ name: 'Sweep Guest', phone: '030 1234567', allergens: ['peanuts'] })
    .expect(201);
  const loyalty = await as(t, admin)
    .put('/api/v1/loyalty')
    .send({
      pointsPerUnit: 1,
      rewards: [{ name: 'Free beer', points: 10, kind: 'dish', dishId: restaurant.beer.id }],
    })
    .expect(200);
  const channel = await as(t, admin)
    .post('/api/v1/channels')
    .send({ code: 'sweep', name: 'Sweep Eats', items: [{ externalId: 'beer', dishId: restaurant.beer.id }] })
    .expect(201);
  const pricing = await pricingFixture(t, admin, restaurant);
  const device = await as(t, admin)
    .post('/api/v1/kitchen/devices')
    .send({ name: 'Sweep screen', stationIds: [restaurant.grill.id], expo: false })
    .expect(201);
  const board = await as(t, admin).post('/api/v1/pickup-boards').send({ name: 'Sweep board' }).expect(201);
  const terminal = await as(t, admin)
    .post('/api/v1/terminals')
    .send({ name: 'Sweep terminal', provider: 'simulator', providerDeviceId: 'sweep' })
    .expect(201);
  const attempt = await terminalAttempt(t, admin, restaurant, terminal.body.id);
  // Inactive from now on: a valid request of the sweep is refused rather than starting a payment whose
  // background steps (the terminal answering) would write while the sweep checks that refusals write nothing.
  await as(t, admin).patch(`/api/v1/terminals/${terminal.body.id}`).send({ active: false }).expect(200);
  return {
    admin,
    sessions,
    loginUser,
    pinUser,
    leaver,
    refreshToken: refresher.session.refreshToken,
    secondFactor,
    ids: {
      users: [victim.id],
      locations: [table.locationId, emptyLocation.body.id],
      tables: tables.map((t) => t.id),
      categories: [restaurant.category.id, spareCategory.id],
      stations: [restaurant.grill.id, restaurant.bar.id, spareStation.id],
      ingredients: [flour.id],
      'prep-recipes': [prep.body.id],
      ...(await inventoryFixture(t, admin, flour.id)),
      ...labour,
      // A restaurant in Germany has no Austrian cash register: the register routes answer 404 for any till.
      fiscal: ['till-1'],
      dishes: [restaurant.burger.id, restaurant.fries.id, restaurant.beer.id],
      variations: restaurant.burger.variations.map((variation) => variation.id),
      'modifier-groups': [sauce.body.id],
      'modifier-options': (sauce.body.options as Array<{ id: string }>).map((option) => option.id),
      orders: [order.body.id],
      items: (order.body.items as Array<{ id: string }>).map((item) => item.id),
      'payment-methods': methods.map((method) => method.id),
      payments: [payment.body.id],
      qrTokens: tables.map((t) => t.qrToken),
      'api-keys': apiKeys.map((key) => key.id),
      webhooks: [webhook.body.id],
      deliveries: [delivery.id],
      printers: [printer.body.id],
      'print-jobs': [printJob.id],
      shifts: [shift.body.id],
      'business-days': [closedDay],
      'ip-blocks': [ipBlock.body.id],
      'tax-rates': rates.map((rate) => rate.body.id as string),
      ...pricing,
      'menu-schedules': [
        ...schedules.map((schedule) => schedule.body.id as string),
        ...pricing['menu-schedules'],
      ],
      'tax-mappings': [mapping.body.id],
      'gift-cards': [giftCard.body.id],
      receipts: [receipt.id],
      receiptTokens: [new URL(receipt.url).pathname.split('/').pop()!],
      customers: [customer.body.id],
      rewards: (loyalty.body.rewards as Array<{ id: string }>).map((reward) => reward.id),
      channels: [channel.body.code as string],
      devices: [device.body.device.id],
      'pickup-boards': [board.body.id],
      pickupTokens: [board.body.token],
      terminals: [terminal.body.id],
      'terminal-payments': [attempt],
      terminalProviders: ['simulator'],
      countries: ['DE', 'AT'],
    },
  };
}

/** A card terminal payment of an order of its own, ended (declined): its order is not held. */
async function terminalAttempt(t: TestApp, admin: Session, restaurant: Restaurant, terminalId: string) {
  const order = await as(t, admin)
    .post('/api/v1/orders')
    .send({ type: 'takeaway', items: [{ dishId: restaurant.fries.id, quantity: 1 }] })
    .expect(201);
  const started = await as(t, admin)
    .post(`/api/v1/orders/${order.body.id}/terminal-payments`)
    .send({ terminalId, amount: 101 })
    .expect(202);
  await eventually('the sweep terminal payment to end', async () => {
    const attempt = await as(t, admin).get(`/api/v1/terminal-payments/${started.body.id}`).expect(200);
    return attempt.body.status === 'failed';
  });
  return started.body.id as string;
}

/** A schedule, a price level the terrace pays for the burger, and a happy hour on the beer by that schedule. */
async function pricingFixture(
  t: TestApp,
  admin: Session,
  restaurant: Restaurant,
): Promise<Pick<Fixture['ids'], 'menu-schedules' | 'price-levels' | 'price-rules'>> {
  const schedule = await as(t, admin)
    .post('/api/v1/menu-schedules')
    .send({ name: 'Happy hours', windows: [{ days: [1, 2, 3, 4, 5], from: '17:00', to: '19:00' }] })
    .expect(201);
  const level = await as(t, admin)
    .post('/api/v1/price-levels')
    .send({ name: 'Terrace', prices: [{ variationId: restaurant.burger.variations[0].id, price: 1500 }] })
    .expect(201);
  const rule = await as(t, admin)
    .post('/api/v1/price-rules')
    .send({
      name: 'Happy hour',
      scheduleId: schedule.body.id,
      dishId: restaurant.beer.id,
      kind: 'percent_off',
      value: 50,
    })
    .expect(201);
  return {
    'menu-schedules': [schedule.body.id],
    'price-levels': [level.body.id],
    'price-rules': [rule.body.id],
  };
}

/** A takeaway order paid in cash and closed: its receipt, for the receipt routes and the digital copy. */
async function closedOrderReceipt(
  t: TestApp,
  admin: Session,
  dishId: string,
  methods: Array<{ id: string; kind: string }>,
): Promise<{ id: string; url: string }> {
  const order = await as(t, admin)
    .post('/api/v1/orders')
    .send({ type: 'takeaway', items: [{ dishId, quantity: 1 }] })
    .expect(201);
  await as(t, admin)
    .post(`/api/v1/orders/${order.body.id}/payments`)
    .send({ methodId: methods.find((method) => method.kind === 'cash')!.id, amount: order.body.total })
    .expect(201);
  await as(t, admin).patch(`/api/v1/orders/${order.body.id}/status`).send({ status: 'closed' }).expect(200);
  const receipts = await as(t, admin).get('/api/v1/receipts').expect(200);
  return (receipts.body.items as Array<{ id: string; url: string }>)[0];
}

/** Turns on the staff member's second factor and logs them in with the password: the challenge waits for a code. */
async function secondFactorChallenge(t: TestApp, staff: NewStaff): Promise<Fixture['secondFactor']> {
  const { password } = staff;
  const setup = await as(t, staff.session).post('/api/v1/auth/2fa/setup').send({ password }).expect(200);
  const code = () => totpCode(setup.body.secret as string, t.clock.now());
  await as(t, staff.session).post('/api/v1/auth/2fa/enable').send({ code: code(), password }).expect(200);
  // The code that enabled it is spent: the sweep's must come from a later time step.
  t.clock.advance(30_000);
  const challenge = await t
    .http()
    .post('/api/v1/auth/login')
    .send({ username: staff.username, password: staff.password })
    .expect(200);
  return { mfaToken: challenge.body.mfaToken as string, code };
}
