import { io, ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import { eventBreach } from './contract';
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
  /**
   * Resolves once `predicate` holds for what was received; rejects after `timeoutMs`, at once when the socket
   * has been disconnected (it does not reconnect, so nothing more can arrive), or when a staff or API-key socket
   * received an event that breaks the OpenAPI document's `EventEnvelope`.
   */
  until(predicate: (received: Envelope[]) => boolean, timeoutMs?: number): Promise<void>;
  /**
   * Everything received before the first event that `isMarker` recognises, once that event has arrived: the way
   * to show that an event did NOT reach this client. Cause the marker, an event this client must receive, after
   * the request that could have produced the unwanted event has answered (so it has committed): events reach a
   * client in seq order, so an unwanted event, committed earlier, would have arrived before the marker. A fixed
   * wait instead would pass just as well when the unwanted event is merely late.
   */
  receivedBefore(isMarker: (event: Envelope) => boolean, timeoutMs?: number): Promise<Envelope[]>;
  disconnected(): Promise<string>;
  close(): void;
}

/**
 * Connects with `auth` as the handshake, from another loopback address (127.0.0.x) when `localAddress` is given;
 * rejects with the server's connect_error message when refused.
 */
export function connect(
  t: Pick<TestApp, 'url'>,
  auth: Record<string, unknown>,
  localAddress?: string,
): Promise<TestSocket> {
  // engine.io-client hands localAddress to ws in Node, though its types do not list it.
  const options: Partial<ManagerOptions & SocketOptions> & { localAddress?: string } = {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    localAddress,
  };
  const socket = io(t.url, options);
  const received: Envelope[] = [];
  const resyncs: Array<{ lastSeq: number }> = [];
  let disconnectReason: string | null = null;
  const disconnect = new Promise<string>((resolve) =>
    socket.once('disconnect', (reason) => {
      disconnectReason = reason;
      resolve(reason);
    }),
  );
  // Staff and API keys receive events as GET /events gives them, which the document describes; a guest's
  // phone receives its own view of the order (the QR page's), which it does not.
  const describedByDocument = typeof auth.token === 'string' || typeof auth.apiKey === 'string';
  let breach: Error | null = null;
  socket.onAny((name: string, payload: unknown) => {
    if (name === 'auth.expiring') return; // a notice to renew, not an event of the log
    if (name === 'resync.required') {
      resyncs.push(payload as { lastSeq: number });
      return;
    }
    received.push(payload as Envelope);
    if (describedByDocument) breach ??= eventBreach(name, payload);
  });
  const client: TestSocket = {
    socket,
    received,
    resyncs,
    until: (predicate, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          if (breach) return reject(breach);
          if (predicate(received)) return resolve();
          if (disconnectReason !== null) {
            return reject(new Error(`disconnected (${disconnectReason}) with ${received.length} events`));
          }
          if (Date.now() - started > timeoutMs) {
            return reject(
              new Error(`timed out with ${received.length} events: ${JSON.stringify(received.slice(-3))}`),
            );
          }
          setTimeout(check, 10);
        };
        check();
      }),
    receivedBefore: async (isMarker, timeoutMs) => {
      await client.until((events) => events.some(isMarker), timeoutMs);
      return received.slice(0, received.findIndex(isMarker));
    },
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
