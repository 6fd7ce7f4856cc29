/**
 * The hostile-names sweep's restaurant (test/hostile-names.browser.e2e-spec.ts), seeded once through the API with a
 * hostile name in every name field the OpenAPI document gives each request it sends.
 */
import { Role } from '../../src/common/access/role';
import { as, issueKey, login, loginAdmin, type Server, type Session, withKey } from './clients';
import type { FakePrinter } from './fake-printers';
import type { Schema } from './hostile-operations';
import { hostileName, type NameField, RTL_OVERRIDE, TOO_LONG, withNames } from './hostile-names';

/** What the pages and documents of the sweep are opened with. */
export interface Seed {
  admin: Session;
  waiter: { displayName: string; pin: string };
  cook: { displayName: string; pin: string };
  pairingCode: string;
  pickupToken: string;
  qrToken: string;
  tableName: string;
  dineIn: { id: string; number: number; total: number };
  receipt: { id: string; url: string; total: number };
}

/** Sends the seed's requests and remembers every name typed, by `<operation> <field path>`. */
export function hostileRestaurant(t: Server, openApi: Schema) {
  const typed = new Map<string, string[]>();
  const seeded = new Set<string>();
  let tags = 0;

  /**
   * Sends `body` with every name field the document gives the operation: first each 10,000 characters long (422
   * VALIDATION_ERROR), then hostile and as long as allowed, without control characters where the field refuses
   * them (a 422 that says so). Answers the created or changed resource.
   */
  async function send(
    session: Pick<Session, 'accessToken'> | { key: string },
    operation: string,
    path: string,
    body: Record<string, unknown>,
    refusedWith?: number,
  ): Promise<Record<string, unknown>> {
    const [method] = operation.split(' ');
    const call = (payload: Record<string, unknown>) => {
      const client = 'key' in session ? withKey(t, session.key) : as(t, session);
      const verb = method.toLowerCase() as 'post' | 'put' | 'patch';
      return client[verb](path).send(payload);
    };
    const fill = (value: (field: NameField) => string) => {
      const names = new Map<string, string[]>();
      const filled = fillNames(operation, body, (field) => {
        const text = value(field);
        names.set(field.path, [...(names.get(field.path) ?? []), text]);
        return text;
      });
      return { filled, names };
    };

    const tooLong = await call(fill(() => 'W'.repeat(TOO_LONG)).filled);
    expect([operation, tooLong.status, tooLong.body?.error?.code]).toEqual([
      operation,
      422,
      'VALIDATION_ERROR',
    ]);

    const overridden = await call(fill(() => `N${++tags} ${RTL_OVERRIDE}`).filled);
    expect([operation, overridden.status, overridden.body?.error?.code]).toEqual([
      operation,
      422,
      'VALIDATION_ERROR',
    ]);

    let attempt = fill((field) => hostileName(`N${++tags}`, field.maxLength!, true));
    let reply = await call(attempt.filled);
    if (reply.status === 422 && JSON.stringify(reply.body).includes('control characters')) {
      attempt = fill((field) => hostileName(`N${++tags}`, field.maxLength!, false));
      reply = await call(attempt.filled);
    }
    if (refusedWith ? reply.status !== refusedWith : reply.status >= 300) {
      throw new Error(`${operation}: ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    for (const [field, values] of attempt.names) {
      typed.set(`${operation} ${field}`, [...(typed.get(`${operation} ${field}`) ?? []), ...values]);
    }
    seeded.add(operation);
    return reply.body as Record<string, unknown>;
  }

  const fillNames = (operation: string, body: Record<string, unknown>, value: (field: NameField) => string) =>
    withNames(openApi, operation, body, value);

  /** The first name typed into the field (of the first request the seed sent it in). */
  const named = (operation: string, field: string): string => {
    const values = typed.get(`${operation} ${field}`);
    if (!values) throw new Error(`nothing typed into ${operation} ${field}`);
    return values[0];
  };

  const seed = {} as Seed;

  async function seedRestaurant(printer: FakePrinter): Promise<void> {
    const admin = await loginAdmin(t);
    seed.admin = admin;
    const profile = (await as(t, admin).get('/api/v1/restaurant').expect(200)).body as Record<
      string,
      unknown
    >;
    const { name, taxId, timezone, currency, country, locale } = profile;
    await send(admin, 'PUT /api/v1/restaurant', '/api/v1/restaurant', {
      name,
      // One line: the lines' limit is their total (200), each line's the same.
      address: ['Street 1'],
      taxId: taxId ?? 'DE123456789',
      timezone,
      currency,
      country,
      locale,
    });
    const post = (operation: string, body: Record<string, unknown>) =>
      send(admin, `POST /api/v1/${operation}`, `/api/v1/${operation}`, body);
    await post('tax-rates', { name: 'VAT', percent: 19, isDefault: true });
    await post('security/ip-blocks', { range: '203.0.113.0/24', reason: 'r' });
    // A password sign-in's username is a security event's subject, as typed: 401, and shown to the admin.
    await send(
      { accessToken: '' },
      'POST /api/v1/auth/login',
      '/api/v1/auth/login',
      { username: 'u', password: 'p' },
      401,
    );
    const location = await post('locations', { name: 'Room' });
    const table = await post('tables', { name: 'T', locationId: location.id, seats: 4 });
    seed.qrToken = table.qrToken as string;
    seed.tableName = table.name as string;
    const station = await post('stations', { name: 'Grill' });
    const category = await post('categories', { name: 'Mains', sortOrder: 0 });
    const group = await post('modifier-groups', {
      name: 'Sauce',
      minChoices: 0,
      maxChoices: 1,
      options: [{ name: 'Aioli', priceDelta: 150, sortOrder: 0 }],
    });
    const ingredient = await post('ingredients', { name: 'Eggs', allergens: ['eggs'] });
    const dish = (await post('dishes', {
      name: 'Burger',
      description: 'Beef',
      categoryId: category.id,
      stationId: station.id,
      prepMinutes: 10,
      variations: [
        { name: 'Regular', price: 1200 },
        { name: 'Double', price: 1650 },
      ],
      modifierGroupIds: [group.id],
      ingredientIds: [ingredient.id],
    })) as { id: string; variations: Array<{ id: string; price: number }> };
    // Shown on the menu screen's Schedules, Price rules and Price levels tabs, the integrations and devices screens.
    const lunch = await post('menu-schedules', {
      name: 'Lunch',
      windows: [{ days: [1], from: '11:00', to: '14:00' }],
    });
    // On Mondays' lunch only: the seed's orders keep their prices whatever the day it runs.
    await post('price-rules', {
      name: 'Quarter off',
      kind: 'percent_off',
      value: 25,
      dishId: dish.id,
      scheduleId: lunch.id,
    });
    await post('price-levels', {
      name: 'Terrace',
      orderTypes: ['delivery'],
      prices: [{ variationId: dish.variations[0].id, price: 1300 }],
    });
    await post('api-keys', { name: 'Till', scopes: ['orders:read'] });
    await post('terminals', { name: 'Bar', provider: 'simulator', providerDeviceId: 'sim-9' });
    await post('webhooks', {
      url: 'https://hooks.example.com/hostile',
      events: ['receipt.issued'],
      description: 'Sync',
    });
    const option = (
      (
        await as(t, admin)
          .get(`/api/v1/modifier-groups/${group.id as string}`)
          .expect(200)
      ).body.options as Array<{
        id: string;
      }>
    )[0];
    const person = async (role: Role, pin: string) => {
      const user = await post('users', {
        username: `${role}`,
        displayName: role,
        role,
        password: 'password-1-secret',
        pin,
      });
      return { user, displayName: user.displayName as string, pin };
    };
    const waiter = await person(Role.Waiter, '4711');
    const cook = await person(Role.Kitchen, '4712');
    seed.waiter = waiter;
    seed.cook = cook;
    const waiterSession = await login(t, waiter.user.username as string, 'password-1-secret');
    seed.pairingCode = (
      await post('kitchen/devices', { name: 'Screen', stationIds: [station.id], expo: false })
    ).pairingCode as string;
    seed.pickupToken = (await post('pickup-boards', { name: 'Board' })).token as string;
    const cash = await post('payment-methods', { name: 'Cash', kind: 'cash' });
    await post('printers', {
      name: 'Kitchen',
      kind: 'kitchen',
      connection: printer.connection(),
      widthChars: 32,
      stationIds: [station.id],
    });
    const guest = await post('customers', { name: 'Guest', notes: 'Notes', allergens: ['eggs'] });
    // A reward's name: on the waiter's Guest & rewards for the dine-in check, whose guest this is.
    await send(admin, 'PUT /api/v1/loyalty', '/api/v1/loyalty', {
      pointsPerUnit: 1,
      rewards: [{ name: 'One off', points: 30, kind: 'amount', amount: 100 }],
    });

    const line = {
      dishId: dish.id,
      variationId: dish.variations[1].id,
      quantity: 2,
      comment: 'c',
      modifiers: [{ optionId: option.id }],
    };
    // Stays open: the kitchen's ticket, the waiter's check and the bill.
    const dineIn = await send(waiterSession, 'POST /api/v1/orders', '/api/v1/orders', {
      type: 'dine_in',
      tableId: table.id,
      guests: 2,
      notes: 'n',
      items: [{ ...line, seat: 1 }],
    });
    await as(t, waiterSession)
      .post(`/api/v1/orders/${dineIn.id as string}/customer`)
      .send({ customerId: guest.id })
      .expect(200);
    seed.dineIn = (
      await as(t, waiterSession)
        .get(`/api/v1/orders/${dineIn.id as string}`)
        .expect(200)
    ).body as Seed['dineIn'];
    // Discounted, paid and closed: the receipt.
    const takeaway = await send(waiterSession, 'POST /api/v1/orders', '/api/v1/orders', {
      type: 'takeaway',
      items: [line],
      fulfilment: { customerName: 'Bo' },
    });
    await post('channels', {
      code: 'hostile',
      name: 'Channel',
      autoAccept: true,
      items: [{ externalId: 'burger', dishId: dish.id, variationId: dish.variations[0].id }],
    });
    const key = await issueKey(t, admin, {
      name: 'aggregator',
      scopes: ['orders:write', 'orders:read', 'menu:read'],
      channelCode: 'hostile',
    });
    await send({ key: key.key }, 'POST /api/v1/channels/{code}/orders', '/api/v1/channels/hostile/orders', {
      externalId: 'o-1',
      customerName: 'Ada',
      phone: '+49 151 2345678',
      type: 'takeaway',
      items: [{ externalId: 'burger', quantity: 1, price: dish.variations[0].price, comment: 'c' }],
      total: dish.variations[0].price,
      paidByChannel: true,
    });
    await send(
      { accessToken: '' },
      'POST /api/v1/public/tables/{qrToken}/orders',
      `/api/v1/public/tables/${seed.qrToken}/orders`,
      {
        items: [{ dishId: dish.id, variationId: dish.variations[0].id, quantity: 1, comment: 'c' }],
        notes: 'n',
      },
    );
    await send(
      admin,
      'POST /api/v1/orders/{id}/discount',
      `/api/v1/orders/${takeaway.id as string}/discount`,
      { kind: 'percent', value: 10, reason: 'r' },
    );
    const { total } = (
      await as(t, waiterSession)
        .get(`/api/v1/orders/${takeaway.id as string}`)
        .expect(200)
    ).body as { total: number };
    await as(t, waiterSession)
      .post(`/api/v1/orders/${takeaway.id as string}/payments`)
      .send({ methodId: cash.id, amount: total })
      .expect(201);
    await as(t, waiterSession)
      .patch(`/api/v1/orders/${takeaway.id as string}/status`)
      .send({ status: 'closed' })
      .expect(200);
    const receipt = (
      (await as(t, admin).get('/api/v1/receipts').expect(200)).body.items as Array<{
        id: string;
        url: string;
        total: number;
      }>
    )[0];
    seed.receipt = receipt;
  }

  /** Opens `url` in the sweep's context, answering no dialog (each one is a script that ran). */
  return { typed, seeded, seed, send, named, seedRestaurant };
}
