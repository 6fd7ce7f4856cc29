import { io, Socket } from 'socket.io-client';
import type { TestApp } from './test-app';

export interface Envelope {
  seq: number;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** A connected socket.io client with everything it received, in arrival order. */
export interface TestSocket {
  socket: Socket;
  received: Envelope[];
  resyncs: Array<{ lastSeq: number }>;
  /** Resolves once `predicate` holds for what was received, or rejects after `timeoutMs`. */
  until(predicate: (received: Envelope[]) => boolean, timeoutMs?: number): Promise<void>;
  disconnected(): Promise<string>;
  close(): void;
}

/** Connects with `auth` as the handshake; rejects with the server's connect_error message when refused. */
export function connect(t: TestApp, auth: Record<string, unknown>): Promise<TestSocket> {
  const socket = io(t.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  const received: Envelope[] = [];
  const resyncs: Array<{ lastSeq: number }> = [];
  const disconnect = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
  socket.onAny((name: string, payload: unknown) => {
    if (name === 'resync.required') resyncs.push(payload as { lastSeq: number });
    else received.push(payload as Envelope);
  });
  const client: TestSocket = {
    socket,
    received,
    resyncs,
    until: (predicate, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          if (predicate(received)) return resolve();
          if (Date.now() - started > timeoutMs) {
            return reject(
              new Error(`timed out with ${received.length} events: ${JSON.stringify(received.slice(-3))}`),
            );
          }
          setTimeout(check, 10);
        };
        check();
      }),
    disconnected: () => disconnect,
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Waits a little to show that something does NOT arrive. */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * For a describe block: answers an `open(auth)` whose sockets are all closed after each test.
 * `app` is a getter because the app starts in beforeAll.
 */
export function openSockets(app: () => TestApp): (auth: Record<string, unknown>) => Promise<TestSocket> {
  const opened: TestSocket[] = [];
  afterEach(() => {
    for (const socket of opened.splice(0)) socket.close();
  });
  return async (auth) => {
    const socket = await connect(app(), auth);
    opened.push(socket);
    return socket;
  };
}
