/**
 * Who may call what (issue 67): every operation of the served OpenAPI document, tried by every kind of caller, on a
 * site and on headquarters, answers as its `x-access` says: anything but 401, 403 or a 5xx to those it lets in
 * (a made-up id's 404 or an empty body's 422 are the handler's: the guards let the caller by), 401, 403 or 404 to
 * every other, never a 2xx or a 5xx.
 *
 * The callers: nobody; each staff role; a cook signed in on a paired kitchen screen and the screen's own device
 * token; an API key of each scope alone and one of every scope; a site's credential (a real one at headquarters, a
 * made-up one at a site). And the dead ones: a signed-out and an expired admin, a deactivated and an expired key
 * of every scope, an unpaired screen's token and its cook's session, a revoked site credential. Each dead one holds
 * the most its kind may hold: one refused everywhere shows that the check of its kind holds on every route.
 *
 * On a site, the living callers and a forged token are refused with the one status each must get: 401
 * UNAUTHORIZED without credentials of the route's kind, 403 to a role or a key the route does not allow, 404 for
 * headquarters' routes (`refusedOnSite`).
 *
 * Requests are cheap (an empty body, made-up ids) and sent a few at a time; a key of one scope alone tries only the
 * operations keys may call.
 */
import { Role } from '../src/common/access/role';
import { ALL_SCOPES } from '../src/common/access/scope';
import {
  bearer,
  call,
  Caller,
  expiredToken,
  inParallel,
  mayCall,
  refusedOnSite,
  sweptOperations,
  SweptOperation,
  wrongAnswer,
} from './support/access-sweep';
import { as, issueKey, loginAdmin, newStaff, Session } from './support/clients';
import { SITE_IDENTITY } from './support/chain-sites';
import { startTestApp, TestApp } from './support/test-app';

/** Requests in flight at once: enough to keep the service busy, few enough for a shared 2-core machine. */
const WIDTH = 6;
/** About 3,000 requests per service: 45 to 115 s on a busy 2-core machine (PostgreSQL the slower). */
const SWEEP_TIMEOUT_MS = 360_000;

/** The service's rate limits and address blocks are not what is swept: every caller comes from 127.0.0.1. */
const SWEEP_ENV = { AUTO_BLOCK_EXEMPT: '127.0.0.1' };

/** Staff of every role, API keys of each scope and of all, the dead admin and the dead key: both services have them. */
async function peopleAndKeys(t: TestApp, admin: Session): Promise<Caller[]> {
  const callers: Caller[] = [{ name: 'nobody', headers: {}, refusedOnSite: refusedOnSite.nobody }];
  callers.push({
    name: 'admin',
    headers: bearer(admin),
    role: Role.Admin,
    refusedOnSite: refusedOnSite.staff(Role.Admin),
  });
  for (const role of [Role.Manager, Role.Waiter, Role.Kitchen]) {
    const session = (await newStaff(t, role)).session;
    callers.push({ name: role, headers: bearer(session), role, refusedOnSite: refusedOnSite.staff(role) });
  }
  const keyOf = async (scopes: readonly string[], extra: Record<string, unknown> = {}) =>
    (await issueKey(t, admin, { name: 'Sweep', scopes, rateLimitPerMinute: null, ...extra })).key;
  for (const scope of ALL_SCOPES) {
    callers.push({
      name: `key ${scope}`,
      headers: { 'X-API-Key': await keyOf([scope]) },
      scopes: [scope],
      onlyWhereKeysMay: true,
      refusedOnSite: refusedOnSite.key([scope]),
    });
  }
  callers.push({
    name: 'key of every scope',
    headers: { 'X-API-Key': await keyOf(ALL_SCOPES) },
    scopes: ALL_SCOPES,
    refusedOnSite: refusedOnSite.key(ALL_SCOPES),
  });

  const signedOut = await loginAdmin(t);
  await as(t, signedOut)
    .post('/api/v1/auth/logout')
    .send({ refreshToken: signedOut.refreshToken })
    .expect(204);
  callers.push({ name: 'signed-out admin', headers: bearer(signedOut) });
  callers.push({ name: 'expired admin', headers: { Authorization: `Bearer ${expiredToken(t, admin)}` } });
  const deactivated = await issueKey(t, admin, { name: 'deactivated', scopes: ALL_SCOPES });
  await as(t, admin).patch(`/api/v1/api-keys/${deactivated.id}`).send({ active: false }).expect(200);
  callers.push({ name: 'deactivated key', headers: { 'X-API-Key': deactivated.key } });
  // Its expiry a minute ahead, then the service's clock two minutes on.
  const expiring = await keyOf(ALL_SCOPES, {
    expiresAt: new Date(t.clock.now().getTime() + 60_000).toISOString(),
  });
  callers.push({ name: 'expired key', headers: { 'X-API-Key': expiring } });
  t.clock.advance(120_000);
  return callers;
}

/** A paired kitchen screen and the cook signed in on it; an unpaired one and its cook, dead. */
async function kitchenScreens(t: TestApp, admin: Session): Promise<Caller[]> {
  const station = (await as(t, admin).post('/api/v1/stations').send({ name: 'Sweep grill' }).expect(201))
    .body;
  const cook = await newStaff(t, Role.Kitchen);
  const screen = async (name: string) => {
    const created = await as(t, admin)
      .post('/api/v1/kitchen/devices')
      .send({ name, stationIds: [station.id], expo: false })
      .expect(201);
    const paired = await t
      .http()
      .post('/api/v1/kitchen/devices/pair')
      .send({ code: created.body.pairingCode });
    const deviceToken = paired.body.deviceToken as string;
    const signedIn = await t
      .http()
      .post('/api/v1/auth/pin')
      .set('X-Kitchen-Device', deviceToken)
      .send({ userId: cook.id, pin: cook.pin })
      .expect(200);
    return { id: created.body.device.id as string, deviceToken, cook: signedIn.body as Session };
  };
  const live = await screen('Sweep screen');
  const unpaired = await screen('Sweep screen, unpaired');
  await as(t, admin).delete(`/api/v1/kitchen/devices/${unpaired.id}`).expect(204);
  return [
    { name: 'kitchen screen', headers: { 'X-Kitchen-Device': live.deviceToken }, kitchenDevice: true },
    { name: 'cook on a kitchen screen', headers: bearer(live.cook), role: Role.Kitchen },
    { name: 'unpaired kitchen screen', headers: { 'X-Kitchen-Device': unpaired.deviceToken } },
    { name: 'cook on an unpaired screen', headers: bearer(unpaired.cook) },
  ];
}

