import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cleanups } from './bench-lib';

/**
 * For `--webhook`: a receiver on 127.0.0.1 that answers 200 at once and counts what arrives, so that the service
 * measured has a subscription whose deliveries go out during the load.
 */
export interface BenchReceiver {
  url: string;
  /** Requests received, and how many distinct X-Webhook-Id among them. */
  counts(): { requests: number; deliveries: number };
}

export async function startReceiver(): Promise<BenchReceiver> {
  let requests = 0;
  const ids = new Set<string>();
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      requests += 1;
      ids.add(String(request.headers['x-webhook-id']));
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/bench`,
    counts: () => ({ requests, deliveries: ids.size }),
  };
}
