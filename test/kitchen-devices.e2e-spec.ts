import request from 'supertest';
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, postFrom, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { connect } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

type Json = Record<string, unknown>;

const CODE = /^[2-9A-HJ-NP-Z]{8}$/;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('Kitchen devices and their screens’ set-up', () => {
  let t: TestApp;
  let admin: Session;
  let manager: NewStaff;
  let waiter: NewStaff;
  let kitchen: NewStaff;
  let r: Restaurant;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    manager = await newStaff(t, Role.Manager);
    waiter = await newStaff(t, Role.Waiter);
    kitchen = await newStaff(t, Role.Kitchen);
    r = await factories(t, admin).newRestaurant();
  });

  afterAll(() => t.close());

  const managerCall = () => as(t, manager.session);
  const newDevice = async (body: Json) => {
    const response = await managerCall().post('/api/v1/kitchen/devices').send(body);
    expect(response.status).toBe(201);
    return response.body as { device: Json & { id: string }; pairingCode: string };
  };
  const pair = (code: unknown) => t.http().post('/api/v1/kitchen/devices/pair').send({ code });
  const setup = (token?: string) => {
    const call = t.http().get('/api/v1/kitchen/device');
    return token === undefined ? call : call.set('X-Kitchen-Device', token);
  };
  const expectError = (response: request.Response, status: number, code: string) => {
    expect([response.status, response.body.error?.code]).toEqual([status, code]);
  };

  it('pairs a screen once with its code; the token then reads the set-up, and nothing else does', async () => {
    const created = await newDevice({ name: 'Grill screen', stationIds: [r.grill.id], expo: false });
    expect(created.pairingCode).toMatch(CODE);
    expect(created.device).toEqual({
      id: expect.any(String),
      name: 'Grill screen',
      stationIds: [r.grill.id],
      expo: false,
      textSize: 'normal',
      pairedAt: null,
      lastSeenAt: null,
      createdAt: expect.any(String),
    });
    const listed = (await managerCall().get('/api/v1/kitchen/devices').expect(200)).body.items as Json[];
    expect(listed.find((device) => device.id === created.device.id)).toEqual(created.device);

    // As a person types it off the manager's screen: small letters and a dash are the same code.
    const typed = `${created.pairingCode.slice(0, 4)}-${created.pairingCode.slice(4)}`.toLowerCase();
    const paired = await pair(typed);
    expect(paired.status).toBe(200);
    expect(paired.body.deviceToken).toMatch(/^kd_[\w-]{43}$/);
    expect(paired.body.device).toMatchObject({ id: created.device.id, pairedAt: expect.any(String) });
    expectError(await pair(created.pairingCode), 422, 'PAIRING_CODE_INVALID');

    const screen = await setup(paired.body.deviceToken);
    expect(screen.status).toBe(200);
    expect(screen.body).toEqual({
      ...paired.body.device,
      stations: [
        { id: r.grill.id, name: r.grill.name, warnAfterMinutes: 5, lateAfterMinutes: 8, hqKey: null },
      ],
    });
    for (const refused of [
      await setup(),
      await setup('kd_not-a-token'),
      await t
        .http()
        .get('/api/v1/kitchen/device')
        .set('Authorization', `Bearer ${kitchen.session.accessToken}`),
    ]) {
      expectError(refused, 401, 'UNAUTHORIZED');
    }

    // The audit names what changed, and never holds the code or the token.
    const audit = await as(t, admin)
      .get('/api/v1/audit-log')
      .query({ entityType: 'kitchen_device', entityId: created.device.id })
      .expect(200);
    expect((audit.body.items as Json[]).map((entry) => [entry.action, entry.actor]).sort()).toEqual([
      ['kitchen_device.created', `staff:${manager.id}`],
      ['kitchen_device.paired', 'system'],
    ]);
    const written = JSON.stringify(audit.body);
    expect(written).not.toContain(created.pairingCode);
    expect(written).not.toContain(paired.body.deviceToken);
  });

  it('refuses a code past its 15 minutes, and a code that cannot be one, alike', async () => {
    const { pairingCode } = await newDevice({ name: 'Bar screen', stationIds: [r.bar.id], expo: false });
    t.clock.advance(15 * 60_000 + 1000);
    try {
      expectError(await pair(pairingCode), 422, 'PAIRING_CODE_INVALID');
    } finally {
      t.clock.advance(-(15 * 60_000 + 1000));
    }
    expectError(await pair('10OI10OI'), 422, 'PAIRING_CODE_INVALID');
    expectError(await pair(12345678), 422, 'VALIDATION_ERROR');
    expectError(await t.http().post('/api/v1/kitchen/devices/pair').send({}), 422, 'VALIDATION_ERROR');
  });

  it('kills the old token with a new pairing code, and every token with a revoke', async () => {
    const { device, pairingCode } = await newDevice({
      name: 'Cold side',
      stationIds: [r.grill.id],
      expo: false,
    });
    const first = (await pair(pairingCode).expect(200)).body.deviceToken as string;
    await setup(first).expect(200);

    const reissued = await managerCall().post(`/api/v1/kitchen/devices/${device.id}/pairing-code`).send({});
    expect(reissued.status).toBe(201);
    expect(reissued.body.pairingCode).toMatch(CODE);
    expect(reissued.body.device).toMatchObject({ id: device.id, pairedAt: null });
    expectError(await setup(first), 401, 'UNAUTHORIZED');

    const second = (await pair(reissued.body.pairingCode).expect(200)).body.deviceToken as string;
    await setup(second).expect(200);
    expectError(await setup(first), 401, 'UNAUTHORIZED');

    await managerCall().delete(`/api/v1/kitchen/devices/${device.id}`).expect(204);
    expectError(await setup(second), 401, 'UNAUTHORIZED');
    const listed = (await managerCall().get('/api/v1/kitchen/devices').expect(200)).body.items as Json[];
    expect(listed.map((one) => one.id)).not.toContain(device.id);
    expectError(await managerCall().delete(`/api/v1/kitchen/devices/${device.id}`), 404, 'NOT_FOUND');
    expectError(
      await managerCall().post(`/api/v1/kitchen/devices/${device.id}/pairing-code`).send({}),
      404,
      'NOT_FOUND',
    );
    const actions = await as(t, admin)
      .get('/api/v1/audit-log')
      .query({ entityType: 'kitchen_device', entityId: device.id })
      .expect(200);
    expect((actions.body.items as Json[]).map((entry) => entry.action).sort()).toEqual([
      'kitchen_device.created',
      'kitchen_device.deleted',
      'kitchen_device.paired',
      'kitchen_device.paired',
      'kitchen_device.pairing_code_issued',
    ]);
  });

  it('gives a cook signed in on a screen its stations alone, and ends their session and socket when it is revoked', async () => {
    const { device, pairingCode } = await newDevice({
      name: 'Grill only',
      stationIds: [r.grill.id],
      expo: false,
    });
    const token = (await pair(pairingCode).expect(200)).body.deviceToken as string;
    const pinOn = (deviceToken: string) =>
      t
        .http()
        .post('/api/v1/auth/pin')
        .set('X-Kitchen-Device', deviceToken)
        .send({ userId: kitchen.id, pin: kitchen.pin });
    expectError(await pinOn('kd_not-a-token'), 401, 'UNAUTHORIZED');
    const cook = (await pinOn(token).expect(200)).body as { accessToken: string; refreshToken: string };

    // It asks for the bar, and hears the grill: the screen's stations, not the handshake's.
    const screen = await connect(t, { token: cook.accessToken, stations: [r.bar.id] });
    const beerOnly = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1 }] })
      .expect(201);
    const both = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({
        type: 'takeaway',
        items: [
          { dishId: r.beer.id, quantity: 1 },
          { dishId: r.fries.id, quantity: 1 },
        ],
      })
      .expect(201);
    const bothCreated = (e: { type: string; data: Json }) =>
      e.type === 'order.created' && e.data.id === both.body.id;
    expect(await screen.receivedBefore(bothCreated)).toEqual([]);
    const heard = screen.received.find(bothCreated)!;
    expect((heard.data.items as Array<{ stationId: string }>).map((item) => item.stationId)).toEqual([
      r.grill.id,
    ]);
    expect(screen.received.some((e) => e.data.id === beerOnly.body.id)).toBe(false);

    // Its stations changed after pairing (the bar gets no screen of its own): its set-up and next socket have both.
    // On this screen rather than a new one, as pairing is limited to ten an address in ten minutes.
    await managerCall()
      .patch(`/api/v1/kitchen/devices/${device.id}`)
      .send({ stationIds: [r.grill.id, r.bar.id] })
      .expect(200);
    const shown = (await setup(token).expect(200)).body as { stations: Array<{ id: string }> };
    expect(shown.stations.map((station) => station.id).sort()).toEqual([r.grill.id, r.bar.id].sort());
    const widened = await connect(t, { token: cook.accessToken, stations: [r.grill.id] });
    const beer = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1 }] })
      .expect(201);
    await widened.until((events) =>
      events.some((e) => e.type === 'order.created' && e.data.id === beer.body.id),
    );
    widened.close();

    await managerCall().delete(`/api/v1/kitchen/devices/${device.id}`).expect(204);
    const reason = await Promise.race([
      screen.disconnected(),
      new Promise<string>((resolve) => setTimeout(() => resolve('still connected after a second'), 1000)),
    ]);
    expect(reason).toBe('io server disconnect');
    const me = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${cook.accessToken}`);
    expectError(me, 401, 'UNAUTHORIZED');
    const refresh = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: cook.refreshToken });
    expectError(refresh, 401, 'UNAUTHORIZED');
    await as(t, kitchen.session).get('/api/v1/auth/me').expect(200); // signed in elsewhere: goes on
  });

  it('gives the expo every station, and checks a device’s stations on every write', async () => {
    const expo = await newDevice({ name: 'Pass', stationIds: [r.grill.id], expo: true });
    expect(expo.device).toMatchObject({ expo: true, stationIds: [] });
    const token = (await pair(expo.pairingCode).expect(200)).body.deviceToken as string;
    const stations = (await setup(token).expect(200)).body.stations as Json[];
    expect(stations.map((station) => station.id)).toEqual(expect.arrayContaining([r.grill.id, r.bar.id]));

    const invalid = async (body: Json, field: string) => {
      const response = await managerCall().post('/api/v1/kitchen/devices').send(body);
      expectError(response, 422, 'VALIDATION_ERROR');
      expect(response.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    };
    await invalid({ name: 'No stations', expo: false }, 'stationIds');
    await invalid({ name: 'Empty', stationIds: [], expo: false }, 'stationIds');
    await invalid({ name: 'Unknown', stationIds: [r.grill.id, UNKNOWN_ID], expo: false }, 'stationIds[1]');
    await invalid({ name: 'Not ids', stationIds: ['grill'], expo: false }, 'stationIds');
    await invalid({ stationIds: [r.grill.id], expo: false }, 'name');
    await invalid({ name: 'No expo', stationIds: [r.grill.id] }, 'expo');

    const device = (
      await managerCall().patch(`/api/v1/kitchen/devices/${expo.device.id}`).send({ expo: false })
    ).body;
    expect(device.error.code).toBe('VALIDATION_ERROR');
    const moved = await managerCall()
      .patch(`/api/v1/kitchen/devices/${expo.device.id}`)
      .send({ expo: false, stationIds: [r.bar.id], name: 'Bar' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ name: 'Bar', expo: false, stationIds: [r.bar.id] });
    expect((await setup(token).expect(200)).body.stations).toEqual([
      { id: r.bar.id, name: r.bar.name, warnAfterMinutes: 5, lateAfterMinutes: 8, hqKey: null },
    ]);
    expectError(
      await managerCall().patch(`/api/v1/kitchen/devices/${UNKNOWN_ID}`).send({ name: 'x' }),
      404,
      'NOT_FOUND',
    );
    for (const role of [waiter, kitchen]) {
      expectError(await as(t, role.session).get('/api/v1/kitchen/devices'), 403, 'FORBIDDEN');
      expectError(
        await as(t, role.session).post('/api/v1/kitchen/devices').send({ name: 'x', expo: true }),
        403,
        'FORBIDDEN',
      );
    }
    await as(t, admin).post('/api/v1/kitchen/devices').send({ name: 'By the admin', expo: true }).expect(201);
  });

  it('keeps the text size a manager sets per screen, shows it to the screen, and refuses one it does not know', async () => {
    const tv = await newDevice({ name: 'Pass TV', expo: true, textSize: 'large' });
    expect(tv.device.textSize).toBe('large');
    const token = (await pair(tv.pairingCode).expect(200)).body.deviceToken as string;
    const changed = await managerCall()
      .patch(`/api/v1/kitchen/devices/${tv.device.id}`)
      .send({ textSize: 'xl' });
    expect([changed.status, changed.body.textSize, changed.body.name]).toEqual([200, 'xl', 'Pass TV']);
    expect((await setup(token).expect(200)).body.textSize).toBe('xl');

    for (const textSize of ['huge', 3, null]) {
      const refused = await managerCall().patch(`/api/v1/kitchen/devices/${tv.device.id}`).send({ textSize });
      expectError(refused, 422, 'VALIDATION_ERROR');
      expect(refused.body.error.details.map((d: { field: string }) => d.field)).toEqual(['textSize']);
    }
    expect((await setup(token).expect(200)).body.textSize).toBe('xl');
  });

  it('notes when a screen was last seen, at most once a minute', async () => {
    const { pairingCode } = await newDevice({ name: 'Fryer', stationIds: [r.grill.id], expo: false });
    const paired = (await pair(pairingCode).expect(200)).body;
    expect(paired.device.lastSeenAt).toBe(paired.device.pairedAt);
    expect((await setup(paired.deviceToken).expect(200)).body.lastSeenAt).toBe(paired.device.lastSeenAt);
    t.clock.advance(61_000);
    try {
      const later = (await setup(paired.deviceToken).expect(200)).body.lastSeenAt as string;
      expect(Date.parse(later) - Date.parse(paired.device.lastSeenAt)).toBeGreaterThanOrEqual(61_000);
      const listed = (await managerCall().get('/api/v1/kitchen/devices').expect(200)).body.items as Json[];
      expect(listed.find((device) => device.id === paired.device.id)!.lastSeenAt).toBe(later);
    } finally {
      t.clock.advance(-61_000);
    }
  });

  it('limits pairing attempts per address', async () => {
    const attempts = [];
    for (let i = 0; i < 11; i++) {
      attempts.push(await postFrom(t, '127.0.0.23', '/api/v1/kitchen/devices/pair', { code: 'ZZZZZZZZ' }));
    }
    expect(attempts.slice(0, 10).map((reply) => reply.status)).toEqual(Array(10).fill(422));
    expect(attempts[10].status).toBe(429);
    expect(attempts[10].body.error.code).toBe('RATE_LIMITED');
    expect(Number(attempts[10].headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back by this one's guesses.
    expect(
      (await postFrom(t, '127.0.0.24', '/api/v1/kitchen/devices/pair', { code: 'ZZZZZZZZ' })).status,
    ).toBe(422);
  });
});
