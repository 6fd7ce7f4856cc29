import { once } from 'node:events';
import { AddressInfo, createConnection, createServer, Socket } from 'node:net';

/**
 * A TCP proxy on a port of its own, so a test can take a server away from its client (as a restart or a network cut
 * would) without touching the server, or put a restarted server behind the same address. Given several upstreams it
 * stands in for a load balancer in front of several instances.
 */
export interface TcpProxy {
  readonly port: number;
  /** Ends every open connection and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  /** Sends every new connection to this port (a restarted server, the one instance left). */
  retarget(port: number): void;
  /** Connections refused since the proxy started: each one an attempt of the client to reach the server. */
  readonly refused: number;
  /** With `affinity`: the upstream port each value of the header is kept on, in the order they were first seen. */
  readonly affinities: ReadonlyMap<string, number>;
  /**
   * Holds each request whose request line (`POST /api/…`) matches `pattern` until `count` of them are held, then
   * lets them all go on at once, so that they race at the upstreams; answers the upstream port of each.
   */
  gather(pattern: RegExp, count: number): Promise<number[]>;
  /**
   * Lets the next request whose request line matches `pattern` reach the upstream, then loses its reply: the
   * upstream has answered (committed) when the promise resolves, and the client never hears it. `cut` ends the
   * client's connection then, as a network cut would; `hold` keeps it open and silent, as a reply still on its way
   * to a client about to die would.
   */
  loseReply(pattern: RegExp, how: 'cut' | 'hold'): Promise<void>;
  close(): Promise<void>;
}

export interface TcpProxyOptions {
  /**
   * A request header (`X-Site-Credential`) whose value keeps a client on one upstream, as a balancer's session
   * affinity does: the values take the upstreams in turn, in the order they are first seen (a value first seen on a
   * kept-alive connection stays on that connection's upstream), and every new connection whose first request
   * carries a value goes to its upstream. Connections whose first request carries none go to the upstreams in turn.
   */
  affinity?: string;
  /** The address the proxy connects to its upstreams from: what they see as the client's (127.x.y.z). */
  from?: string;
}

/** The start of an HTTP/1.1 request: a request of the connection begins with this chunk. */
const REQUEST_LINE = /^[A-Z]+ \S+ HTTP\/1\.1\r\n/;
/** Headers longer than this are not waited for: the connection goes on without its affinity. */
const LONGEST_HEAD = 16_384;

export async function startTcpProxy(
  host: string,
  ports: number | number[],
  { affinity, from }: TcpProxyOptions = {},
): Promise<TcpProxy> {
  let upstreams = [ports].flat();
  let turn = 0;
  const affinities = new Map<string, number>();
  const open = new Set<Socket>();
  let isCut = false;
  let refused = 0;
  let gathering: { pattern: RegExp; count: number; held: Array<{ port: number; go: () => void }> } | null =
    null;
  let gathered: (ports: number[]) => void = () => undefined;
  let losing: { pattern: RegExp; how: 'cut' | 'hold'; lost: () => void } | null = null;

  const valueOf = (head: string) => {
    if (!affinity) return null;
    const line = head
      .split('\r\n')
      .find((header) => header.toLowerCase().startsWith(`${affinity.toLowerCase()}:`));
    return line ? line.slice(affinity.length + 1).trim() : null;
  };
  const portFor = (value: string | null) => {
    if (value === null) return upstreams[turn++ % upstreams.length];
    const known = affinities.get(value);
    if (known !== undefined && upstreams.includes(known)) return known;
    // Values new to the proxy take the upstreams in turn, in the order they are first seen.
    return upstreams[affinities.size % upstreams.length];
  };
  const keep = (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    // A reset on one side ends the other: the client sees its connection die, as with a real outage.
    socket.on('error', () => undefined);
  };

  const server = createServer((client) => {
    if (isCut) {
      refused += 1;
      client.destroy();
      return;
    }
    keep(client);
    let upstream: { socket: Socket; port: number } | null = null;
    let head = Buffer.alloc(0);
    /** Chunks waiting while one of this connection's requests is held by gather(). */
    let waiting: Buffer[] | null = null;
    const connect = (value: string | null) => {
      const port = portFor(value);
      const socket = createConnection({ host, port, localAddress: from });
      keep(socket);
      socket.pipe(client);
      client.on('close', () => socket.destroy());
      socket.on('close', () => client.destroy());
      upstream = { socket, port };
    };
    const forward = (chunk: Buffer) => {
      if (waiting) return void waiting.push(chunk);
      const start = chunk.toString('latin1', 0, Math.min(chunk.length, LONGEST_HEAD));
      if (REQUEST_LINE.test(start)) {
        const value = valueOf(start);
        if (value !== null && (!affinities.has(value) || !upstreams.includes(affinities.get(value)!))) {
          affinities.set(value, upstream!.port);
        }
        if (losing?.pattern.test(start)) {
          const { how, lost } = losing;
          losing = null;
          const { socket } = upstream!;
          socket.unpipe(client);
          socket.once('data', () => {
            if (how === 'cut') client.destroy();
            lost();
          });
          // Unpiped, it is paused: it flows again, its reply read and dropped.
          socket.resume();
        }
        if (gathering?.pattern.test(start)) {
          const held = (waiting = [chunk]);
          const go = () => {
            waiting = null;
            for (const part of held) upstream!.socket.write(part);
          };
          gathering.held.push({ port: upstream!.port, go });
          if (gathering.held.length === gathering.count) {
            const { held: all } = gathering;
            gathering = null;
            for (const request of all) request.go();
            gathered(all.map((request) => request.port));
          }
          return;
        }
      }
      upstream!.socket.write(chunk);
    };
    // Without affinity the upstream is chosen at once, whatever the protocol (the database proxy's PostgreSQL).
    if (!affinity) connect(null);
    client.on('data', (chunk: Buffer) => {
      if (upstream) return forward(chunk);
      head = Buffer.concat([head, chunk]);
      const complete = head.indexOf('\r\n\r\n') !== -1 || !/^[A-Z]+ /.test(head.toString('latin1', 0, 8));
      if (!complete && head.length < LONGEST_HEAD) return;
      connect(valueOf(head.toString('latin1')));
      forward(head);
    });
    client.on('end', () => (upstream ? upstream.socket.end() : client.destroy()));
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
      upstreams = [next];
    },
    get refused() {
      return refused;
    },
    affinities,
    gather(pattern, count) {
      gathering = { pattern, count, held: [] };
      return new Promise((resolve) => (gathered = resolve));
    },
    loseReply(pattern, how) {
      return new Promise((lost) => (losing = { pattern, how, lost }));
    },
    async close() {
      for (const socket of open) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
