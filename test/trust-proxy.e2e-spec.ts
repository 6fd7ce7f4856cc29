/**
 * TRUST_PROXY: whose X-Forwarded-For names the client. Unset, the header is ignored, so a client cannot claim another
 * address to pass an API key's allow-list or escape a lock-out; with the proxy trusted, the forwarded address is the
 * client everywhere (allow-lists over HTTP and socket.io, lock-outs, security events, QR rate limits), not the proxy.
 * Requests come from loopback addresses (127.0.0.x) standing in for a proxy or a client.
 */
import { MAX_PEOPLE_PER_ADDRESS } from '../src/auth/login-throttle';
import { io, ManagerOptions, SocketOptions } from 'socket.io-client';
import { as, issueKey, loginAdmin, requestFrom, Session } from './support/clients';
import { factories } from './support/factories';
import { ADMIN, startTestApp, TestApp } from './support/test-app';

/** The proxy's own address: the socket peer of every request below. */
const PROXY = '127.0.0.9';
/** The address allowed to use the key: the real client's, forwarded by the proxy. */
const ALLOWED = '203.0.113.7';

interface SecurityEvent {
  type: string;
  subject: string | null;
  ip: string | null;
  details: { reason?: string } | null;
}

describe.each([
  ['unset', {}],
  ['loopback', { TRUST_PROXY: 'loopback' }],
])('TRUST_PROXY %s', (setting, env: Record<string, string>) => {
  const trusted = setting !== 'unset';
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await startTestApp(env);
    admin = await loginAdmin(t);
  });

  afterAll(() => t.close());

  const forwarded = (forwardedFor: string) => ({ 'X-Forwarded-For': forwardedFor });
  const securityEvents = async () => {
    const response = await as(t, admin).get('/api/v1/security/events?perPage=100').expect(200);
    return (response.body as { items: SecurityEvent[] }).items;
  };
  const ordersWithKey = (key: string, forwardedFor: string) =>
    requestFrom(t, PROXY, 'GET', '/api/v1/orders', {
      headers: { 'X-API-Key': key, ...forwarded(forwardedFor) },
    });
  const login = (body: object, forwardedFor: string) =>
    requestFrom(t, PROXY, 'POST', '/api/v1/auth/login', { body, headers: forwarded(forwardedFor) });

  /** Resolves with 'connected' or the connect_error message. */
  const handshake = (auth: object, forwardedFor: string) =>
    new Promise<string>((resolve) => {
      // engine.io-client hands localAddress to ws in Node, though its types do not list it.
      const options: Partial<ManagerOptions & SocketOptions> & { localAddress: string } = {
        auth,
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        localAddress: PROXY,
        extraHeaders: forwarded(forwardedFor),
      };
      const socket = io(t.url, options);
      socket.on('connect', () => {
        socket.close();
        resolve('connected');
      });
      socket.on('connect_error', (error) => {
        socket.close();
        resolve(error.message);
      });
    });

  it('admits an allow-listed key by the forwarded address only when the proxy is trusted', async () => {
    const issued = await issueKey(t, admin, {
      scopes: ['orders:read', 'events:read'],
      allowedIps: [ALLOWED],
    });
    expect((await ordersWithKey(issued.key, ALLOWED)).status).toBe(trusted ? 200 : 403);
    expect(await handshake({ apiKey: issued.key }, ALLOWED)).toBe(trusted ? 'connected' : 'UNAUTHORIZED');

    // A client that writes the allowed address into the header itself: a trusted proxy appends the real one.
    const spoofed = `${ALLOWED}, 198.51.100.4`;
    expect((await ordersWithKey(issued.key, spoofed)).status).toBe(403);
    expect(await handshake({ apiKey: issued.key }, spoofed)).toBe('UNAUTHORIZED');

    const refusals = (await securityEvents()).filter(
      (event) => event.subject === `apiKey:${issued.id}` && event.details?.reason === 'ip_not_allowed',
    );
    const recorded = trusted ? ['198.51.100.4', '198.51.100.4'] : [PROXY, PROXY, PROXY, PROXY];
    expect(refusals.map((event) => event.ip?.replace(/^::ffff:/, ''))).toEqual(recorded);
  });

  // Before the lock-out: its failed logins (eight people, then the locked-out admin twice) get the address blocked.
  it('limits QR calls per forwarded guest device when the proxy is trusted, and per peer otherwise', async () => {
    const table = await factories(t, admin).newTable(`T-${setting}`);
    const path = `/api/v1/public/tables/${table.qrToken}/call-waiter`;
    const call = (forwardedFor: string) =>
      requestFrom(t, PROXY, 'POST', path, { body: {}, headers: forwarded(forwardedFor) });
    for (let i = 0; i < 3; i++) expect((await call('198.51.100.30')).status).toBe(202);
    expect((await call('198.51.100.30')).status).toBe(429);
    expect((await call('198.51.100.31')).status).toBe(trusted ? 202 : 429);
  });

  it('locks out the forwarded client when the proxy is trusted, and the peer otherwise', async () => {
    const sprayer = '198.51.100.20';
    // An address locks once this many people failed there (one person's typos lock only that person).
    for (let i = 0; i < MAX_PEOPLE_PER_ADDRESS; i++) {
      expect((await login({ username: `nobody-${i}`, password: 'x' }, sprayer)).status).toBe(401);
    }
    expect((await login(ADMIN, sprayer)).status).toBe(429);
    // Another client behind the same proxy: locked out with it only when the proxy is taken for the client.
    expect((await login(ADMIN, '198.51.100.21')).status).toBe(trusted ? 200 : 429);

    const failures = (await securityEvents()).filter(
      (event) => event.type === 'login.failed' && event.subject?.startsWith('nobody-'),
    );
    expect(failures.map((event) => event.ip?.replace(/^::ffff:/, ''))).toEqual(
      Array(MAX_PEOPLE_PER_ADDRESS).fill(trusted ? sprayer : PROXY),
    );
  });

  it('records only a parsed address, or none, whatever X-Forwarded-For says', async () => {
    // Another proxy address than the other tests', whose failed logins must not lock this one out.
    const peer = '127.0.0.10';
    const forwardedFor = ['garbage', '127.0.0.2:1234', '[::1]:443', '203.0.113.9:80, <script>', ' '];
    for (const [i, header] of forwardedFor.entries()) {
      const body = { username: `parsed-${i}`, password: 'x' };
      const reply = await requestFrom(t, peer, 'POST', '/api/v1/auth/login', {
        body,
        headers: forwarded(header),
      });
      expect(reply.status).toBe(401);
    }
    const recorded = new Map(
      (await securityEvents())
        .filter((event) => event.type === 'login.failed' && event.subject?.startsWith('parsed-'))
        .map((event) => [event.subject, event.ip?.replace(/^::ffff:/, '') ?? null]),
    );
    const expected = trusted ? [null, '127.0.0.2', '::1', null, peer] : Array(5).fill(peer);
    expect(forwardedFor.map((_header, i) => recorded.get(`parsed-${i}`))).toEqual(expected);
  });
});
