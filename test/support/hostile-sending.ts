/** Sending a hostile request as it is, as a client the operation admits, and keeping the fixture usable after. */
import http, { IncomingHttpHeaders } from 'node:http';
import { Role } from '../../src/common/access/role';
import { login, Session } from './clients';
import { contractBreach } from './contract';
import type { Fixture } from './hostile-fixture';
import type { Operation } from './hostile-operations';
import type { HostileRequest } from './hostile-requests';
import type { TestApp } from './test-app';

/** Operations that end the caller's session: they run with a session of their own, renewed after each success. */
const SESSION_ENDING = new Set(['POST /api/v1/auth/logout']);

interface RawRequest {
  method: string;
  /** Sent exactly as given: already encoded, with its query string. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** A loopback address (127.0.0.x) to send from, to act as another client IP. */
  localAddress?: string;
}

export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** One HTTP request with no client-side help: no path normalisation, no header or body rewriting. */
function sendRaw(baseUrl: string, request: RawRequest): Promise<RawReply> {
  const target = new URL(baseUrl);
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.path,
        localAddress: request.localAddress,
        headers: { ...request.headers, ...(body ? { 'Content-Length': String(body.length) } : {}) },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const reply = {
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          };
          const breach = contractBreach({
            method: request.method,
            url: target.origin + request.path,
            sentInvalid: true,
            ...reply,
            body: jsonOf(reply),
            hasBody: reply.text !== '',
          });
          if (breach) reject(breach);
          else resolve(reply);
        });
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function jsonOf(reply: RawReply): unknown {
  if (!/^application\/json/.test(String(reply.headers['content-type']))) return undefined;
  try {
    return JSON.parse(reply.text) as unknown;
  } catch {
    return reply.text;
  }
}

function sessionFor(operation: Operation, fixture: Fixture): Session | undefined {
  if (operation.isPublic) return undefined;
  if (SESSION_ENDING.has(operation.key)) return fixture.leaver.session;
  if (operation.roles.length === 0 || operation.roles.includes(Role.Admin)) return fixture.admin;
  return fixture.sessions.get(operation.roles[0]);
}

let guestAddresses = 0;

export function send(
  t: TestApp,
  operation: Operation,
  hostile: HostileRequest,
  fixture: Fixture,
): Promise<RawReply> {
  const path =
    operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => hostile.segments[name]) +
    (hostile.query ? `?${hostile.query}` : '');
  const headers: Record<string, string> = { ...hostile.headers };
  const session = sessionFor(operation, fixture);
  if (session) headers.Authorization = `Bearer ${session.accessToken}`;
  if (hostile.body) headers['Content-Type'] = hostile.body.contentType;
  // Each guest request comes from its own loopback address, so that per-IP limits and lock-outs hide nothing.
  const localAddress = operation.isPublic ? `127.0.0.${2 + (guestAddresses++ % 250)}` : undefined;
  return sendRaw(t.url, {
    method: operation.method.toUpperCase(),
    path,
    headers,
    body: hostile.body?.text,
    localAddress,
  });
}

/** Keeps the fixture usable after a success that changed it: a new session after logout, a rotated QR token. */
export async function learn(
  t: TestApp,
  operation: Operation,
  reply: RawReply,
  fixture: Fixture,
): Promise<boolean> {
  if (reply.status >= 300) return false;
  if (SESSION_ENDING.has(operation.key)) {
    fixture.leaver.session = await login(t, fixture.leaver.username, fixture.leaver.password);
    return true;
  }
  if (operation.key === 'POST /api/v1/tables/{id}/qr/rotate') {
    const table = JSON.parse(reply.text) as { id: string; qrToken: string };
    const index = fixture.ids.tables.indexOf(table.id);
    if (index >= 0) fixture.ids.qrTokens[index] = table.qrToken;
  }
  return false;
}
