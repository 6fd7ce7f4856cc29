import { ValidationPipe } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { loginAdmin, Session } from './support/clients';
import { Contract } from './support/contract';
import { arbitraryOf, Schema } from './support/schema-arbitraries';
import { startTestApp, TestApp } from './support/test-app';

type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  'x-access': { service: string | null };
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

interface Call {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body?: unknown;
  /** Path parameters drawn from their schemas; the rest are random UUIDs (ids of nothing). */
  pathValues?: Record<string, string>;
  /** For a request made invalid: the field and how. */
  why?: string;
}

/** Where a random request would change what the rest of the run can do (log-ins, blocks, the day's close). */
const LEFT_OUT = [
  /^\/api\/v1\/auth\//,
  /^\/api\/v1\/security\/ip-blocks/,
  /^\/api\/v1\/business-days\/close/,
  /^\/api\/v1\/kitchen\/devices\/pair/,
  /^\/api\/v1\/terminals\/webhooks\//,
  /^\/api\/v1\/public\//,
  /^\/api\/v1\/channels\/\{code\}\/(orders|quote)/,
];
const SAMPLES_PER_BODY = 3;
const SEED = 20261125;

/**
 * The document's request schemas against the server, as admin on a fresh app. Requests drawn from the schemas
 * (fast-check, test/support/schema-arbitraries.ts) must never be refused by the validation of their input: the
 * global ValidationPipe is watched, so a 422 from state (an unknown dish id) is told apart from one from the
 * schema's disagreement with the DTO. Requests made invalid on one field (wrong type, out of bounds, bad uuid,
 * pattern or length, too many items) must be refused as invalid. 404 and 409 from state are fine.
 */
describe('Schema-driven fuzz against the published contract', () => {
  let t: TestApp;
  let admin: Session;
  let document: Document;
  let refusedByPipe = false;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    document = (await request(t.url).get('/docs-json').expect(200)).body as Document;
    const transform = ValidationPipe.prototype.transform;
    jest.spyOn(ValidationPipe.prototype, 'transform').mockImplementation(async function (
      this: ValidationPipe,
      ...args: Parameters<ValidationPipe['transform']>
    ) {
      try {
        return (await transform.apply(this, args)) as unknown;
      } catch (error) {
        refusedByPipe = true;
        throw error;
      }
    });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  async function send(call: Call) {
    refusedByPipe = false;
    const url = call.path.replace(/\{(\w+)\}/g, (_, name: string) => call.pathValues?.[name] ?? randomUUID());
    const method = call.method as 'get' | 'post' | 'patch' | 'put' | 'delete';
    const pending = request(t.url)
      [method](url)
      .query(call.query as Record<string, string>)
      .set('Authorization', `Bearer ${admin.accessToken}`);
    const response = call.body === undefined ? await pending : await pending.send(call.body as object);
    return { status: response.status, error: (response.body as { error?: unknown }).error, refusedByPipe };
  }

  it('accepts what the schemas allow and refuses what they refuse, but for state', async () => {
    const findings: string[] = [];
    const tally: Record<string, number> = {};
    const count = (key: string) => (tally[key] = (tally[key] ?? 0) + 1);
    const report = (call: Call, answer: Answer) =>
      findings.push(
        `${call.method.toUpperCase()} ${call.path} ${JSON.stringify({ query: call.query, body: call.body, why: call.why })}` +
          ` → ${answer.status} ${JSON.stringify(answer.error)}`,
      );
    let sent = 0;
    for (const { valid, invalid } of callsOf(document)) {
      let baseAccepted = false;
      let baseMetState = false;
      for (const [index, call] of valid.entries()) {
        const answer = await send(call);
        sent += 1;
        const refused = answer.status === 400 || (answer.status === 422 && answer.refusedByPipe);
        if (index === 0) [baseAccepted, baseMetState] = [!refused, answer.status === 422 && !refused];
        if (refused && crossFieldRule(call, answer)) count('allowed, refused by a rule across fields');
        else if (refused || answer.status >= 500) report(call, answer);
        else count(`allowed, answered ${answer.status}`);
      }
      // A mutation of a request refused already says nothing of the field it changes.
      if (!baseAccepted) {
        if (invalid.length > 0)
          count('invalid ones not sent: their base was refused by a rule across fields');
        continue;
      }
      for (const call of invalid) {
        const answer = await send(call);
        sent += 1;
        const field = call.why!.split(':')[0];
        const named = answer.status === 422 && namesField(answer.error, field);
        const stateFirst = answer.status === 404 && call.path.includes('{');
        // Ids are checked against what exists after the rest of the body: a base refused by state stays so.
        const stillState = baseMetState && answer.status === 422 && !answer.refusedByPipe;
        if (answer.status === 400 || named) count('invalid, refused naming the field');
        else if (stateFirst) count('invalid, 404 for the unknown resource first');
        else if (stillState) count('invalid, refused by state before the field');
        else report(call, answer);
      }
    }
    process.stdout.write(`contract fuzz: ${sent} requests ${JSON.stringify(tally)}\n`);
    expect(findings).toEqual([]);
    expect(sent).toBeGreaterThan(300);
  }, 120_000);
});

