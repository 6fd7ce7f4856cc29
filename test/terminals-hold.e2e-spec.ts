import { Role } from '../src/common/access/role';
import { as, newStaff } from './support/clients';
import { terminalsFixture } from './support/terminals-fixture';
import { startTestApp, TestApp } from './support/test-app';

/** What a running attempt holds (money) and what it lets through (the kitchen, personal data), on the simulator. */
describe('Card terminals: what an attempt holds', () => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof terminalsFixture>>;
  let till: { id: string };

  beforeAll(async () => {
    t = await startTestApp({ TERMINAL_POLL_MS: '100' });
    f = await terminalsFixture(() => t);
    till = await f.newTerminal({ name: 'Till', provider: 'simulator', providerDeviceId: 'sim-1' });
  });

  afterAll(() => t.close());

  it('refuses an attempt while no card method is active, and keeps the last card method on while one runs', async () => {
    const methods = (await as(t, f.admin).get('/api/v1/payment-methods').expect(200)).body.items as Array<{
      id: string;
      kind: string;
      active: boolean;
    }>;
    const cards = methods.filter((method) => method.kind === 'card' && method.active);
    expect(cards.length).toBeGreaterThan(0);
    const order = await f.newOrder();
    const running = await f.sent(order.id, { terminalId: till.id, amount: 1003 });
    for (const card of cards.slice(1)) {
      await as(t, f.admin).patch(`/api/v1/payment-methods/${card.id}`).send({ active: false }).expect(200);
    }
    const last = cards[0];
    for (const refused of [
      await as(t, f.admin).patch(`/api/v1/payment-methods/${last.id}`).send({ active: false }),
      await as(t, f.admin).patch(`/api/v1/payment-methods/${last.id}`).send({ kind: 'other' }),
      await as(t, f.admin).delete(`/api/v1/payment-methods/${last.id}`),
    ]) {
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('TERMINAL_PAYMENT_RUNNING');
      expect(refused.body.error.message).toContain(running);
    }
    // The approval is booked under the card method that stayed on.
    t.clock.advance(5000);
    expect(await f.ended(running)).toMatchObject({ status: 'succeeded' });
    expect(await f.order(order.id)).toMatchObject({ paid: 1003 });

    await as(t, f.admin).patch(`/api/v1/payment-methods/${last.id}`).send({ active: false }).expect(200);
    const refused = await f.start(order.id, { terminalId: till.id, amount: 1000 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/active payment method of kind card/);
    const attempts = await t.dataSource.query<Array<{ n: number | string }>>(
      `SELECT COUNT(*) AS n FROM terminal_payments WHERE order_id = '${order.id}'`,
    );
    expect(Number(attempts[0].n)).toBe(1);
    for (const card of cards) {
      await as(t, f.admin).patch(`/api/v1/payment-methods/${card.id}`).send({ active: true }).expect(200);
    }
  });

  it('lets a guest be erased, their allergies change and the kitchen bump while their order is at a terminal', async () => {
    const kitchen = await newStaff(t, Role.Kitchen);
    const order = await f.newOrder(4);
    const guest = (
      await as(t, f.waiter.session)
        .post('/api/v1/customers')
        .send({ name: 'Terry Terminal', allergens: ['gluten'] })
        .expect(201)
    ).body as { id: string };
    await as(t, f.waiter.session)
      .post(`/api/v1/orders/${order.id}/customer`)
      .send({ customerId: guest.id })
      .expect(200);
    const item = ((await f.order(order.id)).items as Array<{ id: string }>)[0];
    const running = await f.sent(order.id, { terminalId: till.id, amount: 1003 });

    await as(t, kitchen.session)
      .patch(`/api/v1/orders/${order.id}/items/${item.id}/status`)
      .send({ status: 'in_progress' })
      .expect(200);
    await as(t, f.waiter.session)
      .patch(`/api/v1/customers/${guest.id}`)
      .send({ allergens: ['gluten', 'peanuts'] })
      .expect(200);
    expect((await f.order(order.id)).customer).toMatchObject({ allergens: ['gluten', 'peanuts'] });
    await as(t, f.admin).delete(`/api/v1/customers/${guest.id}`).expect(204);
    expect(await f.order(order.id)).toMatchObject({
      customer: { id: guest.id, name: null, allergens: [] },
      items: [expect.objectContaining({ id: item.id, status: 'in_progress' })],
    });
    // Money waits: a new line is refused until the attempt ends.
    expect((await f.addFries(order.id)).body.error.code).toBe('TERMINAL_PAYMENT_RUNNING');
    t.clock.advance(5000);
    expect(await f.ended(running)).toMatchObject({ status: 'succeeded' });
    expect(await f.order(order.id)).toMatchObject({ paid: 1003 });
  });

  it('refuses a null for any field of PATCH /terminals/:id with 422, changing nothing', async () => {
    const terminal = await f.newTerminal({ name: 'Nulls', provider: 'simulator', providerDeviceId: 'sim-n' });
    for (const field of ['name', 'provider', 'providerDeviceId', 'tipOnTerminal', 'active']) {
      const refused = await as(t, f.admin)
        .patch(`/api/v1/terminals/${terminal.id}`)
        .send({ [field]: null });
      expect(refused.status).toBe(422);
      const fields = (refused.body.error.details as Array<{ field: string }>).map((detail) => detail.field);
      expect(new Set(fields)).toEqual(new Set([field]));
    }
    const listed = (await as(t, f.admin).get('/api/v1/terminals?perPage=100').expect(200)).body as {
      items: Array<{ id: string }>;
    };
    expect(listed.items.find((one) => one.id === terminal.id)).toMatchObject({
      name: 'Nulls',
      provider: 'simulator',
      providerDeviceId: 'sim-n',
      tipOnTerminal: false,
      active: true,
    });
  });
});
