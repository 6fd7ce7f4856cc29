/** The operations of the served OpenAPI spec, and a valid body for each that the sweep's requests start from. */
import { Role } from '../../src/common/access/role';
import type { Fixture, Pool } from './hostile-fixture';
import { encodeSegment } from './hostile-input';
import { ADMIN } from './test-app';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

export type DateFormat = 'date' | 'date-time';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- OpenAPI schema objects, walked as JSON
export type Schema = Record<string, any>;

export interface Operation {
  /** `POST /api/v1/orders/{id}/items`: how failures and exceptions name it. */
  key: string;
  method: Method;
  path: string;
  isPublic: boolean;
  /** The staff roles that may call it; none on a public, kitchen screen's or site's route. */
  roles: Role[];
  pathParams: string[];
  query: string[];
  headers: string[];
  body: Schema | undefined;
  /** Path and query parameters and body fields (by name, at any depth) that hold a date or a date-time. */
  dated: Map<string, DateFormat>;
}

/** Every operation of the spec: reads first, then creations, changes, deletions, and the auth routes last. */
export function operationsOf(spec: Schema): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<Schema>(spec.paths)) {
    for (const [method, operation] of Object.entries<Schema>(item)) {
      // Headquarters' routes answer a site 404 whatever is sent (the access sweep proves it).
      if (operation['x-access'].service === 'hq') continue;
      const parameters = (operation.parameters ?? []) as Array<{ name: string; in: string; schema?: Schema }>;
      const named = (place: string) => parameters.filter((p) => p.in === place).map((p) => p.name);
      const body = operation.requestBody?.content?.['application/json']?.schema as Schema | undefined;
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method as Method,
        path,
        isPublic: operation['x-access'].anyone,
        roles: operation['x-access'].roles as Role[],
        pathParams: named('path'),
        query: named('query'),
        headers: named('header'),
        body,
        dated: new Map([
          ...parameters.flatMap((p) => datedField(p.name, p.schema, spec)),
          ...(body ? datedFields(body, spec) : []),
        ]),
      });
    }
  }
  const phase = (operation: Operation) =>
    operation.path.startsWith('/api/v1/auth/')
      ? 4
      : { get: 0, post: 1, put: 2, patch: 2, delete: 3 }[operation.method];
  return operations.sort((a, b) => phase(a) - phase(b));
}

