import { once } from 'node:events';
import { AddressInfo, createConnection, createServer, Socket } from 'node:net';

/**
 * A TCP proxy in front of the PostgreSQL server, so a test can take the database away from the app under test
 * (as a restart or a network cut would) without touching the server the other specs share.
 */
export interface DatabaseProxy {
  /** `databaseUrl` with its host and port replaced by the proxy's. */
  through(databaseUrl: string): string;
  /** Ends every open connection and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  /** Connections refused since the proxy started: each one an attempt of the app to reach the database. */
  readonly refused: number;
  close(): Promise<void>;
}

export async function startDatabaseProxy(serverUrl: URL): Promise<DatabaseProxy> {
  const target = { host: serverUrl.hostname, port: Number(serverUrl.port || 5432) };
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
      // A reset on one side ends the other: the app sees its connection die, as with a real outage.
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).on('close', () => client.destroy());
    upstream.pipe(client).on('close', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    through(databaseUrl) {
      const url = new URL(databaseUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    cut() {
      isCut = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      isCut = false;
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
