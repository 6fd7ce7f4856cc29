/**
 * Hostile-input sweep. Every operation of the served OpenAPI spec (GET /docs-json: 79 today) gets
 * REQUESTS_PER_OPERATION (20) requests that fast-check generates from a fixed seed (SEED, printed at the end;
 * HOSTILE_SEED=n explores others): about 1,600 requests, 15 to 25 s on each database on 2 cores. Each request
 * changes one thing of an otherwise valid one: a wrong type, null, a missing or unknown field, a huge, negative or
 * fractional number, a 10k-character or unicode string, deep nesting, SQL or script text, an unknown or malformed
 * id, broken JSON or an unreadable body, an odd query or header value. Every reply must be a success or an API.md
 * error (never a 500, a stack, SQL or driver text), and a refused request (and every read) must write nothing:
 * each table keeps its row count and latest updated_at, and the event log its last seq.
 */
import { SchedulerRegistry } from '@nestjs/schedule';
import fc from 'fast-check';
import { Role } from '../src/common/access/role';
import { as, login, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories } from './support/factories';
import {
  encodeSegment,
  HOSTILE_ID_SEGMENTS,
  hostileHeaderValue,
  hostileQueryValue,
  hostileValue,
  MALFORMED_SEGMENTS,
  nested,
  RawJson,
  RawReply,
  sendRaw,
  toJson,
} from './support/hostile-input';
import { startTestApp, TestApp } from './support/test-app';

const SEED = Number(process.env.HOSTILE_SEED ?? 20_261_122);
const REQUESTS_PER_OPERATION = 20;
/** The sweep takes 15 to 25 s alone on 2 cores; the limit leaves room for a machine busy with other work. */
const SWEEP_TIMEOUT_MS = 120_000;

/** API.md's table of error codes and their statuses (500 INTERNAL is never acceptable, so it is not here). */
const STATUS_OF_CODE: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  VERSION_CONFLICT: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION_ERROR: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  LOCKED_OUT: 429,
};

/** What an error must never show: a stack, the server's SQL, driver or ORM messages. */
const LEAKS = [
  /\n\s+at /,
  /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b[\s\S]*\b(FROM|VALUES|SET|WHERE)\b/,
  /QueryFailedError|TypeORM|SQLITE_[A-Z]+|node_modules|\.ts:\d+/,
  /syntax error at or near|invalid input syntax|violates .* constraint|value too long for type/i,
  /out of range for type|invalid byte sequence|duplicate key value|null value in column|relation "/i,
];

/**
 * Refusals that write by design, each as narrow as it can be: the operation, the statuses, the tables. Every other
 * refused request (and every read) must leave the row counts, latest changes and the event log as they were.
 */
const WRITING_REFUSALS: Array<{ operation: string; statuses: number[]; tables: string[]; reason: string }> = [
  {
    operation: 'POST /api/v1/auth/login',
    statuses: [401],
    tables: ['login_attempts', 'security_events'],
    reason: 'a failed login counts towards lock-out and is a security event (API.md, Auth)',
  },
  {
    operation: 'POST /api/v1/auth/login',
    statuses: [429],
    tables: ['security_events'],
    reason: 'a login refused while locked out is a security event',
  },
  {
    operation: 'POST /api/v1/auth/pin',
    statuses: [401],
    tables: ['login_attempts', 'security_events'],
    reason: 'a failed PIN login counts towards lock-out and is a security event, as for passwords',
  },
  {
    operation: 'POST /api/v1/auth/pin',
    statuses: [429],
    tables: ['security_events'],
    reason: 'a PIN login refused while locked out is a security event',
  },
  {
    operation: 'POST /api/v1/auth/refresh',
    statuses: [401],
    tables: ['security_events', 'events'],
    reason:
      'a spent refresh token presented again revokes its session (staff.access_changed) and is recorded',
  },
  {
    operation: 'POST /api/v1/public/tables/{qrToken}/orders',
    statuses: [404, 422, 429],
    tables: ['rate_limit_buckets'],
    reason: 'the rate-limit guard counts the request before the handler runs; a new client gets a counter',
  },
  {
    operation: 'POST /api/v1/public/tables/{qrToken}/call-waiter',
    statuses: [404, 429],
    tables: ['rate_limit_buckets'],
    reason:
      'the rate-limit guard counts the request before the token is looked up; a new client gets a counter',
  },
];

