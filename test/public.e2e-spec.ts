import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, postFrom, Session } from './support/clients';
import { factories } from './support/factories';
import { Envelope, openSockets } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

describe('Customers: the QR menu page and the public table endpoints', () => {
  let t: TestApp;
  let admin: Session;
  let make: ReturnType<typeof factories>;
  const open = openSockets(() => t);

  beforeAll(async () => {
    t = await startTestApp({ CURRENCY: 'EUR', RESTAURANT_NAME: 'Trattoria <Bella>' });
    admin = await loginAdmin(t);
    make = factories(t, admin);
  });

  afterAll(() => t.close());

  async function restaurantWithMenu() {
    const table = await make.newTable(`T-${Math.random().toString(36).slice(2, 6)}`);
    const category = await make.newCategory(`Pizza ${table.name}`);
    const station = await make.newStation(`Oven ${table.name}`);
    const wheat = await make.newIngredient(`Flour ${table.name}`, ['gluten']);
    const cheese = await make.newIngredient(`Mozzarella ${table.name}`, ['milk']);
    const margherita = await make.newDish({
      name: `Margherita ${table.name}`,
      description: 'Tomato & basil',
      categoryId: category.id,
      stationId: station.id,
      variations: [
        { name: 'Small', price: 850 },
        { name: 'Large', price: 1250 },
      ],
      ingredientIds: [wheat.id, cheese.id],
    });
    const hostile = await make.newDish({
      name: '<script>alert(1)</script>',
      description: '"><img src=x onerror=alert(2)>',
      categoryId: category.id,
      stationId: station.id,
      price: 500,
    });
    return { table, category, station, margherita, hostile };
  }

  /** Sells a dish out, an event every socket receives, staff and guests alike; answers its recogniser. */
  async function soldOut(dishId: string): Promise<(event: Envelope) => boolean> {
    await as(t, admin).patch(`/api/v1/dishes/${dishId}/availability`).send({ available: false }).expect(200);
    return (event) => event.type === 'menu.availability_changed' && event.data.dishId === dishId;
  }

  describe('GET /api/v1/public/tables/:qrToken', () => {
    it('answers the table and the menu to anyone holding the QR token', async () => {
      const { table, margherita } = await restaurantWithMenu();
      const response = await t.http().get(`/api/v1/public/tables/${table.qrToken}`);
      expect(response.status).toBe(200);
      expect(response.body.table).toEqual({ id: table.id, name: table.name });
      const dishes = response.body.menu.categories.flatMap(
        (c: { dishes: Array<{ id: string }> }) => c.dishes,
      );
      expect(dishes.map((d: { id: string }) => d.id)).toContain(margherita.id);
    });

    it('answers 404 NOT_FOUND to an unknown token', async () => {
      const response = await t.http().get('/api/v1/public/tables/not-a-real-token');
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    });
  });

  describe('the page /t/:qrToken', () => {
    it('renders the table, the menu by category, prices in the currency and allergen badges', async () => {
      const { table, margherita } = await restaurantWithMenu();
      const response = await t.http().get(`/t/${table.qrToken}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.text).toContain(`<p id="table-name">${table.name}</p>`);
      expect(response.text).toContain('Trattoria &lt;Bella&gt;');
      expect(response.text).toContain(margherita.name);
      expect(response.text).toContain('€8.50');
      expect(response.text).toContain('€12.50');
      expect(response.text).toContain('Cereals containing gluten');
      expect(response.text).toContain('>Milk<');
      expect(response.text).toContain('Tomato &amp; basil');
    });

    it('escapes every name and description: a dish named <script> is text, not code', async () => {
      const { table } = await restaurantWithMenu();
      const response = await t.http().get(`/t/${table.qrToken}`);
      expect(response.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(response.text).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
      expect(response.text).not.toContain('<script>alert(1)</script>');
      expect(response.text).not.toContain('<img src=x');
    });

    it('sends a strict Content-Security-Policy whose nonce is on every script and style', async () => {
      const { table } = await restaurantWithMenu();
      const response = await t.http().get(`/t/${table.qrToken}`);
      const csp = response.headers['content-security-policy'];
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      const tags = response.text.match(/<(script|style)\b[^>]*>/g) ?? [];
      expect(tags.length).toBeGreaterThanOrEqual(2);
      for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
      const again = await t.http().get(`/t/${table.qrToken}`);
      expect(again.headers['content-security-policy']).not.toBe(csp);
    });

    it('leaves out what cannot be ordered', async () => {
      const { table, margherita } = await restaurantWithMenu();
      await as(t, admin)
        .patch(`/api/v1/dishes/${margherita.id}/availability`)
        .send({ available: false })
        .expect(200);
      const response = await t.http().get(`/t/${table.qrToken}`);
      expect(response.text).not.toContain(margherita.name);
    });

    it('answers an unknown token with a friendly 404 page', async () => {
      const response = await t.http().get('/t/definitely-unknown');
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.text).toContain('This table code is not valid');
    });
  });

  describe('call waiter', () => {
    it('raises waiter.called to waiters and managers, not to the kitchen', async () => {
      const { table, margherita } = await restaurantWithMenu();
      const waiter = await newStaff(t, Role.Waiter);
      const kitchen = await newStaff(t, Role.Kitchen);
      const waiterSocket = await open({ token: waiter.session.accessToken });
      const kitchenSocket = await open({ token: kitchen.session.accessToken });

      const response = await t.http().post(`/api/v1/public/tables/${table.qrToken}/call-waiter`);
      expect(response.status).toBe(202);
      expect(response.body).toEqual({ called: true, tableName: table.name });
      await waiterSocket.until((events) => events.some((e) => e.type === 'waiter.called'));
      expect(waiterSocket.received.find((e) => e.type === 'waiter.called')?.data).toEqual({
        tableId: table.id,
        tableName: table.name,
      });
      expect(await kitchenSocket.receivedBefore(await soldOut(margherita.id))).toEqual([]);
    });

    it('limits calls per guest device and per table, with RateLimit headers and Retry-After', async () => {
      const { table } = await restaurantWithMenu();
      const path = `/api/v1/public/tables/${table.qrToken}/call-waiter`;
      const first = await postFrom(t, '127.0.0.21', path, {});
      expect(first.status).toBe(202);
      expect(first.headers['ratelimit-limit']).toBe('3');
      expect(first.headers['ratelimit-remaining']).toBe('2');
      await postFrom(t, '127.0.0.21', path, {});
      await postFrom(t, '127.0.0.21', path, {});
      const limited = await postFrom(t, '127.0.0.21', path, {});
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

      const statuses: number[] = [];
      for (let device = 22; device < 32; device++)
        statuses.push((await postFrom(t, `127.0.0.${device}`, path, {})).status);
      expect(statuses.filter((status) => status === 202)).toHaveLength(7);
      expect(statuses.slice(7)).toEqual([429, 429, 429]);

      t.clock.advance(121_000);
      try {
        expect((await postFrom(t, '127.0.0.21', path, {})).status).toBe(202);
      } finally {
        t.clock.advance(-121_000);
      }
    });

    it('answers 404 for an unknown token', async () => {
      await t.http().post('/api/v1/public/tables/nope/call-waiter').expect(404);
    });
  });

  describe('a guest follows only their own party', () => {
    async function partyAt(table: { id: string }, dishId: string) {
      const order = await as(t, admin)
        .post('/api/v1/orders')
        .send({ type: 'dine_in', tableId: table.id, items: [{ dishId, quantity: 1 }] })
        .expect(201);
      return order.body as { id: string; total: number; items: Array<{ id: string }> };
    }
    const startCooking = (order: { id: string; items: Array<{ id: string }> }) =>
      as(t, admin)
        .patch(`/api/v1/orders/${order.id}/items/${order.items[0].id}/status`)
        .send({ status: 'in_progress' })
        .expect(200);
    const orderEvents = (events: Array<{ type: string; data: Record<string, unknown> }>, orderId: string) =>
      events.filter((e) => e.type.startsWith('order.') && e.data.id === orderId);

    it('disconnects a guest socket at once when its table’s QR code is rotated, and refuses the old token', async () => {
      const { table, hostile } = await restaurantWithMenu();
      const guest = await open({ qrToken: table.qrToken });
      const bystander = await open({ qrToken: (await make.newTable(`Other ${table.name}`)).qrToken });
      const rotated = await as(t, admin).post(`/api/v1/tables/${table.id}/qr/rotate`).expect(200);
      expect(await guest.disconnected()).toBe('io server disconnect');
      await expect(open({ qrToken: table.qrToken })).rejects.toThrow('UNAUTHORIZED');
      const next = await open({ qrToken: rotated.body.qrToken as string });
      await startCooking(await partyAt(table, hostile.id));
      await next.until((events) => events.some((e) => e.type === 'order.status_changed'));
      expect(bystander.socket.connected).toBe(true);
      expect(guest.received.filter((e) => e.type.startsWith('order.'))).toEqual([]);
    });

    it('replays and streams to a guest only the orders of the seating they joined', async () => {
      const { table, hostile, margherita } = await restaurantWithMenu();
      const methods = (await as(t, admin).get('/api/v1/payment-methods/active').expect(200)).body
        .items as Array<{
        id: string;
        kind: string;
      }>;
      const cash = methods.find((m) => m.kind === 'cash')!;

      // The first party orders, pays and leaves; the table is rotated and set free for the next.
      const earlier = await partyAt(table, hostile.id);
      await startCooking(earlier);
      const earlierGuest = await open({ qrToken: table.qrToken });
      await as(t, admin)
        .post(`/api/v1/orders/${earlier.id}/payments`)
        .send({ methodId: cash.id, amount: earlier.total })
        .expect(201);
      await as(t, admin)
        .patch(`/api/v1/orders/${earlier.id}/items/${earlier.items[0].id}/status`)
        .send({ status: 'ready' })
        .expect(200);
      await earlierGuest.until((events) => orderEvents(events, earlier.id).length > 0);
      const rotated = await as(t, admin).post(`/api/v1/tables/${table.id}/qr/rotate`).expect(200);
      const qrToken = rotated.body.qrToken as string;
      await as(t, admin).patch(`/api/v1/orders/${earlier.id}/status`).send({ status: 'closed' }).expect(200);
      await as(t, admin).patch(`/api/v1/tables/${table.id}/status`).send({ status: 'free' }).expect(200);

      // The next party: a guest who scans now and asks for everything since seq 0.
      const later = await partyAt(table, hostile.id);
      const laterGuest = await open({ qrToken, since: 0 });
      const sameSeating = await open({ qrToken });
      await startCooking(later);
      await laterGuest.until((events) => orderEvents(events, later.id).length > 0);
      await sameSeating.until((events) => orderEvents(events, later.id).length > 0);
      expect(orderEvents(laterGuest.received, earlier.id)).toEqual([]);
      expect(orderEvents(laterGuest.received, later.id).map((e) => e.data.status)).toEqual(['in_progress']);

      // The next table turn: a guest of this party sees nothing of the one after it.
      await as(t, admin)
        .patch(`/api/v1/orders/${later.id}/status`)
        .send({ status: 'cancelled', reason: 'left' })
        .expect(200);
      await sameSeating.until((events) => orderEvents(events, later.id).length === 2);
      await as(t, admin).patch(`/api/v1/tables/${table.id}/status`).send({ status: 'free' }).expect(200);
      const third = await partyAt(table, hostile.id);
      await startCooking(third);
      await as(t, admin)
        .patch(`/api/v1/dishes/${margherita.id}/availability`)
        .send({ available: false })
        .expect(200);
      await sameSeating.until((events) => events.some((e) => e.type === 'menu.availability_changed'));
      expect(orderEvents(sameSeating.received, third.id)).toEqual([]);
    });
  });

  describe('live menu for customers', () => {
    it('tells a customer socket when a dish is 86’d, and nothing meant for staff', async () => {
      const { table, margherita } = await restaurantWithMenu();
      const customer = await open({ qrToken: table.qrToken });
      const manager = await newStaff(t, Role.Manager);
      await as(t, manager.session)
        .patch(`/api/v1/tables/${table.id}/status`)
        .send({ status: 'occupied' })
        .expect(200);
      await t.http().post(`/api/v1/public/tables/${table.qrToken}/call-waiter`).expect(202);
      const margheritaSoldOut = await soldOut(margherita.id);
      expect(await customer.receivedBefore(margheritaSoldOut)).toEqual([]);
      expect(customer.received.find(margheritaSoldOut)!.data).toEqual({
        dishId: margherita.id,
        available: false,
      });
    });
  });
});
