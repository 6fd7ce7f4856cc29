/** The bench's HTTP client. */
import http from 'node:http';
import { cleanups } from './bench-lib';

const HTTP_TIMEOUT_MS = 15_000;

export interface Reply {
  status: number;
  body: unknown;
  headers: http.IncomingHttpHeaders;
}

export type Api = ReturnType<typeof createApi>;

/**
 * Plain node:http with a keep-alive agent, as a tablet app would talk: connections are reused; `maxSockets` caps
 * how many are open at once (further requests wait for a free one).
 */
export function createApi(baseUrl: string, maxSockets = Infinity) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  cleanups.push(() => agent.destroy());
  const call = (method: string, path: string, token?: string, body?: unknown, extra: object = {}) =>
    new Promise<Reply>((done, fail) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: http.OutgoingHttpHeaders = { Accept: 'application/json', ...extra };
      if (token?.startsWith('pos_')) headers['X-API-Key'] = token;
      else if (token) headers.Authorization = `Bearer ${token}`;
      if (payload !== undefined) {
        headers['Content-Type'] = 'application/json';
        headers['Content-Length'] = Buffer.byteLength(payload);
      }
      const request = http.request(`${baseUrl}${path}`, { method, agent, headers, timeout: HTTP_TIMEOUT_MS });
      request.on('timeout', () =>
        request.destroy(
          Object.assign(new Error(`${method} ${path}: no reply in ${HTTP_TIMEOUT_MS} ms`), {
            code: 'TIMEOUT',
          }),
        ),
      );
      request.on('error', fail);
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text for the error message
          }
          done({ status: response.statusCode ?? 0, body: parsed, headers: response.headers });
        });
      });
      request.end(payload);
    });
  /** A setup call that must succeed with `expected`. */
  const must = async <T>(expected: number, method: string, path: string, token?: string, body?: unknown) => {
    const reply = await call(method, path, token, body);
    if (reply.status !== expected) {
      throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    return reply.body as T;
  };
  return { call, must };
}
