import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { as, loginAdmin, newStaff, newWaiter, Session } from './support/clients';
import { frontDoorAsRouted } from './support/front-door';
import { connect } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';
import { Role } from '../src/common/access/role';

describe('Floor: locations, tables, status, QR codes', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: 'https://menu.example.com' });
    admin = await loginAdmin(t);
  });

  afterAll(() => t.close());

  async function newLocation(name = 'Main hall', sortOrder = 0) {
    const response = await as(t, admin).post('/api/v1/locations').send({ name, sortOrder });
    expect(response.status).toBe(201);
    return response.body as { id: string; name: string; sortOrder: number };
  }

  async function newTable(locationId: string, name = 'T1', seats = 4) {
    const response = await as(t, admin).post('/api/v1/tables').send({ name, locationId, seats });
    expect(response.status).toBe(201);
    return response.body as { id: string; name: string; qrToken: string; status: string; locationId: string };
  }

  it('creates locations and lists them in floor-plan order', async () => {
    const terrace = await newLocation('Terrace', 2);
    const hall = await newLocation('Hall', 1);
    const list = await as(t, admin).get('/api/v1/locations?perPage=100').expect(200);
    const ids = list.body.items.map((l: { id: string }) => l.id);
    expect(ids.indexOf(hall.id)).toBeLessThan(ids.indexOf(terrace.id));
    expect(list.body).toMatchObject({ page: 1, perPage: 100 });

    const renamed = await as(t, admin).patch(`/api/v1/locations/${terrace.id}`).send({ name: 'Garden' });
    expect(renamed.body).toEqual({ id: terrace.id, name: 'Garden', sortOrder: 2, priceLevelId: null });
  });

  it('creates tables that start free with an unguessable QR token', async () => {
    const location = await newLocation();
    const a = await newTable(location.id, 'T1');
    const b = await newTable(location.id, 'T2', 2);
    expect(a).toEqual({
      id: expect.any(String),
      name: 'T1',
      locationId: location.id,
      seats: 4,
      status: 'free',
      qrToken: expect.any(String),
    });
    expect(Buffer.from(a.qrToken, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(a.qrToken).not.toBe(b.qrToken);
    const ofLocation = await as(t, admin).get(`/api/v1/locations/${location.id}/tables`).expect(200);
    expect(ofLocation.body.items.map((table: { name: string }) => table.name)).toEqual(['T1', 'T2']);
    const onePerPage = await as(t, admin)
      .get(`/api/v1/locations/${location.id}/tables?perPage=1`)
      .expect(200);
    expect(onePerPage.body).toMatchObject({ page: 1, perPage: 1, total: 2, pages: 2 });
    expect(onePerPage.body.items.map((table: { name: string }) => table.name)).toEqual(['T1']);
  });

  it('keeps table names unique per location, whatever their case, with 409 CONFLICT', async () => {
    const hall = await newLocation('Unique hall');
    const terrace = await newLocation('Unique terrace');
    const t1 = await newTable(hall.id, 'T1');
    for (const name of ['T1', 't1']) {
      const duplicate = await as(t, admin)
        .post('/api/v1/tables')
        .send({ name, locationId: hall.id, seats: 2 });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.code).toBe('CONFLICT');
    }
    await newTable(terrace.id, 'T1');
    const t2 = await newTable(hall.id, 'T2');
    const renamed = await as(t, admin).patch(`/api/v1/tables/${t2.id}`).send({ name: 't1' });
    expect(renamed.status).toBe(409);
    const moved = await as(t, admin).patch(`/api/v1/tables/${t1.id}`).send({ locationId: terrace.id });
    expect(moved.status).toBe(409);
    await as(t, admin).patch(`/api/v1/tables/${t1.id}`).send({ name: 't1' }).expect(200);
    const listed = await as(t, admin).get(`/api/v1/locations/${hall.id}/tables`).expect(200);
    expect(listed.body.items.map((table: { name: string }) => table.name).sort()).toEqual(['T2', 't1']);
    // A retired table's name is free again.
    await as(t, admin).delete(`/api/v1/tables/${t1.id}`).expect(204);
    await newTable(hall.id, 'T1');
  });

  it('shows the QR token only to managers and admins, who may print it', async () => {
    const location = await newLocation('Token hall');
    const table = await newTable(location.id, 'T1');
    const waiter = await newStaff(t, Role.Waiter);
    const kitchen = await newStaff(t, Role.Kitchen);
    const manager = await newStaff(t, Role.Manager);
    const floorEvents = await connect(t, { token: waiter.session.accessToken });
    try {
      for (const { session } of [waiter, kitchen]) {
        const one = await as(t, session).get(`/api/v1/tables/${table.id}`).expect(200);
        expect(one.body).not.toHaveProperty('qrToken');
        const list = await as(t, session).get(`/api/v1/tables?locationId=${location.id}`).expect(200);
        expect(list.body.items[0]).not.toHaveProperty('qrToken');
        const ofLocation = await as(t, session).get(`/api/v1/locations/${location.id}/tables`).expect(200);
        expect(ofLocation.body.items[0]).not.toHaveProperty('qrToken');
      }
      const changed = await as(t, waiter.session)
        .patch(`/api/v1/tables/${table.id}/status`)
        .send({ status: 'reserved' })
        .expect(200);
      expect(changed.body).not.toHaveProperty('qrToken');
      await floorEvents.until((events) => events.some((e) => e.type === 'table.status_changed'));
      expect(JSON.stringify(floorEvents.received)).not.toContain(table.qrToken);
      for (const session of [manager.session, admin]) {
        const one = await as(t, session).get(`/api/v1/tables/${table.id}`).expect(200);
        expect(one.body.qrToken).toBe(table.qrToken);
      }
    } finally {
      floorEvents.close();
    }
  });

  it('names a missing required field once: "locationId is required"', async () => {
    const response = await as(t, admin).post('/api/v1/tables').send({ name: 'T9', seats: 2 }).expect(422);
    expect(response.body.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'locationId is required',
      details: [{ field: 'locationId', message: 'is required' }],
    });
  });

  it('validates tables: unknown location, bad seats', async () => {
    const response = await as(t, admin)
      .post('/api/v1/tables')
      .send({ name: 'T9', locationId: 'nope', seats: 0 });
    expect(response.status).toBe(422);
    expect(response.body.error.details.map((d: { field: string }) => d.field)).toEqual(['seats']);
    const unknown = await as(t, admin)
      .post('/api/v1/tables')
      .send({ name: 'T9', locationId: 'nope', seats: 2 });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([{ field: 'locationId', message: 'no such location' }]);
  });

  it('lets waiters set a table’s status and records it, refusing unknown statuses', async () => {
    const location = await newLocation();
    const table = await newTable(location.id);
    const waiter = await newWaiter(t);
    const changed = await as(t, waiter.session)
      .patch(`/api/v1/tables/${table.id}/status`)
      .send({ status: 'reserved' });
    expect(changed.status).toBe(200);
    expect(changed.body.status).toBe('reserved');
    const filtered = await as(t, waiter.session).get(
      `/api/v1/tables?status=reserved&locationId=${location.id}`,
    );
    expect(filtered.body.items.map((x: { id: string }) => x.id)).toEqual([table.id]);

    const bad = await as(t, waiter.session)
      .patch(`/api/v1/tables/${table.id}/status`)
      .send({ status: 'dirty' });
    expect(bad.status).toBe(422);

    const events = await t.dataSource.query(
      `SELECT type, data FROM events WHERE type = 'table.status_changed'`,
    );
    const mine = events.filter((e: { data: string }) => JSON.parse(e.data).id === table.id);
    expect(mine).toHaveLength(1);
    expect(JSON.parse(mine[0].data)).toMatchObject({ id: table.id, status: 'reserved' });

    await as(t, waiter.session)
      .patch(`/api/v1/tables/${table.id}/status`)
      .send({ status: 'reserved' })
      .expect(200);
    const again = await t.dataSource.query(`SELECT seq FROM events WHERE type = 'table.status_changed'`);
    expect(again).toHaveLength(events.length);
  });

  it('keeps the floor layout to admins and status changes away from the kitchen', async () => {
    const location = await newLocation();
    const table = await newTable(location.id);
    const kitchen = await newStaff(t, Role.Kitchen);
    const manager = await newStaff(t, Role.Manager);
    await as(t, kitchen.session)
      .patch(`/api/v1/tables/${table.id}/status`)
      .send({ status: 'cleaning' })
      .expect(403);
    await as(t, manager.session)
      .post('/api/v1/tables')
      .send({ name: 'X', locationId: location.id, seats: 2 })
      .expect(403);
    await as(t, manager.session).post(`/api/v1/tables/${table.id}/qr/rotate`).expect(403);
    await as(t, kitchen.session).get(`/api/v1/tables/${table.id}`).expect(200);
  });

  it('serves a PNG QR code that decodes to PUBLIC_BASE_URL/t/<qrToken>, and an SVG', async () => {
    const location = await newLocation();
    const table = await newTable(location.id, 'Window 3');
    const png = await as(t, admin)
      .get(`/api/v1/tables/${table.id}/qr?format=png`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    const image = PNG.sync.read(png.body as Buffer);
    const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(decoded?.data).toBe(`https://menu.example.com/t/${table.qrToken}`);

    const svg = await as(t, admin).get(`/api/v1/tables/${table.id}/qr?format=svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(String(svg.body ?? svg.text)).toContain('<svg');

    await as(t, admin).get(`/api/v1/tables/${table.id}/qr?format=gif`).expect(422);
  });

  it('rotates the QR token: the old one stops working, the new one works', async () => {
    const location = await newLocation();
    const table = await newTable(location.id);
    await t.http().get(`/api/v1/public/tables/${table.qrToken}`).expect(200);
    const rotated = await as(t, admin).post(`/api/v1/tables/${table.id}/qr/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.qrToken).not.toBe(table.qrToken);
    await t.http().get(`/api/v1/public/tables/${table.qrToken}`).expect(404);
    await t.http().get(`/api/v1/public/tables/${rotated.body.qrToken}`).expect(200);
  });

  it('answers the QR page at the front door as the router does, and again once the table or the menu changes', async () => {
    const location = await newLocation('Front door room');
    const table = await newTable(location.id, 'F1');
    const page = `/api/v1/public/tables/${table.qrToken}`;
    const direct = await frontDoorAsRouted(t, page);
    expect(direct.body.table).toEqual({ id: table.id, name: 'F1' });
    await t.http().get(page).set('If-None-Match', direct.headers.etag).expect(304);

    await as(t, admin).patch(`/api/v1/tables/${table.id}`).send({ name: 'F2' }).expect(200);
    const renamed = await t.http().get(page).set('If-None-Match', direct.headers.etag).expect(200);
    expect(renamed.body.table.name).toBe('F2');
    const category = await as(t, admin)
      .post('/api/v1/categories')
      .send({ name: 'Front door soups' })
      .expect(201);
    await as(t, admin)
      .post('/api/v1/dishes')
      .send({ name: 'Front door soup', categoryId: category.body.id, price: 450 })
      .expect(201);
    const withSoup = await t.http().get(page).expect(200);
    expect(JSON.stringify(withSoup.body.menu)).toContain('Front door soup');

    const unknown = await t.http().get('/api/v1/public/tables/no-such-token').expect(404);
    expect(unknown.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('retires a table: hidden and its QR code dead; a location with tables cannot be deleted', async () => {
    const location = await newLocation();
    const table = await newTable(location.id);
    await as(t, admin).delete(`/api/v1/locations/${location.id}`).expect(409);
    await as(t, admin).delete(`/api/v1/tables/${table.id}`).expect(204);
    await as(t, admin).get(`/api/v1/tables/${table.id}`).expect(404);
    await t.http().get(`/api/v1/public/tables/${table.qrToken}`).expect(404);
    const empty = await newLocation('Empty');
    await as(t, admin).delete(`/api/v1/locations/${empty.id}`).expect(204);
    await as(t, admin).get(`/api/v1/locations/${empty.id}`).expect(404);
  });

  it('audits floor writes with before and after', async () => {
    const location = await newLocation('Audit room');
    const table = await newTable(location.id, 'A1');
    await as(t, admin).patch(`/api/v1/tables/${table.id}`).send({ seats: 6 }).expect(200);
    const rows = await t.dataSource.query(
      `SELECT action, actor_user_id, before, after FROM audit_log WHERE entity_id = '${table.id}' ORDER BY occurred_at`,
    );
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['table.created', 'table.updated']);
    expect(rows[1].actor_user_id).toBe(admin.user.id);
    expect(JSON.parse(rows[1].before).seats).toBe(4);
    expect(JSON.parse(rows[1].after).seats).toBe(6);
  });
});
