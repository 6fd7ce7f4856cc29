import { ALL_ROLES, Role } from '../src/common/access/role';
import { ALL_SCOPES, Scope } from '../src/common/access/scope';
import { as, issueKey, loginAdmin, newStaff, Session, withKey } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

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

/** Headquarters' own routes: the app under test runs as a site (POS_ROLE's default). */
const headquarters = (operation: Operation) => operation.serviceRole === 'hq';

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

describe('Access control on every route of the OpenAPI spec', () => {
  let t: TestApp;
  let operations: Operation[];

  beforeAll(async () => {
    t = await startTestApp();
    operations = await operationsOf(t);
  });

  afterAll(() => t.close());

  it('finds the routes it must check', () => {
    const paths = operations.map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(paths).toEqual(
      expect.arrayContaining(['GET /api/v1/users', 'POST /api/v1/auth/login', 'GET /health']),
    );
    expect(operations.filter((o) => !o.isPublic).length).toBeGreaterThan(5);
  });

  it('refuses every non-public route without credentials, or with a bad token, with 401', async () => {
    const refused: string[] = [];
    for (const operation of operations.filter((o) => !o.isPublic && !headquarters(o))) {
      const anonymous = await t.http()[operation.method](operation.path).send({});
      const forged = await t
        .http()
        [operation.method](operation.path)
        .set('Authorization', 'Bearer x.y.z')
        .send({});
      if (
        anonymous.status === 401 &&
        anonymous.body.error?.code === 'UNAUTHORIZED' &&
        forged.status === 401
      ) {
        refused.push(operation.path);
      } else {
        throw new Error(
          `${operation.method} ${operation.path} answered ${anonymous.status}/${forged.status} without credentials`,
        );
      }
    }
    expect(refused.length).toBe(operations.filter((o) => !o.isPublic && !headquarters(o)).length);
  });

  it('answers 404 to headquarters’ own routes (POS_ROLE=hq) on a site, after refusing who may not call them', async () => {
    const admin = await loginAdmin(t);
    const hqOnly = operations.filter(headquarters);
    expect(hqOnly.map((o) => `${o.method.toUpperCase()} ${o.path}`)).toEqual(
      expect.arrayContaining(['POST /api/v1/hq/sites', 'POST /api/v1/hq/link', 'GET /api/v1/hq/site']),
    );
    for (const operation of hqOnly) {
      const anonymous = await t.http()[operation.method](operation.path).send({});
      const asAdmin = await as(t, admin)[operation.method](operation.path).send({});
      const expected = operation.isPublic || operation.forDevice ? 404 : 401;
      expect([operation.path, anonymous.status, asAdmin.status]).toEqual([operation.path, expected, 404]);
    }
  });

  it('serves public routes without credentials', async () => {
    for (const operation of operations.filter((o) => o.isPublic)) {
      const response = await t.http()[operation.method](operation.path).send({});
      expect([operation.path, response.status]).not.toEqual([operation.path, 401]);
    }
  });

  it('answers 403 FORBIDDEN to every role a route does not allow', async () => {
    const sessions = new Map<Role, Session>();
    for (const role of ALL_ROLES) sessions.set(role, (await newStaff(t, role)).session);
    const guarded = operations.filter((o) => o.roles);
    expect(guarded.length).toBeGreaterThan(0);
    for (const operation of guarded) {
      for (const role of ALL_ROLES.filter((r) => !operation.roles!.includes(r))) {
        const response = await as(t, sessions.get(role)!)[operation.method](operation.path).send({});
        if (response.status !== 403) {
          throw new Error(`${role} got ${response.status} on ${operation.method} ${operation.path}`);
        }
      }
    }
  });

  it('lets no person and no API key in where a kitchen screen’s device token is asked for', async () => {
    const admin = await loginAdmin(t);
    const everything = await issueKey(t, admin, { scopes: [...ALL_SCOPES], rateLimitPerMinute: null });
    const forDevices = operations.filter((o) => o.forDevice);
    expect(forDevices.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()).toEqual([
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

  it('keeps every API key off every route without @Scopes, and off routes whose scopes it lacks', async () => {
    const admin = await loginAdmin(t);
    const everything = await issueKey(t, admin, { scopes: [...ALL_SCOPES], rateLimitPerMinute: null });
    const keyed = operations.filter((o) => !o.isPublic && !o.forDevice);
    for (const operation of keyed.filter((o) => !o.scopes)) {
      const response = await withKey(t, everything.key)[operation.method](operation.path).send({});
      if (response.status !== 403) {
        throw new Error(
          `an API key got ${response.status} on staff-only ${operation.method} ${operation.path}`,
        );
      }
    }
    const scoped = keyed.filter((o) => o.scopes);
    expect(scoped.length).toBeGreaterThan(10);
    for (const operation of scoped) {
      const others = ALL_SCOPES.filter((scope) => !operation.scopes!.includes(scope));
      const lacking = await issueKey(t, admin, { scopes: others });
      const response = await withKey(t, lacking.key)[operation.method](operation.path).send({});
      if (response.status !== 403) {
        throw new Error(
          `a key without ${operation.scopes!.join()} got ${response.status} on ${operation.path}`,
        );
      }
    }
  });
});
