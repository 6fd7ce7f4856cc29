/**
 * Every event type the code can append (the event catalogue: src/event-log/event-type.ts, its audiences declared in
 * src/event-log/event-audiences.ts) is in the served document's enums, has an envelope there when anyone receives
 * it, and is named in docs/events.md: a validating proxy in front of GET /events or the sockets never meets a type
 * the document does not list.
 */
import { AUDIT_ACTIONS, type AuditAction } from '../src/audit/audit-actions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DECLARED_AUDIENCES } from '../src/event-log/event-audiences';
import { EventType, INTEGRATION_EVENT_TYPES } from '../src/event-log/event-type';
import { as, loginAdmin, Session } from './support/clients';
import { factories } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type Schema = {
  enum?: unknown[];
  properties?: Record<string, Schema>;
  discriminator?: { mapping: Record<string, string> };
};
type Spec = { components: { schemas: Record<string, Schema> } };

const CATALOGUE = Object.values(EventType).sort();
/** The types someone receives (over sockets, GET /events or webhooks); the rest only instances act on. */
const RECEIVED = CATALOGUE.filter((type) => {
  const { roles, guests, integrations } = DECLARED_AUDIENCES[type];
  return roles.length > 0 || guests !== null || integrations;
});

/** Every string enum of the document that names at least one event type, by where it is. */
function eventTypeEnums(node: unknown, path = '#'): Array<{ path: string; values: string[] }> {
  if (typeof node !== 'object' || node === null) return [];
  const found: Array<{ path: string; values: string[] }> = [];
  const { enum: values } = node as Schema;
  // The audit log's actions share some names with event types (`business_day.closed`) but are another list.
  const auditActions =
    Array.isArray(values) && values.every((value) => AUDIT_ACTIONS.includes(value as AuditAction));
  if (
    Array.isArray(values) &&
    !auditActions &&
    values.some((value) => CATALOGUE.includes(value as EventType))
  ) {
    found.push({ path, values: values as string[] });
  }
  for (const [key, child] of Object.entries(node)) found.push(...eventTypeEnums(child, `${path}/${key}`));
  return found;
}

/** EventEnvelope maps exactly the types someone receives, each to its own envelope of that type. */
function expectEnvelopes({ components: { schemas } }: Spec): void {
  const mapping = schemas.EventEnvelope.discriminator!.mapping;
  expect(Object.keys(mapping).sort()).toEqual(RECEIVED);
  for (const type of RECEIVED) {
    expect(schemas[mapping[type].split('/').pop()!].properties!.type.enum).toEqual([type]);
  }
}

describe('The event catalogue in the served OpenAPI document and docs/events.md', () => {
  let t: TestApp;
  let spec: Spec;
  let admin: Session;

  beforeAll(async () => {
    t = await startTestApp();
    spec = (await t.http().get('/docs-json').expect(200)).body as Spec;
    admin = await loginAdmin(t);
    await factories(t, admin).newRestaurant();
  });

  afterAll(() => t?.close());

  it('lists every event type in the EventType enum, and no enum names a type the code cannot append', () => {
    expect([...(spec.components.schemas.EventType.enum as string[])].sort()).toEqual(CATALOGUE);
    const strangers = eventTypeEnums(spec).flatMap(({ path, values }) =>
      values.filter((value) => !CATALOGUE.includes(value as EventType)).map((value) => `${path}: ${value}`),
    );
    expect(strangers).toEqual([]);
    expect([...(spec.components.schemas.IntegrationEventType.enum as string[])].sort()).toEqual(
      [...INTEGRATION_EVENT_TYPES].sort(),
    );
  });

  it('gives every event type someone receives its own envelope in EventEnvelope', () => {
    expectEnvelopes(spec);
  });

  it('names every event type in docs/events.md', () => {
    const catalogue = readFileSync(join(__dirname, '..', 'docs', 'events.md'), 'utf8');
    expect(CATALOGUE.filter((type) => !catalogue.includes(`| \`${type}\``))).toEqual([]);
  });

  it('answers GET /events with types of the envelope only', async () => {
    const mapping = spec.components.schemas.EventEnvelope.discriminator!.mapping;
    const { body } = await as(t, admin).get('/api/v1/events?since=0&limit=1000').expect(200);
    const types = (body.items as Array<{ type: string }>).map((event) => event.type);
    expect(types.length).toBeGreaterThan(0);
    expect(types.filter((type) => !(type in mapping))).toEqual([]);
  });
});

describe('The event catalogue in the document headquarters serves', () => {
  let hq: TestApp;

  beforeAll(async () => {
    hq = await startTestApp({ POS_ROLE: 'hq' });
  });

  afterAll(() => hq?.close());

  it('gives every event type someone receives its own envelope in EventEnvelope there too', async () => {
    expectEnvelopes((await hq.http().get('/docs-json').expect(200)).body as Spec);
  });
});
