import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, postFrom } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { Envelope, openSockets } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

describe('QR ordering', () => {
  describe('when QR_ORDERING is off (the default)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp();
    });

    afterAll(() => t.close());

    it('answers 404 and creates nothing', async () => {
      const r = await factories(t, await loginAdmin(t)).newRestaurant();
      const response = await t
        .http()
        .post(`/api/v1/public/tables/${r.table.qrToken}/orders`)
        .send({ items: [{ dishId: r.beer.id, quantity: 1 }] });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
      const admin = await loginAdmin(t);
      expect((await as(t, admin).get('/api/v1/orders')).body.total).toBe(0);
    });
  });

  describe('when QR_ORDERING=true', () => {
    let t: TestApp;
    let r: Restaurant;
    let waiter: NewStaff;
    let kitchen: NewStaff;
    const open = openSockets(() => t);

    beforeAll(async () => {
      t = await startTestApp({ QR_ORDERING: 'true' });
      r = await factories(t, await loginAdmin(t)).newRestaurant();
      waiter = await newStaff(t, Role.Waiter);
      kitchen = await newStaff(t, Role.Kitchen);
    });

    afterAll(() => t.close());

    const guestOrder = () =>
      t
        .http()
        .post(`/api/v1/public/tables/${r.table.qrToken}/orders`)
        .send({
          guests: 2,
          notes: 'birthday',
          items: [
            { dishId: r.fries.id, quantity: 2 },
            { dishId: r.beer.id, quantity: 1 },
          ],
        });

    it('creates a pending order that only the floor sees until a waiter accepts it; then the kitchen gets it', async () => {
      const floor = await open({ token: waiter.session.accessToken });
      const screen = await open({ token: kitchen.session.accessToken });
      const guest = await open({ qrToken: r.table.qrToken });

      const created = await guestOrder();
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        source: 'qr',
        status: 'pending',
        type: 'dine_in',
        tableId: r.table.id,
        waiterId: null,
        guests: 2,
      });
      expect(created.body.items.every((item: { firedAt: string | null }) => item.firedAt === null)).toBe(
        true,
      );
      await floor.until((events) => events.some((e) => e.type === 'order.created'));
      const tickets = await as(t, kitchen.session).get('/api/v1/kitchen/tickets');
      expect(tickets.body.map((o: { id: string }) => o.id)).not.toContain(created.body.id);
      expect((await as(t, waiter.session).get(`/api/v1/tables/${r.table.id}`)).body.status).toBe('free');

      const accepted = await as(t, waiter.session)
        .patch(`/api/v1/orders/${created.body.id}/status`)
        .send({ status: 'open' });
      expect(accepted.status).toBe(200);
      expect(accepted.body.status).toBe('open');
      expect(accepted.body.items.every((item: { firedAt: string | null }) => item.firedAt !== null)).toBe(
        true,
      );
      // The kitchen's first news of the order is its acceptance: the pending order's creation never reached it.
      const acceptance = (e: Envelope) => e.type === 'order.status_changed' && e.data.id === created.body.id;
      expect(await screen.receivedBefore(acceptance)).toEqual([]);
      await guest.until((events) => events.some((e) => e.type === 'order.status_changed'));
      expect(guest.received.map((e) => [e.type, e.data.status, e.data.previousStatus])).toEqual([
        ['order.status_changed', 'open', 'pending'],
      ]);
      expect(
        (await as(t, kitchen.session).get('/api/v1/kitchen/tickets')).body.map((o: { id: string }) => o.id),
      ).toContain(created.body.id);
      expect((await as(t, waiter.session).get(`/api/v1/tables/${r.table.id}`)).body.status).toBe('occupied');
    });

    it('lets a waiter reject a QR order with a reason, which the guest sees', async () => {
      const guest = await open({ qrToken: r.table.qrToken });
      const created = (await guestOrder().expect(201)).body;
      const noReason = await as(t, waiter.session)
        .patch(`/api/v1/orders/${created.id}/status`)
        .send({ status: 'cancelled' });
      expect(noReason.status).toBe(422);
      const rejected = await as(t, waiter.session)
        .patch(`/api/v1/orders/${created.id}/status`)
        .send({ status: 'cancelled', reason: 'kitchen closing' });
      expect(rejected.body).toMatchObject({ status: 'cancelled', cancelReason: 'kitchen closing' });
      await guest.until((events) =>
        events.some((e) => e.type === 'order.status_changed' && e.data.id === created.id),
      );
      expect(guest.received.find((e) => e.data.id === created.id)!.data).toMatchObject({
        status: 'cancelled',
        previousStatus: 'pending',
      });
      await as(t, kitchen.session)
        .patch(`/api/v1/orders/${created.id}/status`)
        .send({ status: 'open' })
        .expect(403);
    });

    it('does not let the kitchen start a pending order', async () => {
      const created = (await guestOrder().expect(201)).body;
      const response = await as(t, kitchen.session)
        .patch(`/api/v1/orders/${created.id}/items/${created.items[0].id}/status`)
        .send({ status: 'in_progress' });
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('INVALID_TRANSITION');
    });

    it('validates guest orders and refuses unknown tokens', async () => {
      const bad = await t
        .http()
        .post(`/api/v1/public/tables/${r.table.qrToken}/orders`)
        .send({ items: [{ dishId: r.beer.id, quantity: 0 }], type: 'delivery' });
      expect(bad.status).toBe(422);
      await t
        .http()
        .post('/api/v1/public/tables/unknown/orders')
        .send({ items: [{ dishId: r.beer.id, quantity: 1 }] })
        .expect(404);
    });

    it('rate-limits guest orders per device', async () => {
      const path = `/api/v1/public/tables/${r.table.qrToken}/orders`;
      const body = { items: [{ dishId: r.beer.id, quantity: 1 }] };
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await postFrom(t, '127.0.0.40', path, body)).status);
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    });
  });
});
