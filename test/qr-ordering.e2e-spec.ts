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

    it('keeps the page a read-only menu and the order read closed', async () => {
      const admin = await loginAdmin(t);
      const r = await factories(t, admin).newRestaurant();
      const page = await t.http().get(`/t/${r.table.qrToken}`).expect(200);
      expect(page.text).toContain(r.beer.name);
      expect(page.text).not.toContain('data-add-dish');
      expect(page.text).not.toContain('id="cart"');
      expect(page.text).not.toContain('Idempotency-Key');
      const order = await as(t, admin)
        .post('/api/v1/orders')
        .send({ type: 'dine_in', tableId: r.table.id, items: [{ dishId: r.beer.id, quantity: 1 }] })
        .expect(201);
      const read = await t.http().get(`/api/v1/public/tables/${r.table.qrToken}/orders/${order.body.id}`);
      expect(read.status).toBe(404);
      expect(read.body.error.code).toBe('NOT_FOUND');
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
      expect(tickets.body.items.map((o: { id: string }) => o.id)).not.toContain(created.body.id);
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
      // The guest's copy is what the public order read shows, not the staff's side of the order.
      const [news] = guest.received;
      expect(Object.keys(news.data).sort()).toEqual([
        'cancelReason',
        'id',
        'items',
        'number',
        'previousStatus',
        'status',
        'total',
        'version',
      ]);
      const [firstItem] = news.data.items as Array<Record<string, unknown>>;
      expect(Object.keys(firstItem).sort()).toEqual([
        'listPrice',
        'modifiers',
        'name',
        'quantity',
        'status',
        'total',
        'unitPrice',
        'variationName',
      ]);
      expect(
        (await as(t, kitchen.session).get('/api/v1/kitchen/tickets')).body.items.map(
          (o: { id: string }) => o.id,
        ),
      ).toContain(created.body.id);
      expect((await as(t, waiter.session).get(`/api/v1/tables/${r.table.id}`)).body.status).toBe('occupied');
    });

    it('never shows the guest the staff’s side of their order: discount reasons, stations, who voided what', async () => {
      const guest = await open({ qrToken: r.table.qrToken });
      // From a device of its own: the guest-order rate limit of the other cases' device stays theirs.
      const sent = await postFrom(t, '127.0.0.41', `/api/v1/public/tables/${r.table.qrToken}/orders`, {
        items: [
          { dishId: r.fries.id, quantity: 2 },
          { dishId: r.beer.id, quantity: 1 },
        ],
      });
      expect(sent.status).toBe(201);
      const created = sent.body;
      await as(t, waiter.session)
        .patch(`/api/v1/orders/${created.id}/status`)
        .send({ status: 'open' })
        .expect(200);
      const manager = await newStaff(t, Role.Manager);
      await as(t, manager.session)
        .post(`/api/v1/orders/${created.id}/discount`)
        .send({ kind: 'percent', value: 10, reason: 'owner’s friend' })
        .expect(200);
      const [fries, beer] = created.items as Array<{ id: string }>;
      await as(t, manager.session)
        .delete(`/api/v1/orders/${created.id}/items/${beer.id}`)
        .send({ reason: 'spilled by staff' })
        .expect(200);
      const started = await as(t, kitchen.session)
        .patch(`/api/v1/orders/${created.id}/items/${fries.id}/status`)
        .send({ status: 'in_progress' })
        .expect(200);
      expect(JSON.stringify(started.body)).toContain('owner’s friend');
      await guest.until((events) =>
        events.some((e) => e.type === 'order.status_changed' && e.data.status === 'in_progress'),
      );
      const seen = JSON.stringify(guest.received);
      for (const secret of ['owner’s friend', 'spilled by staff', manager.id, r.grill.id]) {
        expect(seen).not.toContain(secret);
      }
      const news = guest.received.find((e) => e.data.status === 'in_progress')!;
      expect(news.data).toMatchObject({ id: created.id, total: started.body.total, previousStatus: 'open' });
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

    it('gives the page a cart: an Add button per dish and the cart sheets, under the same strict CSP', async () => {
      const page = await t.http().get(`/t/${r.table.qrToken}`).expect(200);
      expect(page.text).toContain(`data-add-dish="${r.burger.id}"`);
      expect(page.text).toContain(`aria-label="Add ${r.burger.name}"`);
      expect(page.text).toContain('id="cart"');
      const nonce = /'nonce-([^']+)'/.exec(page.headers['content-security-policy'])?.[1];
      const tags = page.text.match(/<(script|style)\b[^>]*>/g) ?? [];
      expect(tags).toHaveLength(2);
      for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
      expect(page.text).not.toMatch(/\son[a-z]+=/);
      const part = await t.http().get(`/t/${r.table.qrToken}?part=menu`).expect(200);
      expect(part.text).toContain(`data-add-dish="${r.burger.id}"`);
    });

    describe('GET /public/tables/:qrToken/orders/:orderId', () => {
      const guestOrderAt = (table: { qrToken: string }) =>
        t
          .http()
          .post(`/api/v1/public/tables/${table.qrToken}/orders`)
          .send({ notes: 'birthday', items: [{ dishId: r.fries.id, quantity: 2, comment: 'crispy' }] })
          .expect(201);

      it('answers a guest their order by the table’s QR code, with only what a guest may see', async () => {
        const make = factories(t, await loginAdmin(t));
        const table = await make.newTable('Garden 1');
        const created = (await guestOrderAt(table)).body;
        const read = await t.http().get(`/api/v1/public/tables/${table.qrToken}/orders/${created.id}`);
        expect(read.status).toBe(200);
        expect(read.body).toEqual({
          id: created.id,
          number: created.number,
          status: 'pending',
          cancelReason: null,
          items: [
            {
              name: r.fries.name,
              variationName: 'Regular',
              quantity: 2,
              listPrice: 450,
              unitPrice: 450,
              modifiers: [],
              total: 900,
              status: 'new',
            },
          ],
          total: 900,
          version: 1,
        });
      });

      it('answers 404 to another table’s code, to a later party at the same table, and to unknown ids', async () => {
        const make = factories(t, await loginAdmin(t));
        const [mine, other] = [await make.newTable('Garden 2'), await make.newTable('Garden 3')];
        const created = (await guestOrderAt(mine)).body;
        const read = (token: string, id: string) =>
          t.http().get(`/api/v1/public/tables/${token}/orders/${encodeURIComponent(id)}`);
        expect((await read(mine.qrToken, created.id)).status).toBe(200);
        const elsewhere = await read(other.qrToken, created.id);
        expect(elsewhere.status).toBe(404);
        expect(elsewhere.body.error.code).toBe('NOT_FOUND');
        expect((await read('not-a-token', created.id)).status).toBe(404);
        expect((await read(mine.qrToken, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
        expect((await read(mine.qrToken, "' OR 1=1 --")).status).toBe(404);
        const staffOrder = await as(t, waiter.session)
          .post('/api/v1/orders')
          .send({ type: 'dine_in', tableId: other.id, items: [{ dishId: r.beer.id, quantity: 1 }] })
          .expect(201);
        expect((await read(mine.qrToken, staffOrder.body.id)).status).toBe(404);
        expect((await read(other.qrToken, staffOrder.body.id)).status).toBe(200);

        // The party leaves and the table is made free: the next party's phones cannot read their order.
        for (const status of ['cleaning', 'free']) {
          await as(t, waiter.session).patch(`/api/v1/tables/${mine.id}/status`).send({ status }).expect(200);
        }
        expect((await read(mine.qrToken, created.id)).status).toBe(404);
      });

      it('follows the order the guest’s socket follows: acceptance and the kitchen’s progress, in order', async () => {
        const make = factories(t, await loginAdmin(t));
        const table = await make.newTable('Garden 4');
        const guest = await open({ qrToken: table.qrToken });
        const created = (
          await t
            .http()
            .post(`/api/v1/public/tables/${table.qrToken}/orders`)
            .send({
              items: [
                { dishId: r.fries.id, quantity: 1 },
                { dishId: r.beer.id, quantity: 1 },
              ],
            })
            .expect(201)
        ).body;
        const itemStatus = (itemId: string, status: string, who: NewStaff) =>
          as(t, who.session)
            .patch(`/api/v1/orders/${created.id}/items/${itemId}/status`)
            .send({ status })
            .expect(200);
        await as(t, waiter.session)
          .patch(`/api/v1/orders/${created.id}/status`)
          .send({ status: 'open' })
          .expect(200);
        await itemStatus(created.items[0].id, 'in_progress', kitchen);
        await itemStatus(created.items[0].id, 'ready', kitchen);
        await itemStatus(created.items[1].id, 'ready', kitchen);
        await itemStatus(created.items[0].id, 'served', waiter);
        await itemStatus(created.items[1].id, 'served', waiter);

        const served = (e: Envelope) => e.type === 'order.status_changed' && e.data.status === 'served';
        const before = await guest.receivedBefore(served);
        expect(
          [...before, guest.received.find(served)!].map((e) => [
            e.type,
            e.data.status,
            e.data.previousStatus,
          ]),
        ).toEqual([
          ['order.status_changed', 'open', 'pending'],
          ['order.status_changed', 'in_progress', 'open'],
          ['order.status_changed', 'ready', 'in_progress'],
          ['order.status_changed', 'served', 'ready'],
        ]);
        const read = await t.http().get(`/api/v1/public/tables/${table.qrToken}/orders/${created.id}`);
        expect(read.body).toMatchObject({ status: 'served', number: created.number });
        expect(read.body.items.map((item: { status: string }) => item.status)).toEqual(['served', 'served']);
      });
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