/** Error replies that are not JSON by design: a guest's phone opening a dead QR code gets a friendly page. */
const HTML_ERRORS = new Set(['404 GET /t/{qrToken}']);

/** Operations that end the caller's session: they run with a session of their own, renewed after each success. */
const SESSION_ENDING = new Set(['POST /api/v1/auth/logout']);

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- OpenAPI schema objects, walked as JSON
type Schema = Record<string, any>;

interface Operation {
  /** `POST /api/v1/orders/{id}/items`: how failures and exceptions name it. */
  key: string;
  method: Method;
  path: string;
  isPublic: boolean;
  roles: Role[] | undefined;
  pathParams: string[];
  query: string[];
  headers: string[];
  body: Schema | undefined;
}

/** One request: the operation's path segments, query string, headers and body, and what was made hostile. */
interface HostileRequest {
  mutation: string;
  segments: Record<string, string>;
  query: string;
  headers: Record<string, string>;
  body?: { text: string; contentType: string };
}

type Pool =
  | 'users'
  | 'locations'
  | 'tables'
  | 'categories'
  | 'stations'
  | 'ingredients'
  | 'dishes'
  | 'variations'
  | 'orders'
  | 'items'
  | 'payment-methods'
  | 'payments'
  | 'qrTokens';

/** Real rows for path parameters and id fields; the first of each pool belongs with the first of the others. */
interface Fixture {
  admin: Session;
  sessions: Map<Role, Session>;
  ids: Record<Pool, string[]>;
  /** Whose credentials a valid login sends; the sweep's failures lock this account out, and no other. */
  loginUser: NewStaff;
  /** Whose id and PIN a valid PIN login sends. */
  pinUser: NewStaff;
  /** A session of its own for POST /auth/refresh to spend. */
  refreshToken: string;
  /** The staff member whose session POST /auth/logout ends. */
  leaver: NewStaff;
}

