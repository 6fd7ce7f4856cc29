import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookBreach } from './contract';

/**
 * How a path of the receiver answers: 200, 200 after 100 ms, 500, never (the sender times out), or 200 once the
 * test releases it.
 */
export type ReceiverMode = 'ok' | 'slow' | 'fail' | 'hang' | 'held';

const SLOW_REPLY_MS = 100;

export interface ReceivedDelivery {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The body exactly as its bytes arrived: what the signature covers. */
  rawBody: string;
  body: { seq: number; type: string; occurredAt: string; data: { id: string } & Record<string, unknown> };
  /** How the receiver answered it. */
  answered: ReceiverMode;
}

/** A webhook receiver on 127.0.0.1 that records every request and answers per path as told. */
export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  /** The first webhook delivery that broke the OpenAPI document's `webhooks`: `arrived` fails with it. */
  private breach: Error | null = null;
  private readonly modes = new Map<string, ReceiverMode>();
  private readonly hanging = new Set<http.ServerResponse>();
  private readonly held: Array<() => void> = [];
  private server!: http.Server;
  private port = 0;

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    receiver.server = http.createServer((request, response) => receiver.handle(request, response));
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.port = (receiver.server.address() as AddressInfo).port;
    return receiver;
  }

  url(path: string, host = '127.0.0.1'): string {
    return `http://${host}:${this.port}${path}`;
  }

  answer(path: string, mode: ReceiverMode): void {
    this.modes.set(path, mode);
  }

  /** What arrived at a path (answered anyhow), in arrival order. */
  at(path: string): ReceivedDelivery[] {
    return this.received.filter((delivery) => delivery.path === path);
  }

  /** Waits until `count` requests have arrived at a path; answers them. */
  arrived(path: string, count: number): Promise<ReceivedDelivery[]> {
    return eventually<ReceivedDelivery[]>(`${count} requests at ${path}`, () => {
      if (this.breach) throw this.breach;
      return this.at(path).length >= count && this.at(path);
    });
  }

  /** Those a path answered with 200. */
  acceptedAt(path: string): ReceivedDelivery[] {
    return this.at(path).filter((delivery) => ['ok', 'slow', 'held'].includes(delivery.answered));
  }

  /** Answers 200 to every request held so far. */
  release(): void {
    for (const reply of this.held.splice(0)) reply();
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const mode = this.modes.get(path) ?? 'ok';
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(rawBody) as ReceivedDelivery['body'];
      this.received.push({ path, headers: request.headers, rawBody, body, answered: mode });
      if (request.headers['x-webhook-event'] !== undefined) {
        this.breach ??= webhookBreach(request.headers, body);
      }
      if (mode === 'hang') {
        this.hanging.add(response);
        return;
      }
      const reply = () => {
        response.writeHead(mode === 'fail' ? 500 : 200, { 'Content-Type': 'text/plain' });
        response.end(mode === 'fail' ? 'receiver broke' : 'thanks');
      };
      if (mode === 'slow') setTimeout(reply, SLOW_REPLY_MS);
      else if (mode === 'held') this.held.push(reply);
      else reply();
    });
  }
}

type Falsy = false | null | undefined | 0 | '';

/** Polls `check` until it answers something truthy; fails after `timeoutMs` with `what`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | Falsy> | T | Falsy,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
