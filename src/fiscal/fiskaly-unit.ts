import { createHash } from 'node:crypto';
import type { FiscalSignerConfig } from '../config/app-config';
import {
  FiscalRecord,
  FiscalUnit,
  SignedTransaction,
  StartedTransaction,
  TransactionRefused,
  UnitIdentity,
  UnitUnreachable,
} from './fiscal-unit';
import { logMessageOf, SIGNATURE_ALGORITHM, signedPart, TIME_FORMAT } from './tse-log-message';
import { derOfPem } from './unit-certificate';

export type FiskalyConfig = Extract<FiscalSignerConfig, { kind: 'fiskaly' }>;

/** What fiskaly answers for a TSS: the fields we read. */
interface FiskalyTss {
  state: string;
  serial_number: string;
  public_key: string;
  /** PEM of the TSS's certificate. */
  certificate?: string;
}

/** What fiskaly answers for a revision of a transaction: the fields we read. */
interface FiskalyTransaction {
  state: 'ACTIVE' | 'FINISHED' | 'CANCELLED';
  number: number;
  time_start: number;
  time_end?: number;
  tss_serial_number: string;
  signature?: { value: string; counter: number };
  log?: { timestamp?: number };
}

interface AuthReply {
  access_token: string;
  access_token_expires_in: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
}

interface Session {
  accessToken: string;
  /** Renewed from this instant on, a margin before fiskaly lets it expire. */
  renewAt: number;
  refreshToken: string | null;
  refreshUntil: number;
}

