/**
 * Bodies that cost a server the most per byte, and a client that sends them exactly as they are: shared by the
 * flood (`npm run flood`) and the suite's hostile-bodies sweep.
 */
import http, { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';

export const MIB = 1024 * 1024;

export interface TimedReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** From the first byte sent to the last received. */
  ms: number;
}

export interface SendOptions {
  agent?: http.Agent;
  /** The request fails with a TIMEOUT error after this long without a complete reply. */
  timeoutMs?: number;
}

/** One request with the body exactly as given (no client-side encoding), timed. */
export function sendBody(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
  { agent, timeoutMs = 15_000 }: SendOptions = {},
): Promise<TimedReply> {
  const target = new URL(baseUrl);
  const bytes = body === undefined ? undefined : Buffer.from(body, 'utf8');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = http.request({
      host: target.hostname,
      port: target.port,
      method,
      path,
      agent,
      headers: { ...headers, ...(bytes ? { 'Content-Length': String(bytes.length) } : {}) },
    });
    const timer = setTimeout(
      () =>
        outgoing.destroy(
          Object.assign(new Error(`${method} ${path}: no reply in ${timeoutMs} ms`), { code: 'TIMEOUT' }),
        ),
      timeoutMs,
    );
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: incoming.statusCode ?? 0,
          headers: incoming.headers,
          text: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - started,
        });
      });
      incoming.on('error', reject);
    });
    // A server that answers before reading the whole body may close the socket under the rest of it: the reply
    // still arrives, and is what counts.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return;
      clearTimeout(timer);
      reject(error);
    });
    outgoing.end(bytes);
  });
}

/** A JSON object of exactly `bytes` bytes: `{"padding":"xxx…"}`. */
export function paddedJson(bytes: number): string {
  const frame = '{"padding":""}';
  return `{"padding":"${'x'.repeat(bytes - frame.length)}"}`;
}

/** `levels` arrays inside one another under one field: `{"a":[[[…]]]}`. */
export function deeplyNested(levels: number): string {
  return `{"a":${'['.repeat(levels)}${']'.repeat(levels)}}`;
}

/** `length` empty objects, as the whole body or as one field of it: `[{},{},…]`, `{"items":[{},{},…]}`. */
export function longArray(length: number, field?: string): string {
  const array = `[${Array.from({ length }, () => '{}').join(',')}]`;
  return field === undefined ? array : `{${JSON.stringify(field)}:${array}}`;
}
