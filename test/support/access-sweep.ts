/**
 * The access sweep's parts: the operations of the served document with their `x-access`, the kinds of caller, and
 * what a caller may expect of an operation.
 */
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { Role } from '../../src/common/access/role';
import type { Scope } from '../../src/common/access/scope';
import type { AccessDeclaration } from '../../src/openapi-access';
import type { Session } from './clients';
import type { TestApp } from './test-app';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface SweptOperation {
  /** `POST /api/v1/orders/{id}/items`, as the document names it. */
  key: string;
  method: Method;
  /** The path with a made-up value in each parameter: the guards decide before anything is looked up. */
  path: string;
  access: AccessDeclaration;
}

/** What the caller presents, and what it is: the sweep compares the latter with each operation's `x-access`. */
export interface Caller {
  name: string;
  headers: Record<string, string>;
  /** A live staff session's role; a cook on a kitchen screen is a kitchen session too. */
  role?: Role;
  /** A live API key's scopes. */
  scopes?: readonly Scope[];
  /**
   * Tried on the operations that open to keys only: a key of every scope shows that the others keep every key out,
   * so a key of one scope alone has nothing more to show there.
   */
  onlyWhereKeysMay?: true;
  /** A live paired kitchen screen's device token. */
  kitchenDevice?: true;
  /** A live site credential, presented to headquarters. */
  siteCredential?: true;
  /**
   * The one status that refuses this caller on a site, where it is known: the sweep takes any of 401, 403 and 404
   * from the others (see `refusedOnSite`).
   */
  refusedOnSite?: (access: AccessDeclaration) => number;
}

const MADE_UP_ID = '00000000-0000-4000-8000-000000000000';

/** Every operation of the served document, the auth routes last (a sign-out must not end the sweep's sessions). */
export async function sweptOperations(t: TestApp): Promise<SweptOperation[]> {
  const spec = (await t.http().get('/docs-json').expect(200)).body as {
    paths: Record<string, Record<string, { 'x-access': AccessDeclaration }>>;
  };
  const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method as Method,
      path: path.replace(/\{[^}]+\}/g, MADE_UP_ID),
      access: operation['x-access'],
    })),
  );
  const last = (operation: SweptOperation) => (operation.path.startsWith('/api/v1/auth/') ? 1 : 0);
  return operations.sort((a, b) => last(a) - last(b));
}

/** Whether the declaration lets this caller in on a service running as `service` (POS_ROLE). */
export function mayCall(access: AccessDeclaration, caller: Caller, service: 'hq' | 'site'): boolean {
  if (access.service !== null && access.service !== service) return false;
  if (access.anyone) return true;
  if (access.kitchenDevice) return caller.kitchenDevice === true;
  if (access.siteCredential) return caller.siteCredential === true;
  if (caller.role) return access.roles.includes(caller.role);
  if (caller.scopes) return access.scopes !== null && access.scopes.every((s) => caller.scopes!.includes(s));
  return false;
}

/** A route for anyone or for a machine (a kitchen screen's, a linked site's), none for a person or a key. */
const notForPeople = (access: AccessDeclaration) =>
  access.anyone || access.kitchenDevice || access.siteCredential;

/**
 * How a site refuses each kind of caller: the guard that says no answers, in order, 401 without a credential of the
 * route's kind, 403 to a role or an API key the route does not allow, 404 for a headquarters route (POS_ROLE=hq);
 * headquarters' routes for anyone or for a machine are not there at all (404 even without credentials).
 */
export const refusedOnSite = {
  /** Without credentials, or with a forged token. */
  nobody: (access: AccessDeclaration) => (access.service === 'hq' && notForPeople(access) ? 404 : 401),
  staff:
    (role: Role) =>
    (access: AccessDeclaration): number => {
      if (notForPeople(access)) return access.service === 'hq' ? 404 : 401;
      return access.roles.includes(role) ? 404 : 403;
    },
  key:
    (scopes: readonly Scope[]) =>
    (access: AccessDeclaration): number => {
      if (notForPeople(access)) return access.service === 'hq' ? 404 : 401;
      return access.scopes !== null && access.scopes.every((scope) => scopes.includes(scope)) ? 404 : 403;
    },
};

/**
 * Operations whose handler refuses, with 403, some callers the guards let by, for a rule about the resource that
 * the made-up value in the path breaks.
 */
const HANDLER_REFUSALS: Record<string, string> = {
  'GET /api/v1/users/{id}/logins':
    'staff other than admins read their own logins only: a made-up id is not theirs',
  'GET /api/v1/channels/{code}/menu':
    'a key reads the menu of the channel it is bound to only (docs/channels.md)',
};

/** An answer of the sweep: its status and, on an error, its code. */
export interface Answer {
  status: number;
  code?: string;
}

/**
 * What is wrong with the answer, or null. Let in: anything but 401, 403 and 5xx (a made-up id is 404, an empty
 * body 422: the guards let it by). Kept out: 401, 403 or 404 only; `refusal` where the one status is known, a 401
 * as UNAUTHORIZED.
 */
export function wrongAnswer(
  operation: SweptOperation,
  allowed: boolean,
  { status, code }: Answer,
  refusal?: number,
): string | null {
  if (status >= 500) return `${status}`;
  if (allowed && status === 403 && operation.key in HANDLER_REFUSALS) return null;
  if (allowed) return status === 401 || status === 403 ? `${status}, though allowed` : null;
  if (refusal === undefined) return [401, 403, 404].includes(status) ? null : `${status}, though not allowed`;
  if (status !== refusal) return `${status}, not ${refusal}`;
  return status === 401 && code !== 'UNAUTHORIZED' ? `401 ${code}, not UNAUTHORIZED` : null;
}

/** One request of the sweep: an empty JSON object as the body of a write, nothing for a read. */
export async function call(t: TestApp, operation: SweptOperation, caller: Caller): Promise<Answer> {
  let pending = request(t.url)[operation.method](operation.path);
  for (const [name, value] of Object.entries(caller.headers)) pending = pending.set(name, value);
  const response = await (operation.method === 'get' ? pending : pending.send({}));
  return { status: response.status, code: response.body?.error?.code };
}

/** Runs `work` on every item, `width` at a time. */
export async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

export const bearer = (session: Pick<Session, 'accessToken'>) => ({
  Authorization: `Bearer ${session.accessToken}`,
});

/** The session's access token as it would be an hour after it expired: the same claims, signed by the service. */
export function expiredToken(t: TestApp, session: Session): string {
  const tokens = t.app.get(JwtService);
  const claims = { ...tokens.decode<Record<string, unknown>>(session.accessToken) };
  delete claims.iat;
  delete claims.exp;
  return tokens.sign(claims, { expiresIn: -3_600 });
}
