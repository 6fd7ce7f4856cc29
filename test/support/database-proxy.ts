import { startTcpProxy, type TcpProxy } from './tcp-proxy';

/**
 * A TCP proxy in front of the PostgreSQL server, so a test can take the database away from the app under test
 * (as a restart or a network cut would) without touching the server the other specs share.
 */
export interface DatabaseProxy extends Pick<TcpProxy, 'cut' | 'restore' | 'refused' | 'close'> {
  /** `databaseUrl` with its host and port replaced by the proxy's. */
  through(databaseUrl: string): string;
}

export async function startDatabaseProxy(serverUrl: URL): Promise<DatabaseProxy> {
  const proxy = await startTcpProxy(serverUrl.hostname, Number(serverUrl.port || 5432));
  return Object.assign(proxy, {
    through(databaseUrl: string) {
      const url = new URL(databaseUrl);
      url.hostname = '127.0.0.1';
      url.port = String(proxy.port);
      return url.toString();
    },
  });
}
