/** The hostile-bodies sweep's requests: what each operation is sent, and a request that never sends its body. */
import http from 'node:http';
import { deeplyNested, longArray, MIB, paddedJson } from '../../scripts/hostile-bodies';
import type { Operation, Schema } from './hostile-operations';

/** How long a server may take to answer without the body before the request is called a hang. */
const HEADERS_ONLY_TIMEOUT_MS = 20_000;

/**
 * Sends a request's line and headers, announcing `contentLength` bytes of JSON, and never the body: resolves with
 * the status once the server answers without it; rejects when it has not answered in 20 s (it waits for the body).
 */
export function sendHeadersOnly(baseUrl: string, path: string, contentLength: number): Promise<number> {
  const target = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = http.request({
      host: target.hostname,
      port: target.port,
      method: 'POST',
      path,
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(contentLength) },
      timeout: HEADERS_ONLY_TIMEOUT_MS,
    });
    outgoing.on('response', (incoming) => {
      incoming.resume();
      resolve(incoming.statusCode ?? 0);
      outgoing.destroy();
    });
    outgoing.on('timeout', () => {
      outgoing.destroy();
      reject(new Error(`no answer without the body in ${HEADERS_ONLY_TIMEOUT_MS} ms`));
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') reject(error);
    });
    outgoing.flushHeaders();
  });
}

/** One hostile body, and the status it must be answered with (any 4xx when `status` is absent). */
export interface HostileBody {
  name: string;
  contentType: string;
  text: string;
  status?: number;
}

const DEEP_LEVELS = 10_000;
const ARRAY_LENGTH = 100_000;

/** Each kind built once: the sweep sends the same strings to every operation. */
const COMMON: HostileBody[] = [
  {
    name: '1 MiB and a byte',
    contentType: 'application/json',
    text: paddedJson(MIB + 1),
    status: 413,
  },
  { name: `nested ${DEEP_LEVELS} levels`, contentType: 'application/json', text: deeplyNested(DEEP_LEVELS) },
  {
    name: `a ${ARRAY_LENGTH}-element array as the body`,
    contentType: 'application/json',
    // 400 on JSON routes; a provider's webhook takes the raw bytes and its adapter answers.
    text: longArray(ARRAY_LENGTH),
  },
  { name: 'text/plain', contentType: 'text/plain', text: '{"a":1}', status: 400 },
  {
    name: 'multipart',
    contentType: 'multipart/form-data; boundary=sweep',
    text: '--sweep\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--sweep--\r\n',
    status: 400,
  },
  { name: 'a form', contentType: 'application/x-www-form-urlencoded', text: 'a=1&b=2', status: 400 },
];

const arrayFieldBodies = new Map<string, HostileBody>();

/**
 * The hostile bodies for an operation. One that takes a body also gets a 100,000-element array in a field of its
 * own (its first array field, else its first field), which passes the parsers and reaches validation.
 */
export function hostileBodiesFor(operation: Operation, spec: Schema): HostileBody[] {
  if (!operation.body) return COMMON;
  const field = arrayFieldOf(operation.body, spec);
  let inField = arrayFieldBodies.get(field);
  if (!inField) {
    inField = {
      name: `a ${ARRAY_LENGTH}-element array in ${field}`,
      contentType: 'application/json',
      text: longArray(ARRAY_LENGTH, field),
    };
    arrayFieldBodies.set(field, inField);
  }
  return [...COMMON, inField];
}

function arrayFieldOf(body: Schema, spec: Schema): string {
  const shape = body.$ref ? spec.components.schemas[String(body.$ref).split('/').pop()!] : body;
  const properties = Object.entries<Schema>(shape?.properties ?? {});
  const array = properties.find(([, property]) => property.type === 'array');
  return (array ?? properties[0])?.[0] ?? 'items';
}