/** Where a path parameter's real values come from: `{id}` by the resource its path starts with. */
export function poolOf(operation: Operation, param: string, fixture: Fixture): Pool {
  const byName: Partial<Record<string, Pool>> = {
    variationId: 'variations',
    optionId: 'modifier-options',
    itemId: 'items',
    orderId: 'orders',
    qrToken: 'qrTokens',
    receiptToken: 'receiptTokens',
    deliveryId: 'deliveries',
    token: 'pickupTokens',
    provider: 'terminalProviders',
    country: 'countries',
  };
  // Routes under /security and /kitchen name the resource in their second segment.
  const [first, second] = operation.path.replace(/^\/api\/v1\//, '').split('/');
  const pool = byName[param] ?? (first === 'security' || first === 'kitchen' ? second : first);
  if (!(pool in fixture.ids)) throw new Error(`No real values for {${param}} of ${operation.key}`);
  return pool as Pool;
}

/** The path's segments of the valid request: the first real value of each parameter's pool, encoded. */
export function validSegmentsOf(operation: Operation, fixture: Fixture): Record<string, string> {
  return Object.fromEntries(
    operation.pathParams.map((param) => [
      param,
      encodeSegment(fixture.ids[poolOf(operation, param, fixture)][0]),
    ]),
  );
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
  modifierGroupIds: 'modifier-groups',
  optionId: 'modifier-options',
  taxRateIds: 'tax-rates',
  scheduleId: 'menu-schedules',
  fromTaxRateId: 'tax-rates',
  toTaxRateId: 'tax-rates',
  customerId: 'customers',
  rewardId: 'rewards',
  priceLevelId: 'price-levels',
  terminalId: 'terminals',
  supplierId: 'suppliers',
  toJobId: 'jobs',
  jobIds: 'jobs',
  ofCategoryIds: 'categories',
};

/** Fields that must be unique to be valid. */
const UNIQUE_FIELDS = new Set(['name', 'username']);

/**
 * Lines of the fixture's plain dishes: choices are for combos only (their fields are still swept). Without client
 * ids: one fixed id would make every request after the first a replay or a reuse (`id` is still swept as a field).
 */
function withoutComboChoices({ id: _id, ...body }: Record<string, unknown>): object {
  const items = body.items as Array<Record<string, unknown>>;
  return { ...body, items: items.map(({ comboChoices: _choices, id: _line, ...line }) => line) };
}

/** What the schema cannot tell about a valid body: credentials, tokens, exclusive fields, the fixture's state. */
const VALID_BODY_CHANGES: Record<string, (derived: Record<string, unknown>, fixture: Fixture) => object> = {
  'POST /api/v1/auth/login': (_derived, f) => ({
    username: f.loginUser.username,
    password: f.loginUser.password,
  }),
  'POST /api/v1/auth/pin': (_derived, f) => ({ userId: f.pinUser.id, pin: f.pinUser.pin }),
  'POST /api/v1/auth/refresh': (_derived, f) => ({ refreshToken: f.refreshToken }),
  'POST /api/v1/auth/logout': (_derived, f) => ({ refreshToken: f.leaver.session.refreshToken }),
  'POST /api/v1/auth/login/2fa': (_derived, f) => ({
    mfaToken: f.secondFactor.mfaToken,
    code: f.secondFactor.code(),
  }),
  'POST /api/v1/auth/2fa/setup': () => ({ password: ADMIN.password }),
  'POST /api/v1/auth/2fa/enable': (derived) => ({ ...derived, password: ADMIN.password }),
  'POST /api/v1/auth/2fa/disable': () => ({ password: ADMIN.password }),
  // A plain dish: the derived combo's choice would name no live variation (docs/combos.md); its fields are still swept.
  'POST /api/v1/dishes': ({ price: _price, combo: _combo, ...withVariations }) => withVariations,
  'PATCH /api/v1/dishes/{id}': ({ combo: _combo, ...plain }) => plain,
  'POST /api/v1/orders': withoutComboChoices,
  'POST /api/v1/orders/{id}/items': withoutComboChoices,
  'POST /api/v1/public/tables/{qrToken}/orders': withoutComboChoices,
  'PATCH /api/v1/orders/{id}/items/{itemId}/status': () => ({ status: 'in_progress' }),
  // A screen of one real station (expo would ignore the stations the schema cannot name).
  'POST /api/v1/kitchen/devices': (derived, f) => ({
    ...derived,
    stationIds: [f.ids.stations[0]],
    expo: false,
  }),
  'PATCH /api/v1/kitchen/devices/{id}': (derived, f) => ({
    ...derived,
    stationIds: [f.ids.stations[0]],
    expo: false,
  }),
  'POST /api/v1/payments/{id}/refund': (derived) => ({ ...derived, amount: 100 }),
  // The caller's own cash tips; paid by payroll, so that no drawer is needed.
  'POST /api/v1/tips/declared': ({ userId: _userId, ...own }) => own,
  'POST /api/v1/tips/payouts': (derived, f) => ({ ...derived, userId: f.ids.users[0], method: 'payroll' }),
  'POST /api/v1/orders/{id}/payments': ({ id: _id, ...derived }) => derived,
  // A rate mapped to itself is refused; the fixture's third rate is mapped by no one yet.
  'POST /api/v1/tax-mappings': (derived, f) => ({
    ...derived,
    fromTaxRateId: f.ids['tax-rates'][2],
    toTaxRateId: f.ids['tax-rates'][1],
  }),
  // A channel's lines name its mappings, and the total is their sum.
  'POST /api/v1/channels/{code}/orders': (derived) => ({
    ...derived,
    type: 'takeaway',
    items: [{ externalId: 'beer', quantity: 1, price: 550 }],
    total: 550,
  }),
  'POST /api/v1/channels/{code}/quote': () => ({ items: [{ externalId: 'beer', quantity: 1 }] }),
  // A rule prices exactly one of a category, a dish and a variation.
  'POST /api/v1/price-rules': (derived) => ({ ...derived, ...oneTarget(derived) }),
  'PATCH /api/v1/price-rules/{id}': (derived) => ({ ...derived, ...oneTarget(derived) }),
  // Each order type is on one level: the fixture's level takes none, so valid levels do not collide.
  'POST /api/v1/price-levels': (derived) => ({ ...derived, orderTypes: [] }),
  'PATCH /api/v1/price-levels/{id}': (derived) => ({ ...derived, orderTypes: [] }),
  'PATCH /api/v1/tax-mappings/{id}': (derived, f) => ({
    ...derived,
    fromTaxRateId: f.ids['tax-rates'][0],
    toTaxRateId: f.ids['tax-rates'][1],
  }),
};

function oneTarget(derived: Record<string, unknown>): object {
  return { categoryId: null, dishId: derived.dishId, variationId: null };
}

export function validBodyOf(operation: Operation, spec: Schema, fixture: Fixture): object {
  const derived = validValue(operation.body!, '', spec, fixture) as Record<string, unknown>;
  return VALID_BODY_CHANGES[operation.key]?.(derived, fixture) ?? derived;
}

/** `[name, format]` when the schema is a date or a date-time. */
function datedField(name: string, schema: Schema | undefined, spec: Schema): Array<[string, DateFormat]> {
  const format: unknown = schema && resolved(schema, spec).format;
  return format === 'date' || format === 'date-time' ? [[name, format]] : [];
}

/** A body's date and date-time fields, nested ones included. */
function datedFields(schema: Schema, spec: Schema, seen = new Set<Schema>()): Array<[string, DateFormat]> {
  const shape = resolved(schema, spec);
  if (seen.has(shape)) return [];
  seen.add(shape);
  if (shape.type === 'array' && shape.items) return datedFields(shape.items as Schema, spec, seen);
  return Object.entries<Schema>(shape.properties ?? {}).flatMap(([name, property]) => [
    ...datedField(name, property, spec),
    ...datedFields(property, spec, seen),
  ]);
}

/** The schema a `$ref` (or a lone `allOf`) stands for. */
export function resolved(schema: Schema, spec: Schema): Schema {
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