describe('Hostile input on every operation of the OpenAPI spec', () => {
  let t: TestApp;
  let spec: Schema;
  let fixture: Fixture;

  beforeAll(async () => {
    t = await startTestApp({ QR_ORDERING: 'true' });
    // The timers (the late-item scan, pruning) write on their own clock: every write the sweep sees must be a request's.
    const timers = t.app.get(SchedulerRegistry);
    for (const name of timers.getIntervals()) timers.deleteInterval(name);
    spec = (await t.http().get('/docs-json').expect(200)).body;
    fixture = await restaurantFixture(t);
  });

  afterAll(() => t.close());

  it(
    'answers every request with a success or an API.md error, and a refused request writes nothing',
    async () => {
      const started = Date.now();
      const operations = operationsOf(spec);
      const failures: string[] = [];
      const succeeded = new Set<string>();
      let requests = 0;
      let before = await snapshot(t);
      for (const [index, operation] of operations.entries()) {
        const hostileRequests = fc.sample(requestsFor(operation, spec, fixture), {
          seed: SEED + index,
          numRuns: REQUESTS_PER_OPERATION,
        });
        for (const hostile of hostileRequests) {
          const reply = await send(t, operation, hostile, fixture);
          requests += 1;
          if (reply.status < 300) succeeded.add(operation.key);
          const after = await snapshot(t);
          const problems = [
            ...replyProblems(operation, reply),
            ...writeProblems(operation, reply, before, after),
          ];
          for (const problem of problems) failures.push(failureReport(operation, hostile, reply, problem));
          before = (await learn(t, operation, reply, fixture)) ? await snapshot(t) : after;
        }
      }
      process.stdout.write(
        `hostile-input sweep: ${operations.length} operations (${succeeded.size} with a success), ` +
          `${requests} requests, seed ${SEED}, ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      expect(failures).toEqual([]);
      // Most operations must have been reached past their guards and validation, or the sweep tested little.
      expect(succeeded.size).toBeGreaterThan(operations.length * 0.75);
    },
    SWEEP_TIMEOUT_MS,
  );
});

/** Every operation of the spec: reads first, then creations, changes, deletions, and the auth routes last. */
function operationsOf(spec: Schema): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<Schema>(spec.paths)) {
    for (const [method, operation] of Object.entries<Schema>(item)) {
      const parameters = (operation.parameters ?? []) as Array<{ name: string; in: string }>;
      const named = (place: string) => parameters.filter((p) => p.in === place).map((p) => p.name);
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method as Method,
        path,
        isPublic: operation['x-public'] === true,
        roles: operation['x-roles'] as Role[] | undefined,
        pathParams: named('path'),
        query: named('query'),
        headers: named('header'),
        body: operation.requestBody?.content?.['application/json']?.schema as Schema | undefined,
      });
    }
  }
  const phase = (operation: Operation) =>
    operation.path.startsWith('/api/v1/auth/')
      ? 4
      : { get: 0, post: 1, put: 2, patch: 2, delete: 3 }[operation.method];
  return operations.sort((a, b) => phase(a) - phase(b));
}

/** A restaurant in service: staff of every role, a floor, a menu, an order with items and a payment. */
async function restaurantFixture(t: TestApp): Promise<Fixture> {
  const admin = await loginAdmin(t);
  const make = factories(t, admin);
  const [manager, waiter, kitchen, victim, loginUser, pinUser, leaver, refresher] = await Promise.all(
    [
      Role.Manager,
      Role.Waiter,
      Role.Kitchen,
      Role.Waiter,
      Role.Kitchen,
      Role.Waiter,
      Role.Waiter,
      Role.Manager,
    ].map((role) => newStaff(t, role)),
  );
  const sessions = new Map<Role, Session>(
    [admin, manager.session, waiter.session, kitchen.session].map((session) => [session.user.role, session]),
  );
  const restaurant = await make.newRestaurant();
  const secondTable = await make.newTable('T-second');
  const emptyLocation = await as(t, admin).post('/api/v1/locations').send({ name: 'Empty room' }).expect(201);
  const spareCategory = await make.newCategory('Spare');
  const spareStation = await make.newStation('Spare');
  const flour = await make.newIngredient('Flour', ['gluten']);
  const order = await as(t, sessions.get(Role.Waiter)!)
    .post('/api/v1/orders')
    .send({
      type: 'dine_in',
      tableId: restaurant.table.id,
      guests: 2,
      items: [
        { dishId: restaurant.burger.id, variationId: restaurant.burger.variations[0].id, quantity: 2 },
        { dishId: restaurant.beer.id, quantity: 1, comment: 'cold' },
      ],
    })
    .expect(201);
  const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body as Array<{
    id: string;
    kind: string;
  }>;
  const payment = await as(t, admin)
    .post(`/api/v1/orders/${order.body.id}/payments`)
    .send({ methodId: methods.find((method) => method.kind === 'card')!.id, amount: 1000 })
    .expect(201);
  const table = (await as(t, admin).get(`/api/v1/tables/${restaurant.table.id}`).expect(200)).body;
  const tables = [restaurant.table, secondTable];
  return {
    admin,
    sessions,
    loginUser,
    pinUser,
    leaver,
    refreshToken: refresher.session.refreshToken,
    ids: {
      users: [victim.id],
      locations: [table.locationId, emptyLocation.body.id],
      tables: tables.map((t) => t.id),
      categories: [restaurant.category.id, spareCategory.id],
      stations: [restaurant.grill.id, restaurant.bar.id, spareStation.id],
      ingredients: [flour.id],
      dishes: [restaurant.burger.id, restaurant.fries.id, restaurant.beer.id],
      variations: restaurant.burger.variations.map((variation) => variation.id),
      orders: [order.body.id],
      items: (order.body.items as Array<{ id: string }>).map((item) => item.id),
      'payment-methods': methods.map((method) => method.id),
      payments: [payment.body.id],
      qrTokens: tables.map((t) => t.qrToken),
    },
  };
}

/** Where a path parameter's real values come from: `{id}` by the resource its path starts with. */
function poolOf(operation: Operation, param: string, fixture: Fixture): Pool {
  const byName: Partial<Record<string, Pool>> = {
    variationId: 'variations',
    itemId: 'items',
    qrToken: 'qrTokens',
  };
  const pool = byName[param] ?? operation.path.replace(/^\/api\/v1\//, '').split('/')[0];
  if (!(pool in fixture.ids)) throw new Error(`No real values for {${param}} of ${operation.key}`);
  return pool as Pool;
}

/** Body fields that name rows, and the pool their valid values come from. */
const ID_FIELDS: Record<string, Pool> = {
  categoryId: 'categories',
  stationId: 'stations',
  locationId: 'locations',
  dishId: 'dishes',
  variationId: 'variations',
  methodId: 'payment-methods',
  tableId: 'tables',
  ingredientIds: 'ingredients',
};

/** Fields that must be unique to be valid. */
const UNIQUE_FIELDS = new Set(['name', 'username']);

/** What the schema cannot tell about a valid body: credentials, tokens, exclusive fields, the fixture's state. */
const VALID_BODY_CHANGES: Record<string, (derived: Record<string, unknown>, fixture: Fixture) => object> = {
  'POST /api/v1/auth/login': (_derived, f) => ({
    username: f.loginUser.username,
    password: f.loginUser.password,
  }),
  'POST /api/v1/auth/pin': (_derived, f) => ({ userId: f.pinUser.id, pin: f.pinUser.pin }),
  'POST /api/v1/auth/refresh': (_derived, f) => ({ refreshToken: f.refreshToken }),
  'POST /api/v1/auth/logout': (_derived, f) => ({ refreshToken: f.leaver.session.refreshToken }),
  'POST /api/v1/dishes': ({ price: _price, ...withVariations }) => withVariations,
  'PATCH /api/v1/orders/{id}/items/{itemId}/status': () => ({ status: 'in_progress' }),
  'POST /api/v1/payments/{id}/refund': (derived) => ({ ...derived, amount: 100 }),
};

function validBodyOf(operation: Operation, spec: Schema, fixture: Fixture): object {
  const derived = validValue(operation.body!, '', spec, fixture) as Record<string, unknown>;
  return VALID_BODY_CHANGES[operation.key]?.(derived, fixture) ?? derived;
}

function resolved(schema: Schema, spec: Schema): Schema {
  if (schema.$ref) return resolved(spec.components.schemas[String(schema.$ref).split('/').pop()!], spec);
  if (schema.allOf?.length === 1) return { ...resolved(schema.allOf[0], spec), ...schema, allOf: undefined };
  return schema;
}

let uniqueNames = 0;

/** A valid-looking value for a schema: a real id for id fields, else the example, an enum value, the minimum. */
function validValue(schema: Schema, field: string, spec: Schema, fixture: Fixture): unknown {
  const shape = resolved(schema, spec);
  const pool = ID_FIELDS[field];
  if (pool) return shape.type === 'array' ? [fixture.ids[pool][0]] : fixture.ids[pool][0];
  if (UNIQUE_FIELDS.has(field)) return `sweep-${(uniqueNames += 1)}`;
  if (shape.example !== undefined) return shape.example;
  if (shape.enum) return shape.enum[0];
  switch (shape.type) {
    case 'number':
    case 'integer':
      return shape.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [validValue(shape.items as Schema, '', spec, fixture)];
    case 'object':
      // Nest writes `string | null` as an object without properties.
      if (!shape.properties) return 'sweep';
      return Object.fromEntries(
        Object.entries<Schema>(shape.properties ?? {}).map(([name, property]) => [
          name,
          validValue(property, name, spec, fixture),
        ]),
      );
    default:
      return 'sweep'.padEnd(Math.max(shape.minLength ?? 1, 8), '-');
  }
}

type FieldPath = Array<string | number>;

/** Every field of a body, nested ones included: `['items', 0, 'quantity']`. */
function fieldPaths(value: unknown, prefix: FieldPath = []): FieldPath[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...fieldPaths(inner, path)];
  });
}

const label = (path: FieldPath) =>
  path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');

function shortly(value: unknown): string {
  const text = value instanceof RawJson ? value.text : value === undefined ? 'undefined' : toJson(value);
  return text.length > 60 ? `${text.slice(0, 40)}… (${text.length} chars)` : text;
}

/** Unknown fields a body may be sent with: plain, mass-assignment and prototype-pollution attempts. */
const EXTRA_FIELDS = ['extra', 'id', 'role', 'version', 'status', 'createdAt', '__proto__', 'constructor'];

/** Bodies that are wrong as a whole, built from the valid one. */
function wholeBodies(
  valid: string,
): Array<Pick<HostileRequest, 'mutation' | 'body'> & { headers?: Record<string, string> }> {
  const json = (text: string) => ({ text, contentType: 'application/json' });
  return [
    { mutation: 'no body' },
    { mutation: 'body {}', body: json('{}') },
    { mutation: 'body []', body: json('[]') },
    { mutation: 'body [valid]', body: json(`[${valid}]`) },
    { mutation: 'body "text"', body: json('"text"') },
    { mutation: 'body 42', body: json('42') },
    { mutation: 'body null', body: json('null') },
    { mutation: 'body truncated', body: json(valid.slice(0, -2)) },
    { mutation: 'body with trailing garbage', body: json(`${valid}}`) },
    {
      mutation: 'body with a duplicate key',
      body: json(valid.replace(/^\{"([^"]+)":/, '{"$1":{"$ne":null},"$1":')),
    },
    { mutation: 'body nested 40 deep', body: json(toJson(nested(40, 'object'))) },
    { mutation: 'body over 1 MB', body: json(toJson({ padding: 'x'.repeat(1_100_000) })) },
    { mutation: 'body as text/plain', body: { text: valid, contentType: 'text/plain' } },
    {
      mutation: 'body as a form',
      body: { text: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    },
    {
      mutation: 'body in an unknown charset',
      body: { text: valid, contentType: 'application/json; charset=klingon' },
    },
    {
      mutation: 'body in an unknown encoding',
      body: json(valid),
      headers: { 'Content-Encoding': 'x-klingon' },
    },
    { mutation: 'body claimed gzipped', body: json(valid), headers: { 'Content-Encoding': 'gzip' } },
  ];
}

/** One request that changes one thing of the valid request for this operation. */
function requestsFor(operation: Operation, spec: Schema, fixture: Fixture): fc.Arbitrary<HostileRequest> {
  const segments = Object.fromEntries(
    operation.pathParams.map((param) => [
      param,
      encodeSegment(fixture.ids[poolOf(operation, param, fixture)][0]),
    ]),
  );
  const validBody = operation.body && validBodyOf(operation, spec, fixture);
  const valid = (mutation: string, change: Partial<HostileRequest> = {}): HostileRequest => ({
    mutation,
    segments,
    query: '',
    headers: {},
    body: validBody === undefined ? undefined : { text: toJson(validBody), contentType: 'application/json' },
    ...change,
  });
  const idempotent = operation.headers.includes('Idempotency-Key');
  const choices: Array<fc.WeightedArbitrary<HostileRequest>> = [
    { weight: 1, arbitrary: fc.constant(valid('nothing')) },
  ];
  if (operation.pathParams.length > 0) {
    const segment = (param: string) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_ID_SEGMENTS) },
        { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_SEGMENTS) },
        {
          weight: 2,
          arbitrary: fc.constantFrom(...fixture.ids[poolOf(operation, param, fixture)].map(encodeSegment)),
        },
      );
    const hostilePath = fc
      .constantFrom(...operation.pathParams)
      .chain((param) => segment(param).map((value) => ({ param, value })))
      .map(({ param, value }) =>
        valid(`{${param}} = ${shortly(decodeURIComponentSafely(value))}`, {
          segments: { ...segments, [param]: value },
        }),
      );
    choices.push({ weight: 3, arbitrary: hostilePath });
  }
  if (validBody !== undefined) {
    const hostileField = fc
      .record({
        at: fc.constantFrom(...fieldPaths(validBody)),
        how: fc.constantFrom('set', 'set', 'set', 'delete', 'extra'),
        value: hostileValue,
        extra: fc.constantFrom(...EXTRA_FIELDS),
        idempotencyKey: idempotent
          ? fc.option(fc.constantFrom('sweep-key-1', 'sweep-key-2'))
          : fc.constant(null),
      })
      .map(({ at, how, value, extra, idempotencyKey }) => {
        const body = structuredClone(validBody) as Record<string | number, unknown>;
        const parent = at
          .slice(0, -1)
          .reduce<Record<string | number, unknown>>(
            (inner, key) => inner[key] as Record<string | number, unknown>,
            body,
          );
        const field = at[at.length - 1];
        let mutation: string;
        if (how === 'delete') {
          if (Array.isArray(parent)) parent.splice(Number(field), 1);
          else delete parent[field];
          mutation = `${label(at)} removed`;
        } else if (how === 'extra' && !Array.isArray(parent)) {
          // defineProperty, so that `__proto__` is a field of the JSON rather than the object's prototype.
          Object.defineProperty(parent, extra, {
            value,
            enumerable: true,
            configurable: true,
            writable: true,
          });
          mutation = `${label([...at.slice(0, -1), extra])} added = ${shortly(value)}`;
        } else {
          parent[field] = value;
          mutation = `${label(at)} = ${shortly(value)}`;
        }
        return valid(mutation, {
          body: { text: toJson(body), contentType: 'application/json' },
          headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
        });
      });
    choices.push({ weight: 8, arbitrary: hostileField });
  }
  if (operation.method !== 'get') {
    const whole = fc
      .constantFrom(...wholeBodies(toJson(validBody ?? {})))
      .map(({ mutation, body, headers }) => valid(mutation, { body, headers }));
    choices.push({ weight: validBody === undefined ? 1 : 2, arbitrary: whole });
  }
  const hostileQuery = fc
    .record({
      name: fc.constantFrom(...operation.query, 'sweepExtra'),
      value: hostileQueryValue,
      shape: fc.constantFrom('plain', 'plain', 'repeated', 'bracketed', 'malformed'),
    })
    .map(({ name, value, shape }) => {
      const encoded = encodeSegment(withinUrlLimit(value));
      const pair = `${name}=${encoded}`;
      const query = {
        plain: pair,
        repeated: `${pair}&${name}=1`,
        bracketed: `${name}[x]=${encoded}`,
        malformed: `${name}=%zz${encoded}`,
      }[shape];
      return valid(`?${name} ${shape} ${shortly(value)}`, { query });
    });
  choices.push({ weight: operation.query.length > 0 ? 4 : 1, arbitrary: hostileQuery });
  if (operation.headers.length > 0) {
    const hostileHeader = fc
      .record({
        name: fc.constantFrom(...operation.headers),
        value: hostileHeaderValue,
      })
      .map(({ name, value }) => valid(`header ${name}: ${shortly(value)}`, { headers: { [name]: value } }));
    choices.push({ weight: 2, arbitrary: hostileHeader });
  }
  return fc.oneof(...choices);
}

/**
 * Node answers a request line and headers over 16 KB with a bare 431 before the app sees them: long values in
 * the URL are cut to a few KB, which is still far longer than any field allows.
 */
function withinUrlLimit(value: string): string {
  let characters = [...value];
  while (encodeSegment(characters.join('')).length > 4_000)
    characters = characters.slice(0, characters.length / 2);
  return characters.join('');
}

function decodeURIComponentSafely(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function sessionFor(operation: Operation, fixture: Fixture): Session | undefined {
  if (operation.isPublic) return undefined;
  if (SESSION_ENDING.has(operation.key)) return fixture.leaver.session;
  if (!operation.roles || operation.roles.includes(Role.Admin)) return fixture.admin;
  return fixture.sessions.get(operation.roles[0]);
}

let guestAddresses = 0;

function send(
  t: TestApp,
  operation: Operation,
  hostile: HostileRequest,
  fixture: Fixture,
): Promise<RawReply> {
  const path =
    operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => hostile.segments[name]) +
    (hostile.query ? `?${hostile.query}` : '');
  const headers: Record<string, string> = { ...hostile.headers };
  const session = sessionFor(operation, fixture);
  if (session) headers.Authorization = `Bearer ${session.accessToken}`;
  if (hostile.body) headers['Content-Type'] = hostile.body.contentType;
  // Each guest request comes from its own loopback address, so that per-IP limits and lock-outs hide nothing.
  const localAddress = operation.isPublic ? `127.0.0.${2 + (guestAddresses++ % 250)}` : undefined;
  return sendRaw(t.url, {
    method: operation.method.toUpperCase(),
    path,
    headers,
    body: hostile.body?.text,
    localAddress,
  });
}

/** Keeps the fixture usable after a success that changed it: a new session after logout, a rotated QR token. */
async function learn(t: TestApp, operation: Operation, reply: RawReply, fixture: Fixture): Promise<boolean> {
  if (reply.status >= 300) return false;
  if (SESSION_ENDING.has(operation.key)) {
    fixture.leaver.session = await login(t, fixture.leaver.username, fixture.leaver.password);
    return true;
  }
  if (operation.key === 'POST /api/v1/tables/{id}/qr/rotate') {
    const table = JSON.parse(reply.text) as { id: string; qrToken: string };
    const index = fixture.ids.tables.indexOf(table.id);
    if (index >= 0) fixture.ids.qrTokens[index] = table.qrToken;
  }
  return false;
}

/** Per table: its row count and latest `updated_at` (for the event log, its last seq). */
async function snapshot(t: TestApp): Promise<Map<string, string>> {
  const selects = t.dataSource.entityMetadatas.map(({ tableName, columns }) => {
    const latest = columns.some((column) => column.databaseName === 'updated_at')
      ? 'CAST(MAX(updated_at) AS TEXT)'
      : tableName === 'events'
        ? 'CAST(MAX(seq) AS TEXT)'
        : 'NULL';
    return `SELECT '${tableName}' AS name, COUNT(*) AS count, ${latest} AS latest FROM "${tableName}"`;
  });
  const rows: Array<{ name: string; count: unknown; latest: unknown }> = await t.dataSource.query(
    selects.join(' UNION ALL '),
  );
  return new Map(rows.map((row) => [row.name, `${String(row.count)} rows, latest ${String(row.latest)}`]));
}

function writeProblems(
  operation: Operation,
  reply: RawReply,
  before: Map<string, string>,
  after: Map<string, string>,
): string[] {
  const isRead = operation.method === 'get';
  if (!isRead && reply.status < 300) return [];
  const allowed =
    WRITING_REFUSALS.find(
      (refusal) => refusal.operation === operation.key && refusal.statuses.includes(reply.status),
    )?.tables ?? [];
  const written = [...after]
    .filter(([table, state]) => before.get(table) !== state && !allowed.includes(table))
    .map(([table, state]) => `${table} ${before.get(table)} → ${state}`);
  if (written.length === 0) return [];
  return [`${isRead ? 'a read' : 'a refused request'} wrote: ${written.join('; ')}`];
}

function replyProblems(operation: Operation, reply: RawReply): string[] {
  const problems: string[] = [];
  if (reply.status >= 500) return [`answered ${reply.status}`];
  if (!reply.headers['x-request-id']) problems.push('no X-Request-Id');
  if (reply.status < 400) return problems;
  const contentType = reply.headers['content-type'] ?? '';
  if (HTML_ERRORS.has(`${reply.status} ${operation.key}`) && contentType.startsWith('text/html'))
    return problems;
  const leak = LEAKS.find((pattern) => pattern.test(reply.text));
  if (leak) problems.push(`the error shows what ${String(leak)} matches`);
  if (!contentType.startsWith('application/json'))
    return [...problems, `the error is ${contentType}, not JSON`];
  let body: unknown;
  try {
    body = JSON.parse(reply.text);
  } catch {
    return [...problems, 'the error is not valid JSON'];
  }
  return [...problems, ...errorShapeProblems(body, reply)];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** API.md: `{error: {code, message, details}}`, the code from its table and the status that goes with it. */
function errorShapeProblems(body: unknown, reply: RawReply): string[] {
  if (!isObject(body) || Object.keys(body).join() !== 'error' || !isObject(body.error))
    return ['the error is not {error: {...}}'];
  const { code, message, details } = body.error;
  const problems: string[] = [];
  const unexpected = Object.keys(body.error).filter((key) => !['code', 'message', 'details'].includes(key));
  if (unexpected.length > 0) problems.push(`unexpected error fields: ${unexpected.join(', ')}`);
  if (typeof code !== 'string' || !(code in STATUS_OF_CODE))
    problems.push(`code ${String(code)} is not in API.md`);
  else if (STATUS_OF_CODE[code] !== reply.status) problems.push(`${code} with status ${reply.status}`);
  if (typeof message !== 'string' || message.length === 0) problems.push('no message');
  // details is always there: the field problems of VALIDATION_ERROR, the current order of VERSION_CONFLICT, else null.
  const fieldProblems = (list: unknown) =>
    Array.isArray(list) &&
    list.length > 0 &&
    list.every(
      (entry) => isObject(entry) && typeof entry.field === 'string' && typeof entry.message === 'string',
    );
  if (!('details' in body.error)) problems.push('no details');
  else if (code === 'VALIDATION_ERROR' && !fieldProblems(details))
    problems.push('VALIDATION_ERROR details are not [{field, message}]');
  else if (code === 'VERSION_CONFLICT' && !(isObject(details) && typeof details.version === 'number'))
    problems.push('VERSION_CONFLICT details are not the current order');
  else if (code !== 'VALIDATION_ERROR' && code !== 'VERSION_CONFLICT' && details !== null)
    problems.push(`${String(code)} details are not null`);
  if (reply.status === 429 && !/^\d+$/.test(String(reply.headers['retry-after'])))
    problems.push('429 without Retry-After');
  return problems;
}

function failureReport(
  operation: Operation,
  hostile: HostileRequest,
  reply: RawReply,
  problem: string,
): string {
  const excerpt = reply.text.length > 300 ? `${reply.text.slice(0, 300)}…` : reply.text;
  return `${operation.key} with ${hostile.mutation} → ${reply.status}: ${problem}\n    reply: ${excerpt}`;
}
