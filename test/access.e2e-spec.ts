import { ALL_ROLES, Role } from '../src/common/access/role';
import { ALL_SCOPES, Scope } from '../src/common/access/scope';
import { inParallel } from './support/access-sweep';
import { as, issueKey, loginAdmin, newStaff, Session, withKey } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The refusal each kind of caller gets, to the status: 401 UNAUTHORIZED without credentials or with a forged token,
 * 403 to a role or an API key the route does not allow, 404 for headquarters' routes on a site. Whether anyone gets
 * in where they may not, on every operation and for every kind of caller on both services, is the access sweep's
 * (test/access-sweep.e2e-spec.ts, which also shows public routes serve nobody); it accepts any of 401, 403 and 404
 * as a refusal, so the status each one must be is checked here. Requests go a few at a time, as the sweep's do.
 */
interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  isPublic: boolean;
  /** A machine's route (a paired kitchen screen's, a linked site's): its credential, never a person's or a key's. */
  forDevice: boolean;
  /** The role of the service (POS_ROLE) the route is for, when only one: the other answers it 404. */
  serviceRole: string | undefined;
  roles: Role[] | undefined;
  scopes: Scope[] | undefined;
}

const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

/** Requests in flight at once, as the access sweep sends them. */
const WIDTH = 6;

/** Headquarters' own routes: the app under test runs as a site (POS_ROLE's default). */
const headquarters = (operation: Operation) => operation.serviceRole === 'hq';

const named = (operation: Operation) => `${operation.method.toUpperCase()} ${operation.path}`;

/** Every route the OpenAPI spec describes, with its access rule. */
async function operationsOf(t: TestApp): Promise<Operation[]> {
  const spec = (await t.http().get('/docs-json').expect(200)).body;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      operations.push({
        method: method as Operation['method'],
        path: path.replace(/\{[^}]+\}/g, PLACEHOLDER_ID),
        isPublic: operation['x-public'] === true,
        forDevice: operation['x-kitchen-device'] === true || operation['x-site-credential'] === true,
        serviceRole: operation['x-service-role'] as string | undefined,
        roles: operation['x-roles'] as Role[] | undefined,
        scopes: operation['x-scopes'] as Scope[] | undefined,
      });
    }
  }
  return operations;
}

/** The answers of `answer` on every operation, a few at a time, that are not what it expects: `METHOD /path → why`. */
async function unexpected(
  operations: Operation[],
  answer: (operation: Operation) => Promise<string | null>,
): Promise<string[]> {
  const wrong: string[] = [];
  await inParallel(operations, WIDTH, async (operation) => {
    const problem = await answer(operation);
    if (problem) wrong.push(`${named(operation)} → ${problem}`);
  });
  return wrong.sort();
}