/** Every operation by every caller: the answers that break the declaration, as `caller: METHOD /path → status`. */
async function sweep(
  t: TestApp,
  service: 'hq' | 'site',
  operations: SweptOperation[],
  callers: Caller[],
): Promise<string[]> {
  const wrong: string[] = [];
  await inParallel(operations, WIDTH, async (operation) => {
    for (const caller of callers) {
      if (caller.onlyWhereKeysMay && operation.access.scopes === null) continue;
      const answer = await call(t, operation, caller);
      const refusal = service === 'site' ? caller.refusedOnSite?.(operation.access) : undefined;
      const problem = wrongAnswer(operation, mayCall(operation.access, caller, service), answer, refusal);
      if (problem) wrong.push(`${caller.name}: ${operation.key} → ${problem}`);
    }
  });
  return wrong.sort();
}

describe('Who may call what, on a site (POS_ROLE=site)', () => {
  let t: TestApp;
  let operations: SweptOperation[];
  let callers: Caller[];

  beforeAll(async () => {
    t = await startTestApp(SWEEP_ENV);
    const admin = await loginAdmin(t);
    operations = await sweptOperations(t);
    callers = [
      ...(await peopleAndKeys(t, admin)),
      ...(await kitchenScreens(t, admin)),
      { name: 'made-up site credential', headers: { 'X-Site-Credential': 'site_made-up' } },
      {
        name: 'forged token',
        headers: { Authorization: 'Bearer x.y.z' },
        refusedOnSite: refusedOnSite.nobody,
      },
    ];
  });

  afterAll(() => t?.close());

  it('finds every kind of operation to try', () => {
    const kinds = (test: (o: SweptOperation) => boolean) => operations.filter(test).length;
    expect(kinds((o) => o.access.anyone)).toBeGreaterThan(5);
    expect(kinds((o) => o.access.kitchenDevice)).toBeGreaterThan(0);
    expect(kinds((o) => o.access.siteCredential)).toBeGreaterThan(0);
    expect(kinds((o) => o.access.scopes !== null)).toBeGreaterThan(10);
    expect(kinds((o) => o.access.service === 'hq')).toBeGreaterThan(5);
    expect(kinds((o) => o.access.service === 'site')).toBeGreaterThan(0);
    const keys = (test: (o: SweptOperation) => boolean) => operations.filter(test).map((o) => o.key);
    expect(keys(() => true)).toEqual(
      expect.arrayContaining(['GET /api/v1/users', 'POST /api/v1/auth/login', 'GET /health']),
    );
    expect(keys((o) => o.access.service === 'hq')).toEqual(
      expect.arrayContaining(['POST /api/v1/hq/sites', 'POST /api/v1/hq/link', 'GET /api/v1/hq/site']),
    );
    expect(keys((o) => o.access.kitchenDevice || o.access.siteCredential).sort()).toEqual([
      'GET /api/v1/hq/site',
      'GET /api/v1/hq/site/catalog',
      'GET /api/v1/hq/site/staff',
      'GET /api/v1/kitchen/device',
      'POST /api/v1/hq/sales-facts',
      'POST /api/v1/hq/site/catalog-report',
      'PUT /api/v1/hq/site/staff-problems',
    ]);
  });

  it(
    'answers every caller as each operation’s x-access says',
    async () => {
      expect(await sweep(t, 'site', operations, callers)).toEqual([]);
    },
    SWEEP_TIMEOUT_MS,
  );
});

describe('Who may call what, at headquarters (POS_ROLE=hq)', () => {
  let t: TestApp;
  let operations: SweptOperation[];
  let callers: Caller[];

  beforeAll(async () => {
    t = await startTestApp({ ...SWEEP_ENV, POS_ROLE: 'hq' });
    const admin = await loginAdmin(t);
    operations = await sweptOperations(t);
    const credentialOf = async (name: string) => {
      const added = await as(t, admin)
        .post('/api/v1/hq/sites')
        .send({ ...SITE_IDENTITY, name })
        .expect(201);
      const linked = await t.http().post('/api/v1/hq/link').send({ code: added.body.linkCode }).expect(200);
      return { siteId: added.body.site.id as string, credential: linked.body.credential as string };
    };
    const site = await credentialOf('Sweep site');
    const revoked = await credentialOf('Sweep site, revoked');
    await as(t, admin).delete(`/api/v1/hq/sites/${revoked.siteId}/credential`).expect(204);
    callers = [
      ...(await peopleAndKeys(t, admin)),
      { name: 'site credential', headers: { 'X-Site-Credential': site.credential }, siteCredential: true },
      { name: 'revoked site credential', headers: { 'X-Site-Credential': revoked.credential } },
    ];
  });

  afterAll(() => t?.close());

  it(
    'answers every caller as each operation’s x-access says',
    async () => {
      expect(await sweep(t, 'hq', operations, callers)).toEqual([]);
    },
    SWEEP_TIMEOUT_MS,
  );
});
