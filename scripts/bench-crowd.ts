/**
 * A crowd of socket.io clients for `npm run bench`, in a process of its own so that decoding what the server pushes
 * to them does not slow the harness that times the kitchen screens. The harness forks its compiled copy and sends
 * a CrowdOrder; the crowd connects in batches and answers a CrowdReport, then holds the sockets open until killed,
 * answering 'tally' with a CrowdTally.
 */
import { io, Socket } from 'socket.io-client';

export interface CrowdOrder {
  /** The servers' addresses: socket i connects to the i-th, round robin. */
  baseUrls: string[];
  /** One handshake `auth` per socket. */
  auths: object[];
  batchSize: number;
  connectTimeoutMs: number;
}

export interface CrowdReport {
  connected: number;
  failed: number;
  firstError: string | null;
}

/** What the crowd's sockets received since they connected. */
export interface CrowdTally {
  /** `order.created` events, all sockets together. */
  orders: number;
  /** Sockets that lost their connection. */
  dropped: number;
}

const tally: CrowdTally = { orders: 0, dropped: 0 };

function connect(order: CrowdOrder, auth: object, i: number): Promise<Socket> {
  const socket = io(order.baseUrls[i % order.baseUrls.length], {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => (socket.close(), fail(new Error('no connection'))),
      order.connectTimeoutMs,
    );
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.on('order.created', () => (tally.orders += 1));
      socket.once('disconnect', () => (tally.dropped += 1));
      done(socket);
    });
    socket.once('connect_error', (error) => (clearTimeout(timer), socket.close(), fail(error)));
  });
}

/** Connects the sockets batch by batch, as a restaurant's screens come up over a minute rather than at once. */
async function gather(order: CrowdOrder): Promise<CrowdReport> {
  const report: CrowdReport = { connected: 0, failed: 0, firstError: null };
  for (let start = 0; start < order.auths.length; start += order.batchSize) {
    const batch = order.auths.slice(start, start + order.batchSize);
    for (const outcome of await Promise.allSettled(batch.map((auth, i) => connect(order, auth, start + i)))) {
      if (outcome.status === 'fulfilled') report.connected += 1;
      else {
        report.failed += 1;
        report.firstError ??= String(outcome.reason);
      }
    }
  }
  return report;
}

process.on('message', (message: CrowdOrder | 'tally') => {
  if (message === 'tally') process.send?.(tally);
  else void gather(message).then((report) => process.send?.(report));
});
// Dies with the harness.
process.once('disconnect', () => process.exit(0));