type Answer = { status: number; error: unknown; refusedByPipe: boolean };

function namesField(error: unknown, field: string): boolean {
  const details = (error as { details?: Array<{ field: string }> } | undefined)?.details ?? [];
  return details.some(
    (detail) =>
      detail.field === field ||
      (/^[[.]/.test(detail.field.slice(field.length)) && detail.field.startsWith(field)),
  );
}

/**
 * Rules that compare one field's value with another's, which JSON Schema cannot state (the rules by kind it can,
 * and the document does: @SchemaRules). The fields they name and what they say; each is described on its field.
 */
const CROSS_FIELD_RULES: Array<[RegExp, RegExp]> = [
  // A window cannot start and end at the same time.
  [/^\/api\/v1\/menu-schedules/, /^windows\[\d+\]\.to must differ from `from`/],
  // A period starts before it ends.
  [/./, /^from must not be after to/],
];

function crossFieldRule(call: Call, answer: Answer): boolean {
  const details = (answer.error as { details?: Array<{ field: string; message: string }> }).details ?? [];
  return (
    details.length > 0 &&
    details.every(({ field, message }) =>
      CROSS_FIELD_RULES.some(([path, rule]) => path.test(call.path) && rule.test(`${field} ${message}`)),
    )
  );
}

function* operationsOf(document: Document): Generator<[string, string, Operation]> {
  for (const [path, item] of Object.entries(document.paths)) {
    if (LEFT_OUT.some((pattern) => pattern.test(path))) continue;
    for (const [method, operation] of Object.entries(item)) {
      // Headquarters' routes answer this site 404 whatever is sent (the access sweep proves it).
      if (operation['x-access'].service === 'hq') continue;
      yield [method, path, operation];
    }
  }
}

function bodySchemaOf(operation: Operation): Schema | undefined {
  return operation.requestBody?.content['application/json']?.schema;
}

function queryArbitrary(operation: Operation, schemas: Record<string, Schema>) {
  const query = (operation.parameters ?? []).filter((p) => p.in === 'query' && p.schema);
  const model = Object.fromEntries(query.map((p) => [p.name, arbitraryOf(p.schema!, schemas)]));
  const required = query.filter((p) => p.required).map((p) => p.name);
  return fc.record(model, { requiredKeys: required }).map((values) =>
    // A query value is text: null is not a value a query can carry.
    Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null)),
  );
}

/** For each operation: requests drawn from its schemas, and the first of them made invalid on one field at a time. */
function* callsOf(document: Document): Generator<{ valid: Call[]; invalid: Call[] }> {
  const schemas = document.components.schemas;
  const contract = Contract.fromSetup();
  let seed = SEED;
  for (const [method, path, operation] of operationsOf(document)) {
    const bodySchema = bodySchemaOf(operation);
    // The arbitraries honour each keyword on its own; a rule across fields (a oneOf by kind) the schema checks.
    const bodies = bodySchema
      ? arbitraryOf(bodySchema, schemas).filter((value) => contract.allowsBody(method, path, value))
      : fc.constant(undefined);
    const arbitrary = fc.tuple(queryArbitrary(operation, schemas), bodies);
    const samples = fc.sample(arbitrary, { numRuns: bodySchema ? SAMPLES_PER_BODY : 1, seed: seed++ });
    const pathValues = pathValuesOf(operation, schemas, seed);
    const valid = samples.map(([query, body]): Call => ({ method, path, pathValues, query, body }));
    const [query, body] = samples[0];
    const invalid: Call[] = [];
    for (const parameter of (operation.parameters ?? []).filter((p) => p.in === 'query' && p.schema)) {
      // A query carries text: a number where text is expected is still text there.
      const refused = invalidValuesOf(parameter.schema!, schemas).filter(
        ([value]) => typeof value !== 'number' || parameter.schema!.type !== 'string',
      );
      for (const [value, why] of refused.slice(0, 1)) {
        invalid.push({
          method,
          path,
          pathValues,
          query: { ...query, [parameter.name]: value },
          body,
          why: `${parameter.name}: ${why}`,
        });
      }
    }
    const resolvedBody = bodySchema ? resolve(bodySchema, schemas) : {};
    for (const name of fieldsItsKindRequires(resolvedBody, body)) {
      const without = { ...(body as Record<string, unknown>) };
      delete without[name];
      invalid.push({
        method,
        path,
        pathValues,
        query,
        body: without,
        why: `${name}: left out, its kind needs it`,
      });
    }
    const properties = resolvedBody.properties ?? {};
    for (const [name, property] of Object.entries(properties)) {
      for (const [value, why] of invalidValuesOf(property, schemas).slice(0, 2)) {
        invalid.push({
          method,
          path,
          pathValues,
          query,
          body: { ...(body as object), [name]: value },
          why: `${name}: ${why}`,
        });
      }
    }
    yield { valid, invalid };
  }
}

