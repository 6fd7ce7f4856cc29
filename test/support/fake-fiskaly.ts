import { createHash, generateKeyPairSync, KeyObject, randomBytes, randomUUID, sign } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { signedPart, uncompressedPointOf } from '../../src/fiscal/tse-log-message';

/** The TSS certificate the fake answers (PEM around it): not a real certificate, the adapter only carries it. */
export const FAKE_CERTIFICATE = 'MIIBfakeTssCertificateBody'.padEnd(1200, 'A');

/**
 * A fault the fake puts on every request until restored: 503, 429, the connection dropped before the request is
 * read, no answer at all, or the request carried out and its answer lost (the connection dropped after).
 */
export type FiskalyFault = 'unavailable' | 'busy' | 'drop' | 'stall' | 'lose';

interface Token {
  expiresAt: number;
  admin: boolean;
}

interface Client {
  serial_number: string;
}

/** A revision of a transaction, in fiskaly's shape (the fields the adapter reads, and a few it does not). */
interface Revision {
  _id: string;
  _type: 'TRANSACTION';
  tss_id: string;
  client_id: string;
  client_serial_number: string;
  tss_serial_number: string;
  state: 'ACTIVE' | 'FINISHED';
  revision: number;
  latest_revision: number;
  number: number;
  time_start: number;
  time_end?: number;
  schema?: { raw: { process_type: string; process_data: string } };
  signature: { value: string; algorithm: string; counter: number; public_key: string };
  log: { operation: string; timestamp: number; timestamp_format: 'unixTime' };
}

class FiskalyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * A local stand-in for fiskaly's SIGN DE API v2 (the middleware's `/api/v2`), following its documented requests
 * and replies: `POST /auth` (key and secret, or a refresh token), `GET /tss/{id}`, `POST /tss/{id}/admin/auth`,
 * `PUT|GET /tss/{id}/client/{id}` (creating one needs the admin), `PUT /tss/{id}/tx/{id}?tx_revision=n` and
 * `GET /tss/{id}/tx/{id}`, with the bearer token checked and errors as `{status_code, error, message, code}`.
 * It numbers transactions and counts a signature for every revision, as a TSE does, and signs a finish with a P-256
 * key over TR-03153's log message (`signedPart`), so the signatures it answers verify with its public key.
 */
