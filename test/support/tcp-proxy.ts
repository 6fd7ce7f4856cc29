import { once } from 'node:events';
import { AddressInfo, createConnection, createServer, Socket } from 'node:net';

/**
 * A TCP proxy on a port of its own, so a test can take a server away from its client (as a restart or a network cut
 * would) without touching the server, or put a restarted server behind the same address.
 */
export interface TcpProxy {
  readonly port: number;
  /** Ends every open connection and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  /** Sends new connections to another port (a restarted server). */
  retarget(port: number): void;
  /** Connections refused since the proxy started: each one an attempt of the client to reach the server. */
  readonly refused: number;
  close(): Promise<void>;
}

export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const target = { host, port };
  const open = new Set<Socket>();
  let isCut = false;
  let refused = 0;

  const server = createServer((client) => {
    if (isCut) {
      refused += 1;
      client.destroy();
      return;
    }
    const upstream = createConnection(target);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      // A reset on one side ends the other: the client sees its connection die, as with a real outage.
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).on('close', () => client.destroy());
    upstream.pipe(client).on('close', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      isCut = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      isCut = false;
    },
    retarget(next) {
      target.port = next;
    },
    get refused() {
      return refused;
    },
    async close() {
      for (const socket of open) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