interface Reply {
  status: number;
  body: unknown;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** What fiskaly answers about one transaction or till (bad data, a conflict): that one is refused, not the unit. */
const REFUSALS = [400, 409, 422];
/** fiskaly's messages are kept to this length: they end up in a 500-character column beside our own words. */
const MESSAGE_LIMIT = 300;

/**
 * A till's client id at fiskaly, which must be a UUID: a name-based UUID (version 5, SHA-1) of the till's name in
 * the TSS's id as namespace, so the same till is the same client on every start and every instance, and a till
 * moved to another TSS is a new client there.
 */
export function fiskalyClientId(tssId: string, till: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(tssId.replace(/-/g, ''), 'hex'))
    .update(till, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * FISCAL_SIGNER=fiskaly: fiskaly's cloud TSS, through its KassenSichV SIGN DE API v2. Each till is a client of
 * the TSS, registered once (with the admin PIN, as fiskaly asks); a transaction is upserted ACTIVE (revision 1)
 * then FINISHED (revision 2) with our process data as a raw schema. A call repeated after a lost answer meets
 * fiskaly's revision conflict and answers what fiskaly holds, so nothing is started or signed twice.
 *
 * Errors: no answer, a timeout, 5xx and 429 are {@link UnitUnreachable} (everything waits); a 400, 409 or 422
 * about one transaction or till is {@link TransactionRefused} with fiskaly's message. The API key, secret,
 * tokens and PIN never appear in a message.
 */
export class FiskalyUnit implements FiscalUnit {
  readonly kind = 'fiskaly';
  private readonly timeoutMs: number;
  private session: Session | null = null;
  /** The token just given by a sign-in after a 401: a 401 with it is not about a stale token. */
  private freshToken: string | null = null;
  private signingIn: Promise<string> | null = null;
  /** The access token fiskaly gave admin rights to (they last as long as the token). */
  private adminToken: string | null = null;
  /** Set once fiskaly refused the admin PIN: trying it again would lock the TSS's admin (the PUK unlocks it). */
  private pinRefused: string | null = null;
  private tss: Promise<FiskalyTss> | null = null;
  private readonly clients = new Map<string, Promise<string>>();

  constructor(
    private readonly config: FiskalyConfig,
    options: { timeoutMs?: number } = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async identity(): Promise<UnitIdentity> {
    const tss = await this.initializedTss();
    return {
      serial: tss.serial_number,
      publicKey: tss.public_key,
      algorithm: SIGNATURE_ALGORITHM,
      timeFormat: TIME_FORMAT,
      certificate: tss.certificate ? derOfPem(tss.certificate) : null,
    };
  }

  async start(record: FiscalRecord): Promise<StartedTransaction> {
    const clientId = await this.client(record.clientId);
    const tx = await this.upsert(record, 1, { state: 'ACTIVE', client_id: clientId });
    return startedOf(tx);
  }

  async finish(record: FiscalRecord): Promise<SignedTransaction> {
    const clientId = await this.client(record.clientId);
    const tx = await this.upsert(record, 2, {
      state: 'FINISHED',
      client_id: clientId,
      schema: {
        raw: {
          process_type: record.processType,
          process_data: Buffer.from(record.processData, 'utf8').toString('base64'),
        },
      },
    });
    return signedOf(tx, record);
  }

  /** The TSS, read once it is INITIALIZED; a TSS not in service (yet) is asked again on the next call. */
  private initializedTss(): Promise<FiskalyTss> {
    this.tss ??= this.readTss().catch((error: unknown) => {
      this.tss = null;
      throw error;
    });
    return this.tss;
  }

  private async readTss(): Promise<FiskalyTss> {
    const path = `/tss/${this.config.tssId}`;
    const reply = await this.authorized('GET', path);
    if (reply.status === 404) {
      throw new UnitUnreachable(`fiskaly knows no TSS ${this.config.tssId} (FISKALY_TSS_ID)`);
    }
    if (reply.status !== 200) throw unreachable(reply, `GET ${path}`);
    const tss = reply.body as FiskalyTss;
    if (tss.state !== 'INITIALIZED') {
      throw new UnitUnreachable(
        `fiskaly's TSS ${this.config.tssId} is ${tss.state}, not INITIALIZED: set its admin PIN and initialize it`,
      );
    }
    return tss;
  }

  /** The till's client id, registered with the TSS the first time this process meets the till. */
  private client(till: string): Promise<string> {
    let registered = this.clients.get(till);
    if (!registered) {
      registered = this.register(till).catch((error: unknown) => {
        this.clients.delete(till);
        throw error;
      });
      this.clients.set(till, registered);
    }
    return registered;
  }

  private async register(till: string): Promise<string> {
    await this.initializedTss();
    const clientId = fiskalyClientId(this.config.tssId, till);
    const path = `/tss/${this.config.tssId}/client/${clientId}`;
    const reply = await this.authorized('PUT', path, { serial_number: till }, (token) => this.asAdmin(token));
    if (reply.status === 200) return clientId;
    if (!REFUSALS.includes(reply.status)) throw unreachable(reply, `PUT ${path}`);
    // A client fiskaly has already (registered by an earlier start or another instance) is refused as a
    // conflict: it is this till if its serial number agrees.
    const held = await this.authorized('GET', path);
    const serial = (held.body as { serial_number?: string } | null)?.serial_number;
    if (held.status === 200 && serial === till) return clientId;
    throw new TransactionRefused(`fiskaly refused the till "${till}" as a client: ${errorOf(reply)}`);
  }

  /** One revision of the transaction; a revision fiskaly already holds answers what it holds. */
  private async upsert(
    record: FiscalRecord,
    revision: 1 | 2,
    body: { state: 'ACTIVE' | 'FINISHED' } & Record<string, unknown>,
  ): Promise<FiskalyTransaction> {
    const base = `/tss/${this.config.tssId}/tx/${record.transactionId}`;
    const reply = await this.authorized('PUT', `${base}?tx_revision=${revision}`, body);
    if (reply.status === 200) return reply.body as FiskalyTransaction;
    if (!REFUSALS.includes(reply.status)) throw unreachable(reply, `PUT ${base}`);
    // A call repeated after a lost answer asks for a revision fiskaly holds already, and is refused as a
    // conflict: what fiskaly holds decides whether the transaction is where we want it.
    const held = await this.authorized('GET', base);
    const tx = held.status === 200 ? (held.body as FiskalyTransaction) : null;
    if (tx?.state === 'FINISHED' || (tx?.state === 'ACTIVE' && body.state === 'ACTIVE')) return tx;
    throw new TransactionRefused(
      `fiskaly refused transaction ${record.transactionId} (${body.state}): ${errorOf(reply)}`,
    );
  }

  /** Makes fiskaly's admin of the TSS out of the token, once per token. */
  private async asAdmin(token: string): Promise<Reply | null> {
    if (this.adminToken === token) return null;
    if (this.pinRefused) throw new UnitUnreachable(this.pinRefused);
    const path = `/tss/${this.config.tssId}/admin/auth`;
    const reply = await this.send('POST', path, { admin_pin: this.config.adminPin }, token);
    if (reply.status === 200) {
      this.adminToken = token;
      return null;
    }
    if (reply.status === 401 && token !== this.freshToken) return reply;
    if (reply.status >= 400 && reply.status < 500 && reply.status !== 429) {
      this.pinRefused = `fiskaly refused the admin PIN (FISKALY_ADMIN_PIN) of TSS ${this.config.tssId}: ${errorOf(reply)}; not tried again until the service restarts`;
      throw new UnitUnreachable(this.pinRefused);
    }
    throw unreachable(reply, `POST ${path}`);
  }

  /**
   * A call with the access token; on a 401, signs in again and repeats it once. `prepare` runs with the token
   * before the call and may answer the 401 itself (the admin sign-in).
   */
  private async authorized(
    method: string,
    path: string,
    body?: unknown,
    prepare?: (token: string) => Promise<Reply | null>,
  ): Promise<Reply> {
    for (const again of [false, true]) {
      const token = await this.accessToken(again);
      const reply = (await prepare?.(token)) ?? (await this.send(method, path, body, token));
      if (reply.status !== 401) return reply;
    }
    throw new UnitUnreachable(
      `fiskaly answered 401 to ${method} ${path} even with a new access token: check that FISKALY_API_KEY and FISKALY_API_SECRET belong to the organization of TSS ${this.config.tssId}`,
    );
  }

  private accessToken(renew: boolean): Promise<string> {
    if (!renew && this.session && Date.now() < this.session.renewAt) {
      return Promise.resolve(this.session.accessToken);
    }
    this.signingIn ??= this.signIn(renew).finally(() => {
      this.signingIn = null;
    });
    return this.signingIn;
  }

  /** Renews the session with the refresh token while it lasts, else (or when fiskaly refused a token) the key. */
  private async signIn(rejected: boolean): Promise<string> {
    const session = this.session;
    let reply: Reply | null = null;
    if (!rejected && session?.refreshToken && Date.now() < session.refreshUntil) {
      reply = await this.send('POST', '/auth', { refresh_token: session.refreshToken });
    }
    if (reply?.status !== 200) {
      reply = await this.send('POST', '/auth', {
        api_key: this.config.apiKey,
        api_secret: this.config.apiSecret,
      });
    }
    if (reply.status >= 400 && reply.status < 500 && reply.status !== 429) {
      throw new UnitUnreachable(
        `fiskaly refused FISKALY_API_KEY and FISKALY_API_SECRET (${reply.status} to POST /auth): ${errorOf(reply)}`,
      );
    }
    if (reply.status !== 200) throw unreachable(reply, 'POST /auth');
    const auth = reply.body as AuthReply;
    this.session = {
      accessToken: auth.access_token,
      renewAt: beforeExpiry(auth.access_token_expires_in),
      refreshToken: auth.refresh_token ?? null,
      refreshUntil: beforeExpiry(auth.refresh_token_expires_in ?? 0),
    };
    this.freshToken = rejected ? auth.access_token : null;
    return auth.access_token;
  }

  /** One HTTP exchange; no answer in time, a dropped connection, a 5xx or a 429 is {@link UnitUnreachable}. */
  private async send(method: string, path: string, body: unknown, token?: string): Promise<Reply> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    let status: number;
    let text: string;
    try {
      const response = await fetch(`${this.config.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw new UnitUnreachable(
        `fiskaly did not answer ${method} ${path}: ${failureOf(error, this.timeoutMs)}`,
      );
    }
    const reply = { status, body: parsed(text) };
    if (status >= 500 || status === 429) throw unreachable(reply, `${method} ${path}`);
    return reply;
  }
}

function startedOf(tx: FiskalyTransaction): StartedTransaction {
  if (!Number.isInteger(tx.number) || !Number.isFinite(tx.time_start)) {
    throw new UnitUnreachable(`fiskaly answered a transaction without its number or start time`);
  }
  return { transactionNumber: tx.number, start: new Date(tx.time_start * 1000) };
}

/** The signed transaction; the log message is TR-03153's, built from what fiskaly answered and what we sent. */
function signedOf(tx: FiskalyTransaction, record: FiscalRecord): SignedTransaction {
  const started = startedOf(tx);
  const endSeconds = tx.log?.timestamp ?? tx.time_end;
  if (!tx.signature || endSeconds === undefined || !tx.tss_serial_number) {
    throw new UnitUnreachable(`fiskaly answered FINISHED without a signature, end time or serial number`);
  }
  const end = new Date(endSeconds * 1000);
  const fields = {
    clientId: record.clientId,
    processType: record.processType,
    processData: record.processData,
    transactionNumber: started.transactionNumber,
    serial: tx.tss_serial_number,
    signatureCounter: tx.signature.counter,
    logTime: end,
  };
  return {
    ...started,
    end,
    signatureCounter: tx.signature.counter,
    signature: tx.signature.value,
    logMessage: logMessageOf(signedPart(fields), Buffer.from(tx.signature.value, 'base64')),
  };
}

/** The instant to stop using a token that lasts `seconds` from now: a minute (or half its life) before. */
function beforeExpiry(seconds: number): number {
  return Date.now() + seconds * 1000 - Math.min(60_000, seconds * 500);
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** fiskaly's error body as one line: `E_CODE: message`, or what came instead. */
function errorOf(reply: Reply): string {
  const body = reply.body as { code?: unknown; message?: unknown; error?: unknown } | string | null;
  if (typeof body === 'string') return (body.trim() || `status ${reply.status}`).slice(0, MESSAGE_LIMIT);
  const message = [body?.code, body?.message ?? body?.error].filter((part) => typeof part === 'string');
  return (message.join(': ') || `status ${reply.status}`).slice(0, MESSAGE_LIMIT);
}

function unreachable(reply: Reply, call: string): UnitUnreachable {
  const status = reply.status === 429 ? '429 (too many requests: it asks us to slow down)' : reply.status;
  return new UnitUnreachable(`fiskaly answered ${status} to ${call}: ${errorOf(reply)}`);
}

/** What went wrong with the exchange. */
function failureOf(error: unknown, timeoutMs: number): string {
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  // Under a test runner's realm the timeout's DOMException shows its name only through its string.
  if (failure?.name === 'TimeoutError' || String(error).startsWith('TimeoutError')) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  return failure?.cause?.code ?? failure?.cause?.message ?? failure?.message ?? String(error);
}