describe('Access control on every route of the OpenAPI spec: the status of each refusal', () => {
  let t: TestApp;
  let operations: Operation[];
  let admin: Session;

  beforeAll(async () => {
    t = await startTestApp();
    operations = await operationsOf(t);
    admin = await loginAdmin(t);
  });

  afterAll(() => t.close());

  it('finds the routes it must check', () => {
    expect(operations.map(named)).toEqual(
      expect.arrayContaining(['GET /api/v1/users', 'POST /api/v1/auth/login', 'GET /health']),
    );
    expect(operations.filter((o) => !o.isPublic).length).toBeGreaterThan(5);
  });

  it('refuses every non-public route without credentials, or with a bad token, with 401', async () => {
    const closed = operations.filter((o) => !o.isPublic && !headquarters(o));
    expect(closed.length).toBeGreaterThan(5);
    const wrong = await unexpected(closed, async (operation) => {
      const anonymous = await t.http()[operation.method](operation.path).send({});
      const forged = await t
        .http()
        [operation.method](operation.path)
        .set('Authorization', 'Bearer x.y.z')
        .send({});
      const refused =
        anonymous.status === 401 && anonymous.body.error?.code === 'UNAUTHORIZED' && forged.status === 401;
      return refused ? null : `${anonymous.status}/${forged.status} without credentials`;
    });
    expect(wrong).toEqual([]);
  });

  it('answers 404 to headquarters’ own routes (POS_ROLE=hq) on a site, after refusing who may not call them', async () => {
    const hqOnly = operations.filter(headquarters);
    expect(hqOnly.map(named)).toEqual(
      expect.arrayContaining(['POST /api/v1/hq/sites', 'POST /api/v1/hq/link', 'GET /api/v1/hq/site']),
    );
    const wrong = await unexpected(hqOnly, async (operation) => {
      const anonymous = await t.http()[operation.method](operation.path).send({});
      const asAdmin = await as(t, admin)[operation.method](operation.path).send({});
      const expected = operation.isPublic || operation.forDevice ? 404 : 401;
      const answered = [anonymous.status, asAdmin.status];
      return answered[0] === expected && answered[1] === 404
        ? null
        : `${answered.join('/')}, not ${expected}/404`;
    });
    expect(wrong).toEqual([]);
  });

  it('answers 403 FORBIDDEN to every role a route does not allow', async () => {
    const sessions = new Map<Role, Session>();
    for (const role of ALL_ROLES) sessions.set(role, (await newStaff(t, role)).session);
    const guarded = operations.filter((o) => o.roles);
    expect(guarded.length).toBeGreaterThan(0);
    const wrong = await unexpected(guarded, async (operation) => {
      const problems: string[] = [];
      for (const role of ALL_ROLES.filter((r) => !operation.roles!.includes(r))) {
        const response = await as(t, sessions.get(role)!)[operation.method](operation.path).send({});
        if (response.status !== 403) problems.push(`${role} got ${response.status}`);
      }
      return problems.length ? problems.join(', ') : null;
    });
    expect(wrong).toEqual([]);
  });

  it('lets no person and no API key in where a kitchen screen’s device token is asked for', async () => {
    const everything = await issueKey(t, admin, { scopes: [...ALL_SCOPES], rateLimitPerMinute: null });
    const forDevices = operations.filter((o) => o.forDevice);
    expect(forDevices.map(named).sort()).toEqual([
      'GET /api/v1/hq/site',
      'GET /api/v1/hq/site/catalog',
      'GET /api/v1/hq/site/staff',
      'GET /api/v1/kitchen/device',
      'POST /api/v1/hq/sales-facts',
      'POST /api/v1/hq/site/catalog-report',
      'PUT /api/v1/hq/site/staff-problems',
    ]);
    for (const operation of forDevices) {
      for (const call of [as(t, admin), withKey(t, everything.key)]) {
        const response = await call[operation.method](operation.path).send({});
        // Headquarters' route is not even there on a site.
        const refusal = headquarters(operation) ? 404 : 401;
        expect([operation.path, response.status]).toEqual([operation.path, refusal]);
      }
    }
  });

  it('keeps every API key off every route without @Scopes, and off routes whose scopes it lacks, with 403', async () => {
    const everything = await issueKey(t, admin, { scopes: [...ALL_SCOPES], rateLimitPerMinute: null });
    const keyed = operations.filter((o) => !o.isPublic && !o.forDevice);
    const staffOnly = await unexpected(
      keyed.filter((o) => !o.scopes),
      async (operation) => {
        const response = await withKey(t, everything.key)[operation.method](operation.path).send({});
        return response.status === 403 ? null : `an API key got ${response.status} on a staff-only route`;
      },
    );
    expect(staffOnly).toEqual([]);
    const scoped = keyed.filter((o) => o.scopes);
    expect(scoped.length).toBeGreaterThan(10);
    // A key of every scope but the route's: one per set of scopes routes ask for.
    const lackingKeys = new Map<string, string>();
    for (const scopes of new Set(scoped.map((o) => [...o.scopes!].sort().join()))) {
      const others = ALL_SCOPES.filter((scope) => !scopes.split(',').includes(scope));
      lackingKeys.set(scopes, (await issueKey(t, admin, { scopes: others, rateLimitPerMinute: null })).key);
    }
    const lacking = await unexpected(scoped, async (operation) => {
      const key = lackingKeys.get([...operation.scopes!].sort().join())!;
      const response = await withKey(t, key)[operation.method](operation.path).send({});
      return response.status === 403
        ? null
        : `a key without ${operation.scopes!.join()} got ${response.status}`;
    });
    expect(lacking).toEqual([]);
  });
});