export class FakeFiskaly {
  readonly apiKey = `key_${randomBytes(6).toString('hex')}`;
  readonly apiSecret = randomBytes(16).toString('hex');
  readonly adminPin = '123456';
  readonly tssId = randomUUID();
  readonly serial: string;
  readonly publicKey: string;
  url = '';
  /** What `GET /tss` says; anything but INITIALIZED and the TSS does not sign. */
  tssState = 'INITIALIZED';
  /** How many clients the TSS takes (fiskaly's TSS: 199). */
  maxClients = 199;
  /** The access tokens' lifetime, in seconds. */
  tokenLifetime = 600;
  /** Sign-ins with the key, renewals with a refresh token, admin sign-ins, wrong PINs, 401s for a token. */
  readonly counts = { keySignIns: 0, refreshes: 0, adminSignIns: 0, wrongPins: 0, unauthorized: 0 };
  readonly clientPuts = new Map<string, number>();
  readonly clients = new Map<string, Client>();
  private readonly key: KeyObject;
  private readonly tokens = new Map<string, Token>();
  private readonly refreshTokens = new Set<string>();
  private readonly transactions = new Map<string, Revision[]>();
  private readonly finishes = new Map<string, number>();
  private readonly refusals = new Map<string, string>();
  private readonly sockets = new Set<Socket>();
  private fault: FiskalyFault | null = null;
  private nextRefusal: { processType: string; message: string } | null = null;
  private lastNumber = 0;
  private lastCounter = 0;
  private server: Server | null = null;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.key = privateKey;
    const point = uncompressedPointOf(publicKey.export({ format: 'der', type: 'spki' }));
    this.serial = createHash('sha256').update(point).digest('hex');
    this.publicKey = point.toString('base64');
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v2`;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The settings that point the service at this fake. */
  env(): Record<string, string> {
    return {
      FISCAL_SIGNER: 'fiskaly',
      FISKALY_BASE_URL: this.url,
      FISKALY_API_KEY: this.apiKey,
      FISKALY_API_SECRET: this.apiSecret,
      FISKALY_TSS_ID: this.tssId,
      FISKALY_ADMIN_PIN: this.adminPin,
    };
  }

  /** Every request gets the fault (503, a dropped connection, no answer) until {@link restore}. */
  cut(fault: FiskalyFault): void {
    this.fault = fault;
  }

  restore(): void {
    this.fault = null;
  }

  /** Answers 400 to every revision of this transaction. */
  refuse(transactionId: string, message = 'the process data is not valid'): void {
    this.refusals.set(transactionId, message);
  }

  /**
   * Answers 400 to the next finish of this process type, and to every revision of that transaction after it:
   * for a test that cannot know the service's transaction ids in advance.
   */
  refuseNext(processType: string, message: string): void {
    this.nextRefusal = { processType, message };
  }

  /** The transactions finished so far, in the order fiskaly finished them. */
  finished(): Revision[] {
    return [...this.transactions.values()]
      .map((revisions) => revisions.at(-1)!)
      .filter((revision) => revision.state === 'FINISHED')
      .sort((a, b) => a.signature.counter - b.signature.counter);
  }

  /** Every token given so far stops working, as when fiskaly ends a session early. */
  expireTokens(): void {
    this.tokens.clear();
    this.refreshTokens.clear();
  }

  /** How many times the transaction was finished (signed): a repeat must not sign again. */
  finishesOf(transactionId: string): number {
    return this.finishes.get(transactionId) ?? 0;
  }

  /** The latest revision of the transaction, as `GET /tx` answers it. */
  transaction(transactionId: string): Revision | undefined {
    return this.transactions.get(transactionId)?.at(-1);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (this.fault === 'drop') {
      request.socket.destroy();
      return;
    }
    if (this.fault === 'stall') return;
    try {
      const body = await this.bodyOf(request);
      if (this.fault === 'unavailable') throw new FiskalyError(503, 'E_UNAVAILABLE', 'in maintenance');
      if (this.fault === 'busy') throw new FiskalyError(429, 'E_RATE_LIMIT', 'too many requests');
      const url = new URL(request.url ?? '/', 'http://fake');
      const path = url.pathname.replace(/^\/api\/v2/, '');
      const answer = this.route(request.method ?? 'GET', path, url.searchParams, body, request);
      if (this.fault === 'lose') {
        request.socket.destroy();
        return;
      }
      this.reply(response, 200, answer);
    } catch (thrown) {
      // A slip of the fake itself answers 500, which the adapter must take as the unit being out.
      const error =
        thrown instanceof FiskalyError ? thrown : new FiskalyError(500, 'E_INTERNAL', String(thrown));
      this.reply(response, error.status, {
        status_code: error.status,
        error: STATUS_CODES[error.status] ?? 'Error',
        message: error.message,
        code: error.code,
      });
    }
  }

  private route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: Record<string, unknown>,
    request: IncomingMessage,
  ): unknown {
    if (method === 'POST' && path === '/auth') return this.signIn(body);
    const token = this.bearer(request);
    const [, tss, tssId, kind, id, extra] = path.split('/');
    if (tss !== 'tss' || tssId !== this.tssId) throw new FiskalyError(404, 'E_TSS_NOT_FOUND', 'no such TSS');
    if (method === 'GET' && kind === undefined) return this.tss();
    if (method === 'POST' && kind === 'admin' && id === 'auth') return this.adminSignIn(token, body);
    if (kind === 'client' && id && extra === undefined) {
      if (method === 'PUT') return this.putClient(token, id, body);
      if (method === 'GET') return this.client(id);
    }
    if (kind === 'tx' && id && extra === undefined) {
      if (method === 'PUT') return this.putTransaction(id, Number(query.get('tx_revision')), body);
      const held = this.transaction(id);
      if (method === 'GET' && held) return held;
      if (method === 'GET') throw new FiskalyError(404, 'E_TX_NOT_FOUND', 'no such transaction');
    }
    throw new FiskalyError(404, 'E_NOT_FOUND', `no route ${method} ${path}`);
  }

  private signIn(body: Record<string, unknown>): unknown {
    if (typeof body.refresh_token === 'string') {
      if (!this.refreshTokens.delete(body.refresh_token)) {
        throw new FiskalyError(401, 'E_UNAUTHORIZED', 'the refresh token is not valid');
      }
      this.counts.refreshes += 1;
    } else if (body.api_key === this.apiKey && body.api_secret === this.apiSecret) {
      this.counts.keySignIns += 1;
    } else {
      throw new FiskalyError(401, 'E_UNAUTHORIZED', 'the API key or secret is not valid');
    }
    const accessToken = randomBytes(24).toString('base64url');
    const refreshToken = randomBytes(24).toString('base64url');
    this.tokens.set(accessToken, { expiresAt: Date.now() + this.tokenLifetime * 1000, admin: false });
    this.refreshTokens.add(refreshToken);
    return {
      access_token: accessToken,
      access_token_expires_in: this.tokenLifetime,
      access_token_expires_at: seconds(Date.now()) + this.tokenLifetime,
      refresh_token: refreshToken,
      refresh_token_expires_in: 2 * this.tokenLifetime,
    };
  }

  private bearer(request: IncomingMessage): Token {
    const header = request.headers.authorization ?? '';
    const token = this.tokens.get(header.replace(/^Bearer /, ''));
    if (!header.startsWith('Bearer ') || !token || token.expiresAt <= Date.now()) {
      this.counts.unauthorized += 1;
      throw new FiskalyError(401, 'E_UNAUTHORIZED', 'the access token is missing, not valid or expired');
    }
    return token;
  }

  private tss(): unknown {
    return {
      _id: this.tssId,
      _type: 'TSS',
      state: this.tssState,
      serial_number: this.serial,
      public_key: this.publicKey,
      certificate: `-----BEGIN CERTIFICATE-----\n${FAKE_CERTIFICATE}\n-----END CERTIFICATE-----\n`,
      signature_algorithm: 'ecdsa-plain-SHA256',
      signature_timestamp_format: 'unixTime',
      transaction_data_encoding: 'UTF-8',
      max_number_registered_clients: 199,
      max_number_active_transactions: 2000,
    };
  }

  private adminSignIn(token: Token, body: Record<string, unknown>): unknown {
    if (body.admin_pin !== this.adminPin)
      throw new FiskalyError(401, 'E_ADMIN_PIN', 'the admin PIN is wrong');
    this.counts.adminSignIns += 1;
    token.admin = true;
    return {};
  }

  private putClient(token: Token, id: string, body: Record<string, unknown>): unknown {
    this.clientPuts.set(id, (this.clientPuts.get(id) ?? 0) + 1);
    if (!token.admin)
      throw new FiskalyError(401, 'E_ADMIN_NOT_AUTHENTICATED', 'authenticate as the admin first');
    if (typeof body.serial_number !== 'string' || body.serial_number === '') {
      throw new FiskalyError(400, 'E_CLIENT_SERIAL', 'serial_number is required');
    }
    if (this.clients.has(id)) throw new FiskalyError(409, 'E_CLIENT_CONFLICT', 'the client exists');
    if (this.clients.size >= this.maxClients) {
      throw new FiskalyError(400, 'E_CLIENT_LIMIT', `the TSS takes at most ${this.maxClients} clients`);
    }
    this.clients.set(id, { serial_number: body.serial_number });
    return this.client(id);
  }

  private client(id: string): unknown {
    const client = this.clients.get(id);
    if (!client) throw new FiskalyError(404, 'E_CLIENT_NOT_FOUND', 'no such client');
    return { _id: id, _type: 'CLIENT', tss_id: this.tssId, state: 'REGISTERED', ...client };
  }

  private putTransaction(id: string, revision: number, body: Record<string, unknown>): Revision {
    if (this.tssState !== 'INITIALIZED') throw new FiskalyError(400, 'E_TSS_STATE', 'TSS not initialized');
    const schema = body.schema as Revision['schema'];
    const refuseNext = this.nextRefusal;
    if (body.state === 'FINISHED' && refuseNext && refuseNext.processType === schema?.raw?.process_type) {
      this.refusals.set(id, refuseNext.message);
      this.nextRefusal = null;
    }
    const refusal = this.refusals.get(id);
    if (refusal) throw new FiskalyError(400, 'E_TX_DATA', refusal);
    const client = this.clients.get(String(body.client_id));
    if (!client) throw new FiskalyError(400, 'E_CLIENT_NOT_FOUND', 'client_id is not a client of this TSS');
    const revisions = this.transactions.get(id) ?? [];
    const latest = revisions.at(-1);
    if (revision !== revisions.length + 1) {
      throw new FiskalyError(409, 'E_TX_REVISION', `tx_revision must be ${revisions.length + 1}`);
    }
    if (latest?.state === 'FINISHED')
      throw new FiskalyError(409, 'E_TX_FINISHED', 'the transaction is finished');
    const state = body.state;
    if (state !== 'ACTIVE' && state !== 'FINISHED')
      throw new FiskalyError(400, 'E_TX_STATE', 'state is wrong');
    if (state === 'FINISHED' && typeof schema?.raw?.process_data !== 'string') {
      throw new FiskalyError(400, 'E_TX_SCHEMA', 'a finished transaction needs its schema');
    }
    const now = seconds(Date.now());
    const number = latest?.number ?? ++this.lastNumber;
    const counter = ++this.lastCounter;
    const processData = schema ? Buffer.from(schema.raw.process_data, 'base64').toString('utf8') : '';
    const signature = sign(
      'sha256',
      signedPart({
        clientId: client.serial_number,
        processType: schema?.raw.process_type ?? '',
        processData,
        transactionNumber: number,
        serial: this.serial,
        signatureCounter: counter,
        logTime: new Date(now * 1000),
      }),
      { key: this.key, dsaEncoding: 'ieee-p1363' },
    );
    const next: Revision = {
      _id: id,
      _type: 'TRANSACTION',
      tss_id: this.tssId,
      client_id: String(body.client_id),
      client_serial_number: client.serial_number,
      tss_serial_number: this.serial,
      state,
      revision,
      latest_revision: revision,
      number,
      time_start: latest?.time_start ?? now,
      ...(state === 'FINISHED' ? { time_end: now, schema } : {}),
      signature: {
        value: signature.toString('base64'),
        algorithm: 'ecdsa-plain-SHA256',
        counter,
        public_key: this.publicKey,
      },
      log: {
        operation: state === 'FINISHED' ? 'FinishTransaction' : 'StartTransaction',
        timestamp: now,
        timestamp_format: 'unixTime',
      },
    };
    this.transactions.set(id, [...revisions, next]);
    if (state === 'FINISHED') this.finishes.set(id, this.finishesOf(id) + 1);
    return next;
  }

  private async bodyOf(request: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  }

  private reply(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  }
}
