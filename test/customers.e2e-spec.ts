import { as, issueKey, NewStaff, Session, withKey } from './support/clients';
import { OrdersApp, orderCalls, startOrdersApp } from './support/orders-fixture';
import { openSockets } from './support/sockets';
import { TestApp } from './support/test-app';

interface Customer {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  allergens: string[];
  visits: number;
  lastVisitAt: string | null;
  erasedAt: string | null;
}

describe('Customers', () => {
  let t: TestApp;
  let admin: Session;
  let make: OrdersApp['make'];
  let waiter: NewStaff;
  let manager: NewStaff;
  let kitchen: NewStaff;
  const { newOrder } = orderCalls(
    () => t,
    () => waiter.session,
  );
  const open = openSockets(() => t);

  beforeAll(async () => {
    ({ t, admin, make, waiter, manager, kitchen } = await startOrdersApp());
  });

  afterAll(() => t.close());

  const newCustomer = async (body: Record<string, unknown>): Promise<Customer> => {
    const response = await as(t, waiter.session).post('/api/v1/customers').send(body);
    expect(response.status).toBe(201);
    return response.body as Customer;
  };
  const search = async (q: string): Promise<string[]> => {
    const response = await as(t, waiter.session).get('/api/v1/customers').query({ q }).expect(200);
    return (response.body.items as Customer[]).map((customer) => customer.id);
  };

  it('stores the phone as E.164 and finds it written any common way, and by name or e-mail', async () => {
    const ada = await newCustomer({
      name: 'Ada Lovelace',
      phone: '+49 30 1234567',
      email: 'Ada@Example.com',
      allergens: ['peanuts', 'milk'],
      notes: 'prefers the window',
    });
    expect(ada).toMatchObject({
      name: 'Ada Lovelace',
      phone: '+49301234567',
      email: 'ada@example.com',
      allergens: ['milk', 'peanuts'],
      visits: 0,
      lastVisitAt: null,
    });
    await newCustomer({ name: 'Grace Hopper', phone: '040 7654321' });
    for (const q of ['+49 30 1234567', '030 1234567', '0049301234567', '(030) 123-4567', '1234567']) {
      expect(await search(q)).toEqual([ada.id]);
    }
    expect(await search('LOVEL')).toEqual([ada.id]);
    expect(await search('ada@example')).toEqual([ada.id]);
    expect(await search('100%')).toEqual([]);
    const fetched = await as(t, waiter.session).get(`/api/v1/customers/${ada.id}`).expect(200);
    expect(fetched.body).toMatchObject({ id: ada.id, notes: 'prefers the window' });
  });

  it('refuses a phone or e-mail that is not one, naming the field, and writes nothing', async () => {
    const before = await as(t, waiter.session).get('/api/v1/customers').expect(200);
    const badPhone = await as(t, waiter.session)
      .post('/api/v1/customers')
      .send({ name: 'Nobody', phone: '12' })
      .expect(422);
    expect(badPhone.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'phone' }] });
    const badEmail = await as(t, waiter.session)
      .post('/api/v1/customers')
      .send({ name: 'Nobody', email: 'not-an-address' })
      .expect(422);
    expect(badEmail.body.error.details[0].field).toBe('email');
    const badAllergen = await as(t, waiter.session)
      .post('/api/v1/customers')
      .send({ name: 'Nobody', allergens: ['cats'] })
      .expect(422);
    expect(badAllergen.body.error.details[0].field).toBe('allergens');
    const after = await as(t, waiter.session).get('/api/v1/customers').expect(200);
    expect(after.body.total).toBe(before.body.total);
    const someone = await newCustomer({ name: 'Someone' });
    await as(t, waiter.session)
      .patch(`/api/v1/customers/${someone.id}`)
      .send({ phone: 'call me' })
      .expect(422);
  });

  it('records each consent answer with its time and exports everything held about the person', async () => {
    const linus = await newCustomer({ name: 'Linus', marketingConsent: true });
    await as(t, waiter.session)
      .patch(`/api/v1/customers/${linus.id}`)
      .send({ marketingConsent: false })
      .expect(200);
    await as(t, waiter.session).get(`/api/v1/customers/${linus.id}/export`).expect(403);
    const exported = await as(t, manager.session).get(`/api/v1/customers/${linus.id}/export`).expect(200);
    expect(exported.body.customer).toMatchObject({ id: linus.id, name: 'Linus', marketingConsent: false });
    expect(exported.body.consents.map((c: { granted: boolean }) => c.granted)).toEqual([true, false]);
    expect(exported.body.consents[0].recordedAt).toEqual(expect.any(String));
    expect(exported.body).toMatchObject({ orders: [], loyalty: { points: 0, activities: [] } });
    const audit = await as(t, admin)
      .get('/api/v1/audit-log')
      .query({ entityType: 'customer', entityId: linus.id })
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'customer.created',
      'customer.exported',
      'customer.updated',
    ]);
    expect(JSON.stringify(audit.body)).not.toContain('Linus');
  });

  it('puts the customer’s allergens on the order, the kitchen’s tickets and the kitchen’s events', async () => {
    const r = await make.newRestaurant();
    const guest = await newCustomer({ name: 'Allergic Al', allergens: ['peanuts'] });
    const screen = await open({ token: kitchen.session.accessToken, stations: [r.grill.id] });
    const order = await newOrder(r);
    expect(order.customer).toBeNull();
    const attached = await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/customer`)
      .send({ customerId: guest.id })
      .expect(200);
    expect(attached.body.customer).toEqual({ id: guest.id, name: 'Allergic Al', allergens: ['peanuts'] });
    const tickets = await as(t, kitchen.session)
      .get('/api/v1/kitchen/tickets')
      .query({ stationId: r.grill.id })
      .expect(200);
    const ticket = tickets.body.items.find((o: { id: string }) => o.id === order.id);
    expect(ticket.customer.allergens).toEqual(['peanuts']);
    await screen.until((events) =>
      events.some((e) => e.type === 'order.updated' && e.data.id === order.id && e.data.customer !== null),
    );
    // A new allergy reaches the live order and the kitchen's screen at once.
    await as(t, waiter.session)
      .patch(`/api/v1/customers/${guest.id}`)
      .send({ allergens: ['peanuts', 'sesame'] })
      .expect(200);
    await screen.until((events) =>
      events.some(
        (e) =>
          e.type === 'order.updated' &&
          e.data.id === order.id &&
          (e.data.customer as { allergens: string[] }).allergens.includes('sesame'),
      ),
    );
    const reread = await as(t, waiter.session).get(`/api/v1/orders/${order.id}`).expect(200);
    expect(reread.body.customer.allergens).toEqual(['peanuts', 'sesame']);
    await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/customer`)
      .send({ customerId: '00000000-0000-4000-8000-000000000000' })
      .expect(422);
  });

  it('counts closed orders as visits, lists them, and erases the person while orders and reports stay', async () => {
    const r = await make.newRestaurant();
    const method = await as(t, admin)
      .post('/api/v1/payment-methods')
      .send({ name: 'Cash', kind: 'cash' })
      .expect(201);
    const eveBody = {
      name: 'Eve Erasable',
      phone: '0171 2345678',
      email: 'eve@example.com',
      marketingConsent: true,
    };
    const created = await as(t, waiter.session)
      .post('/api/v1/customers')
      .set('Idempotency-Key', 'eve-once')
      .send(eveBody)
      .expect(201);
    const eve = created.body as Customer;
    const order = await newOrder(r);
    await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/customer`)
      .send({ customerId: eve.id })
      .expect(200);
    await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: method.body.id, amount: order.total })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    const visited = await as(t, waiter.session).get(`/api/v1/customers/${eve.id}`).expect(200);
    expect(visited.body).toMatchObject({ visits: 1, lastVisitAt: expect.any(String) });
    const orders = await as(t, waiter.session).get(`/api/v1/customers/${eve.id}/orders`).expect(200);
    expect(orders.body.items.map((o: { id: string }) => o.id)).toEqual([order.id]);

    const follower = await issueKey(t, admin, { scopes: ['events:read', 'customers:read'] });
    const storedEvents = async () =>
      JSON.stringify(
        (await withKey(t, follower.key).get('/api/v1/events').query({ since: 0, limit: 1000 })).body,
      );
    expect(await storedEvents()).toContain('Eve Erasable');
    const salesBefore = await as(t, manager.session).get('/api/v1/reports/sales').expect(200);
    await as(t, manager.session).delete(`/api/v1/customers/${eve.id}`).expect(403);
    await as(t, admin).delete(`/api/v1/customers/${eve.id}`).expect(204);

    for (const q of ['Eve', '0171 2345678', 'eve@example.com']) expect(await search(q)).toEqual([]);
    const erased = await as(t, waiter.session).get(`/api/v1/customers/${eve.id}`).expect(200);
    expect(erased.body).toMatchObject({ name: null, phone: null, email: null, notes: null, allergens: [] });
    expect(erased.body.erasedAt).toEqual(expect.any(String));
    const kept = await as(t, waiter.session).get(`/api/v1/orders/${order.id}`).expect(200);
    expect(kept.body).toMatchObject({
      total: order.total,
      paid: order.total,
      customer: { id: eve.id, name: null },
    });
    const salesAfter = await as(t, manager.session).get('/api/v1/reports/sales').expect(200);
    expect(salesAfter.body).toEqual(salesBefore.body);
    const exported = await as(t, admin).get(`/api/v1/customers/${eve.id}/export`).expect(200);
    expect(JSON.stringify(exported.body)).not.toMatch(/Eve|eve@|2345678/);
    // The consent she gave is withdrawn on the record, as a PATCH would: the history ends with it.
    expect(exported.body.consents).toEqual([
      expect.objectContaining({ granted: true }),
      expect.objectContaining({ granted: false, recordedAt: erased.body.erasedAt }),
    ]);
    expect(exported.body.customer).toMatchObject({
      marketingConsent: false,
      marketingConsentAt: erased.body.erasedAt,
    });
    await as(t, admin).patch(`/api/v1/customers/${eve.id}`).send({ name: 'Back' }).expect(404);
    // Nor do the copies kept for replay bring the person back: stored events and idempotent replies.
    expect(await storedEvents()).not.toMatch(/Eve Erasable|eve@example|2345678/);
    const replayed = await as(t, waiter.session)
      .post('/api/v1/customers')
      .set('Idempotency-Key', 'eve-once')
      .send(eveBody)
      .expect(201);
    expect(replayed.body).toMatchObject({ id: eve.id, name: null, phone: null, email: null });
  });

  it('opens customers to keys with customers:read and customers:write only', async () => {
    const reader = await issueKey(t, admin, { scopes: ['customers:read'] });
    const ordersOnly = await issueKey(t, admin, { scopes: ['orders:read'] });
    await withKey(t, reader.key).get('/api/v1/customers').expect(200);
    await withKey(t, reader.key).post('/api/v1/customers').send({ name: 'Key' }).expect(403);
    await withKey(t, ordersOnly.key).get('/api/v1/customers').expect(403);
  });
});