/**
 * The fields a body has because the `oneOf` member it matches requires them (a reward of kind `amount`, its
 * amount; a dish, its price), beyond what the schema always requires: leaving one out breaks the rule.
 */
function fieldsItsKindRequires(schema: Schema, body: unknown): string[] {
  const always = new Set(schema.required ?? []);
  const sent = body as Record<string, unknown>;
  const member = (schema.oneOf ?? []).find(
    (candidate) =>
      Object.entries(candidate.properties ?? {}).every(
        ([name, property]) => !property.enum || property.enum.includes(sent[name]),
      ) && (candidate.required ?? []).every((name) => name in sent),
  );
  const discriminators = Object.keys(member?.properties ?? {}).filter(
    (name) => member!.properties![name].enum,
  );
  return (member?.required ?? []).filter((name) => !always.has(name) && !discriminators.includes(name));
}

/** Values for the path parameters whose schema says more than `string`; a channel's code gets a plain one. */
function pathValuesOf(
  operation: Operation,
  schemas: Record<string, Schema>,
  seed: number,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const parameter of (operation.parameters ?? []).filter((p) => p.in === 'path' && p.schema)) {
    const { format, pattern } = parameter.schema!;
    if (format || pattern) {
      const [value] = fc.sample(arbitraryOf(parameter.schema!, schemas), { numRuns: 1, seed });
      values[parameter.name] = String(value);
    } else if (parameter.name === 'code') values[parameter.name] = 'fuzz';
  }
  return values;
}

function resolve(schema: Schema, schemas: Record<string, Schema>): Schema {
  if (schema.$ref) return schemas[schema.$ref.split('/').pop()!];
  if (schema.allOf?.length === 1) return resolve(schema.allOf[0], schemas);
  return schema;
}

/** Values the schema refuses, with why: the kinds a client's mistakes take. */
function invalidValuesOf(schema: Schema, schemas: Record<string, Schema>): Array<[unknown, string]> {
  const resolved = resolve(schema, schemas);
  const type = Array.isArray(resolved.type) ? resolved.type.find((t) => t !== 'null') : resolved.type;
  const values: Array<[unknown, string]> = [];
  if (resolved.enum) values.push(['not-one-of-them', 'not in the enum']);
  if (type === 'integer') values.push([1.5, 'a fraction for an integer']);
  if (type === 'integer' || type === 'number') {
    if (resolved.maximum !== undefined) values.push([resolved.maximum + 1, 'above the maximum']);
    if (resolved.minimum !== undefined) values.push([resolved.minimum - 1, 'below the minimum']);
  }
  if (type === 'string' && !resolved.enum) {
    if (resolved.format === 'uuid') values.push(['not-a-uuid', 'not a uuid']);
    if (resolved.pattern && !new RegExp(resolved.pattern).test('!?'))
      values.push(['!?', 'against the pattern']);
    if (resolved.maxLength !== undefined) values.push(['x'.repeat(resolved.maxLength + 1), 'too long']);
    values.push([12, 'a number for a string']);
  }
  if (type === 'boolean') values.push(['yes', 'text for a boolean']);
  if (type === 'array') {
    if (resolved.maxItems !== undefined && resolved.items) {
      const [item] = fc.sample(arbitraryOf(resolved.items, schemas), { numRuns: 1, seed: SEED });
      const items = Array.from({ length: resolved.maxItems + 1 }, () => item);
      values.push([items, 'too many items']);
    }
    values.push(['a-string', 'text for a list']);
  }
  return values;
}
