import http from 'node:http';
import request from 'supertest';
import { Role } from '../../src/common/access/role';
import { contractBreach } from './contract';
import { ADMIN, TestApp } from './test-app';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; username: string; displayName: string; role: Role; active: boolean; createdAt: string };
}

/** A listening service: the test app, or the service started as a process. */
export type Server = Pick<TestApp, 'url'>;

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** A supertest call with this session's bearer token. */
export function as(t: Server, session: Pick<Session, 'accessToken'>) {
  return calls(t, 'Authorization', `Bearer ${session.accessToken}`);
}

/** A supertest call with this API key. */
export function withKey(t: Server, key: string) {
  return calls(t, 'X-API-Key', key);
}

function calls(t: Server, header: string, value: string) {
  const call = (method: Method, path: string) => request(t.url)[method](path).set(header, value);
  return {
    get: (path: string) => call('get', path),
    post: (path: string) => call('post', path),
    patch: (path: string) => call('patch', path),
    put: (path: string) => call('put', path),
    delete: (path: string) => call('delete', path),
  };
}

export async function login(t: Server, username: string, password: string): Promise<Session> {
  const response = await request(t.url).post('/api/v1/auth/login').send({ username, password });
  if (response.status !== 200)
    throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Session;
}

export const loginAdmin = (t: Server) => login(t, ADMIN.username, ADMIN.password);

let sequence = 0;

export interface NewStaff {
  id: string;
  username: string;
  password: string;
  pin: string;
  role: Role;
  session: Session;
}

/** The name the PIN pad lists for a newStaff() person: `<role> <n>`. */
export function displayNameOf(staff: Pick<NewStaff, 'username'>): string {
  const [, role, n] = /^([a-z]+)-(\d+)-/.exec(staff.username) ?? [];
  return `${role} ${n}`;
}

/** Creates a staff member through the admin API and logs them in. */
export async function newStaff(t: Server, role: Role, overrides: { pin?: string } = {}): Promise<NewStaff> {
  const admin = await loginAdmin(t);
  sequence += 1;
  const username = `${role}-${sequence}-${process.pid}`;
  const password = `password-${sequence}-secret`;
  const pin = overrides.pin ?? String(1000 + ((sequence * 7919) % 9000));
  const created = await as(t, admin)
    .post('/api/v1/users')
    .send({ username, displayName: `${role} ${sequence}`, role, password, pin });
  if (created.status !== 201)
    throw new Error(`create ${role}: ${created.status} ${JSON.stringify(created.body)}`);
  const session = await login(t, username, password);
  return { id: created.body.id as string, username, password, pin, role, session };
}

export const newWaiter = (t: TestApp) => newStaff(t, Role.Waiter);
export const newManager = (t: TestApp) => newStaff(t, Role.Manager);
export const newKitchen = (t: TestApp) => newStaff(t, Role.Kitchen);

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of any shape, asserted by the test
  body: any;
}

/** POSTs JSON from another loopback address (127.0.0.x), to act as a different client IP. */
export function postFrom(t: Server, localAddress: string, path: string, body: unknown): Promise<RawResponse> {
  return requestFrom(t, localAddress, 'POST', path, { body });
}

/** Any request from another loopback address (127.0.0.x), with JSON `body` when given and extra `headers`. */
export function requestFrom(
  t: Server,
  localAddress: string,
  method: string,
  path: string,
  { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const target = new URL(path, t.url);
  const payload = body === undefined ? '' : JSON.stringify(body);
  const bodyHeaders: Record<string, string | number> =
    body === undefined
      ? {}
      : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) };
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method,
        localAddress,
        headers: { ...bodyHeaders, ...headers },
      },
      (incoming) => {
        let text = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (text += chunk));
        incoming.on('end', () => {
          const reply = { status: incoming.statusCode ?? 0, headers: incoming.headers };
          const parsed: unknown = text ? JSON.parse(text) : null;
          const breach = contractBreach({
            method,
            url: target.href,
            requestBody: body,
            ...reply,
            body: parsed,
            hasBody: text !== '',
          });
          if (breach) reject(breach);
          else resolve({ ...reply, body: parsed });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

export interface IssuedKey {
  id: string;
  key: string;
  prefix: string;
  scopes: string[];
}

/** An API key issued by the admin; `body` may override name, scopes and limits. */
export async function issueKey(
  t: Server,
  admin: Session,
  body: Record<string, unknown> = {},
): Promise<IssuedKey> {
  const response = await as(t, admin)
    .post('/api/v1/api-keys')
    .send({ name: 'Integration', scopes: ['orders:read'], ...body });
  if (response.status !== 201)
    throw new Error(`issue key: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as IssuedKey;
}
