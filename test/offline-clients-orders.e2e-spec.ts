/**
 * Offline clients, the order routes a waiter tablet queues: each honours If-Match (a stale version answers 409
 * VERSION_CONFLICT with the current order) and the newly idempotent ones replay; the receipt's QR code for the
 * guest's phone; and billPrintedAt, set by printing the guest check, with order.updated. Client ids and devices are
 * in offline-clients.e2e-spec.ts.
 */
import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { openSockets } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

type Order = { id: string; version: number; total: number; items: Array<{ id: string }> } & Record<
  string,
  unknown
>;

describe('Offline clients: the order routes a tablet queues', () => {
  let t: TestApp;
  let admin: Session;
  let r: Restaurant;
  let manager: NewStaff;
  let waiter: NewStaff;
  let cashId: string;
  const open = openSockets(() => t);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    r = await factories(t, admin).newRestaurant();
    [manager, waiter] = await Promise.all([newStaff(t, Role.Manager), newStaff(t, Role.Waiter)]);
    const methods = await as(t, admin).get('/api/v1/payment-methods/active').expect(200);
    cashId = (methods.body.items as Array<{ id: string; kind: string }>).find((m) => m.kind === 'cash')!.id;
  });

  afterAll(() => t.close());

  const newOrder = async (body: object = {}): Promise<Order> =>
    (
      await as(t, manager.session)
        .post('/api/v1/orders')
        .send({
          type: 'dine_in',
          tableId: r.table.id,
          guests: 2,
          items: [
            { dishId: r.beer.id, quantity: 2 },
            { dishId: r.fries.id, quantity: 1, course: 2, hold: true },
          ],
          ...body,
        })
        .expect(201)
    ).body as Order;
  const get = async (id: string): Promise<Order> =>
    (await as(t, manager.session).get(`/api/v1/orders/${id}`).expect(200)).body as Order;

  it('answers 409 VERSION_CONFLICT with the current order on every order route given a stale If-Match', async () => {
    const order = await newOrder();
    const other = await newOrder();
    const otherTable = await factories(t, admin).newTable(`T-${randomUUID().slice(0, 6)}`);
    // One change, so that version 1 is stale.
    await as(t, manager.session)
      .patch(`/api/v1/orders/${order.id}`)
      .set('If-Match', '1')
      .send({ rush: true });
    const current = await get(order.id);
    expect(current.version).toBe(2);
    const item = order.items[0].id;
    const routes: Array<['post' | 'patch' | 'delete', string, object]> = [
      ['patch', '', { rush: false }],
      ['post', '/items', { items: [{ dishId: r.beer.id, quantity: 1 }] }],
      ['patch', `/items/${item}`, { quantity: 3 }],
      ['delete', `/items/${item}`, {}],
      ['post', '/fire', { course: 2 }],
      ['patch', '/status', { status: 'cancelled', reason: 'left' }],
      ['post', '/discount', { kind: 'percent', value: 10, reason: 'regular' }],
      ['post', '/split', { by: 'even', parts: 2 }],
      ['post', '/move', { tableId: otherTable.id }],
      ['post', '/items/move', { items: [{ itemId: item, quantity: 1 }], toOrderId: other.id }],
      ['post', '/merge', { fromOrderIds: [other.id] }],
      ['post', '/customer', { customerId: null }],
      ['post', '/rewards', { rewardId: randomUUID() }],
      ['post', '/payments', { methodId: cashId, amount: 100 }],
    ];
    for (const [method, suffix, body] of routes) {
      const reply = await as(t, manager.session)
        [method](`/api/v1/orders/${order.id}${suffix}`)
        .set('If-Match', '1')
        .set('Idempotency-Key', randomUUID())
        .send(body);
      const route = `${method.toUpperCase()} /orders/{id}${suffix.replace(item, '{itemId}')}`;
      expect([route, reply.status, reply.body.error?.code]).toEqual([route, 409, 'VERSION_CONFLICT']);
      expect(reply.body.error.details).toMatchObject({ id: order.id, version: 2, rush: true });
    }
    expect(await get(order.id)).toEqual(current);
    expect((await get(other.id)).version).toBe(other.version);
  });

  it('replays the newly idempotent changes of an order and a table once applied', async () => {
    const order = await newOrder();
    const item = order.items[0].id;
    const changes: Array<['post' | 'patch' | 'delete', string, object]> = [
      ['patch', `/api/v1/orders/${order.id}`, { rush: true }],
      ['patch', `/api/v1/orders/${order.id}/items/${item}`, { quantity: 3 }],
      ['post', `/api/v1/orders/${order.id}/discount`, { kind: 'amount', value: 50, reason: 'late' }],
      ['delete', `/api/v1/orders/${order.id}/items/${order.items[1].id}`, {}],
      ['patch', `/api/v1/orders/${order.id}/status`, { status: 'cancelled', reason: 'left' }],
      ['patch', `/api/v1/tables/${r.table.id}/status`, { status: 'cleaning' }],
    ];
    for (const [method, path, body] of changes) {
      const key = randomUUID();
      const send = () => as(t, manager.session)[method](path).set('Idempotency-Key', key).send(body);
      const first = await send();
      expect([path, first.status]).toEqual([path, 200]);
      const again = await send();
      expect([path, again.status, again.headers['idempotent-replayed']]).toEqual([path, 200, 'true']);
      expect(again.body).toEqual(first.body);
    }
    // Five changes, each applied once.
    expect((await get(order.id)).version).toBe(order.version + 5);
  });

  it('shows the QR code of a receipt’s digital copy as SVG or PNG to the floor', async () => {
    const order = (
      await as(t, waiter.session)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1 }] })
        .expect(201)
    ).body as Order;
    await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: cashId, amount: order.total })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    const receipts = await as(t, waiter.session).get('/api/v1/receipts').expect(200);
    const receipt = (receipts.body.items as Array<{ id: string; orderId: string; url: string }>).find(
      (candidate) => candidate.orderId === order.id,
    )!;
    const svg = await as(t, waiter.session).get(`/api/v1/receipts/${receipt.id}/qr`);
    expect([svg.status, svg.headers['content-type']]).toEqual([
      200,
      expect.stringMatching(/^image\/svg\+xml/),
    ]);
    expect(String(svg.text ?? svg.body)).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const png = await as(t, waiter.session)
      .get(`/api/v1/receipts/${receipt.id}/qr?format=png`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect([png.status, png.headers['content-type']]).toEqual([200, 'image/png']);
    expect((png.body as Buffer).subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    const kitchen = await newStaff(t, Role.Kitchen);
    await as(t, kitchen.session).get(`/api/v1/receipts/${receipt.id}/qr`).expect(403);
    await as(t, waiter.session).get(`/api/v1/receipts/${randomUUID()}/qr`).expect(404);
    await as(t, waiter.session).get(`/api/v1/receipts/${receipt.id}/qr?format=gif`).expect(422);
  });

  it('sets billPrintedAt each time the guest check prints, with order.updated in the same change', async () => {
    await as(t, admin)
      .post('/api/v1/printers')
      .send({ name: 'Counter', kind: 'receipt', widthChars: 32, connection: { type: 'agent' } })
      .expect(201);
    const order = await newOrder();
    expect(order.billPrintedAt).toBeNull();
    const floor = await open({ token: waiter.session.accessToken });
    const printed = await as(t, waiter.session).post(`/api/v1/orders/${order.id}/print-bill`).send({});
    expect(printed.status).toBe(201);
    const once = await get(order.id);
    expect(once.billPrintedAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/));
    expect(once.version).toBe(order.version + 1);
    await floor.until((events) =>
      events.some(
        (event) =>
          event.type === 'order.updated' &&
          event.data.id === order.id &&
          event.data.billPrintedAt === once.billPrintedAt,
      ),
    );
    t.clock.advance(60_000);
    await as(t, waiter.session).post(`/api/v1/orders/${order.id}/print-bill`).send({}).expect(201);
    const twice = await get(order.id);
    expect(Date.parse(twice.billPrintedAt as string)).toBeGreaterThan(
      Date.parse(once.billPrintedAt as string),
    );
    // No printer, no job: the order is left as it was.
    const unknown = await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/print-bill`)
      .send({ printerId: randomUUID() });
    expect(unknown.status).toBe(422);
    expect(await get(order.id)).toEqual(twice);
  });
});
