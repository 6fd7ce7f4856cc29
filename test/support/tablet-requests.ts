/**
 * Every operation of the served OpenAPI spec as a tablet sends it: the hostile sweep's valid request, with
 * X-Device-Id on every request, a fresh Idempotency-Key where the operation takes one, and fresh client ids where
 * its body allows `id` (docs/clients.md). What the lock-order check must see on every route a tablet reaches.
 */
import { randomUUID } from 'node:crypto';
import type { Fixture } from './hostile-fixture';
import { toJson } from './hostile-input';
import { Operation, resolved, Schema, validBodyOf, validSegmentsOf } from './hostile-operations';
import type { HostileRequest } from './hostile-requests';
import { RawReply, send } from './hostile-sending';
import type { TestApp } from './test-app';

/** The request without the body fields a 422 named (`fulfilment`, `items[0].optionIds[0]`); null: none to take. */
function withoutRefusedFields(request: HostileRequest, replyText: string): HostileRequest | null {
  if (!request.body) return null;
  const details = (JSON.parse(replyText) as { error?: { details?: unknown } }).error?.details;
  if (!Array.isArray(details)) return null;
  const body = JSON.parse(request.body.text) as Record<string, unknown>;
  const removed = details.filter((detail: { field?: unknown }) =>
    typeof detail.field === 'string' ? remove(body, detail.field) : false,
  );
  if (removed.length === 0) return null;
  return { ...request, body: { ...request.body, text: toJson(body) } };
}

/** Removes the value at a field path from a parsed body: a property deleted, an array element spliced out. */
function remove(body: Record<string, unknown>, field: string): boolean {
  const steps = field.split(/\.|\[(\d+)\]/).filter((step) => step !== undefined && step !== '');
  let holder: unknown = body;
  for (const step of steps.slice(0, -1)) {
    if (holder === null || typeof holder !== 'object') return false;
    holder = (holder as Record<string, unknown>)[step];
  }
  const last = steps[steps.length - 1];
  if (Array.isArray(holder) && /^\d+$/.test(last) && Number(last) < holder.length) {
    holder.splice(Number(last), 1);
    return true;
  }
  if (holder === null || typeof holder !== 'object' || !(last in holder)) return false;
  delete (holder as Record<string, unknown>)[last];
  return true;
}

/** How ClientIdProperty describes an id the client may choose. */
const CLIENT_ID = /chosen by the client/;

let keys = 0;

/**
 * Sends the operation's request as a tablet would, and again without the body fields a 422 named (up to three
 * times): most valid bodies the sweep starts from hold a value only the sweep's mutations take out.
 */
export async function sendAsTablet(
  t: TestApp,
  operation: Operation,
  spec: Schema,
  fixture: Fixture,
  deviceId: string,
): Promise<{ request: HostileRequest; reply: RawReply }> {
  let request = tabletRequest(operation, spec, fixture, deviceId, t.clock.now());
  let reply = await send(t, operation, request, fixture);
  for (let again = 0; again < 3 && reply.status === 422; again++) {
    const fewer = withoutRefusedFields(request, reply.text);
    if (!fewer) break;
    request = fewer;
    reply = await send(t, operation, request, fixture);
  }
  return { request, reply };
}

function tabletRequest(
  operation: Operation,
  spec: Schema,
  fixture: Fixture,
  deviceId: string,
  now: Date,
): HostileRequest {
  const segments = validSegmentsOf(operation, fixture);
  const headers: Record<string, string> = { 'X-Device-Id': deviceId };
  if (operation.headers.includes('Idempotency-Key')) headers['Idempotency-Key'] = `tablet-${(keys += 1)}`;
  const body =
    operation.body &&
    withClientIds(
      withRealDays(validBodyOf(operation, spec, fixture), operation, now) as Record<string, unknown>,
      operation.body,
      spec,
    );
  return {
    mutation: 'as a tablet sends it',
    segments,
    query: '',
    headers,
    body: body === undefined ? undefined : { text: toJson(body), contentType: 'application/json' },
  };
}

/** Every date or date-time field (at any depth) an hour from now: the sweep's valid body leaves them to mutate. */
function withRealDays(value: unknown, operation: Operation, now: Date, field = ''): unknown {
  const format = operation.dated.get(field);
  if (format) {
    const soon = new Date(now.getTime() + 3_600_000).toISOString();
    return format === 'date' ? soon.slice(0, 10) : soon;
  }
  if (Array.isArray(value)) return value.map((inner) => withRealDays(inner, operation, now));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, inner]) => [name, withRealDays(inner, operation, now, name)]),
  );
}

/** The body with a new UUID in each `id` the schema lets the client choose: its own, and its lines'. */
function withClientIds(body: Record<string, unknown>, schema: Schema, spec: Schema): Record<string, unknown> {
  const properties = resolved(schema, spec).properties ?? {};
  const copy: Record<string, unknown> = { ...body };
  if (isClientId(properties.id, spec)) copy.id = randomUUID();
  for (const [name, property] of Object.entries<Schema>(properties)) {
    const shape = resolved(property, spec);
    const lines = copy[name];
    if (shape.type !== 'array' || !Array.isArray(lines) || !shape.items) continue;
    const line = resolved(shape.items as Schema, spec);
    if (!isClientId(line.properties?.id, spec)) continue;
    copy[name] = lines.map((value: Record<string, unknown>) => ({ ...value, id: randomUUID() }));
  }
  return copy;
}

function isClientId(property: Schema | undefined, spec: Schema): boolean {
  return property !== undefined && CLIENT_ID.test(String(resolved(property, spec).description ?? ''));
}
