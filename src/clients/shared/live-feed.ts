import { io, type Socket } from 'socket.io-client';
import type { ClientEvents, Envelope, RenewReply, ServerEvents } from './events';

export type LiveSocket = Socket<ServerEvents, ClientEvents>;

/** Whether events arrive live, and since when they do not. */
export interface Connection {
  online: boolean;
  offlineSince: Date | null;
}

export interface LiveFeedOptions {
  /** The handshake's credentials (and `stations`), asked at every (re)connect and renewal. */
  auth: () => Record<string, unknown>;
  /**
   * A fresh access token (the socket's is about to expire, or was refused), or null when the session is over:
   * the socket then stays closed, and the screen has gone back to its sign-in.
   */
  renew: () => Promise<string | null>;
  /**
   * The client's state may have missed events: at the first connect, after `resync.required`, or after a drop
   * before any event told it a seq to resume from. It reloads with REST; events that follow apply on top.
   */
  reload: () => void;
  onConnection: (connection: Connection) => void;
}

/** A refused handshake is retried after a fresh token, this much later for each refusal in a row (at most 30 s). */
const REFUSED_BACKOFF_MS = 1000;

/**
 * The socket a screen lives on, all shift. It keeps the last `seq` it handled and resumes after it on every
 * reconnect, so a drop loses nothing and doubles nothing (the server replays in seq order, then goes live). Before
 * the access token expires the service says `auth.expiring`, and the feed hands the socket a fresh token
 * (`auth.renew`) without reconnecting; whatever ends the socket from the service's side (an expiry, a revoked
 * session) leads to a reconnect with a fresh token, or, when there is none, to nothing: the session is over.
 */
export class LiveFeed {
  readonly socket: LiveSocket;
  private lastSeq: number | null = null;
  private connection: Connection = { online: false, offlineSince: null };
  private closed = false;
  private refusals = 0;
  /** The access token the service holds for this socket: the handshake's, or the last one renewed in place. */
  private heldToken: unknown = null;

  constructor(private readonly options: LiveFeedOptions) {
    this.socket = io({
      transports: ['websocket'],
      auth: (send) => {
        const credentials = options.auth();
        this.heldToken = credentials.token;
        send({ ...credentials, ...(this.lastSeq === null ? {} : { since: this.lastSeq }) });
      },
    });
    this.socket.onAny((_type, envelope: Partial<Envelope<unknown>> | undefined) => {
      if (typeof envelope?.seq === 'number') this.lastSeq = Math.max(this.lastSeq ?? 0, envelope.seq);
    });
    this.socket.on('connect', () => {
      this.refusals = 0;
      const resumed = this.lastSeq !== null;
      this.setConnection({ online: true, offlineSince: null });
      if (!resumed) options.reload();
    });
    this.socket.on('disconnect', (reason) => {
      this.setConnection({ online: false, offlineSince: this.connection.offlineSince ?? new Date() });
      // socket.io reconnects by itself after a network drop, never after the service closed the socket.
      if (reason === 'io server disconnect' && !this.closed) this.socket.connect();
    });
    this.socket.on('resync.required', ({ lastSeq }) => {
      this.lastSeq = lastSeq;
      options.reload();
    });
    this.socket.on('auth.expiring', () => void this.renewInPlace());
    this.socket.on('connect_error', (error) => {
      this.setConnection({ online: false, offlineSince: this.connection.offlineSince ?? new Date() });
      if (error.message !== 'UNAUTHORIZED') return;
      const wait = Math.min(30_000, REFUSED_BACKOFF_MS * this.refusals);
      this.refusals += 1;
      options.renew().then(
        (token) => token && !this.closed && setTimeout(() => !this.closed && this.socket.connect(), wait),
        () => undefined,
      );
    });
  }

  close(): void {
    this.closed = true;
    this.socket.close();
  }

  /**
   * Hands the live socket a fresh token: the session's, when it was renewed since the socket got one (requests
   * renew ahead too), else a new one. If it is refused, reconnects (with `since`) to present it anew.
   */
  private async renewInPlace(): Promise<void> {
    const current = this.options.auth().token;
    const token =
      typeof current === 'string' && current !== this.heldToken
        ? current
        : await this.options.renew().catch(() => null);
    if (!token || this.closed || !this.socket.connected) return;
    const reply: RenewReply | null = await this.socket
      .timeout(10_000)
      .emitWithAck('auth.renew', { token })
      .then((answer: RenewReply) => answer)
      .catch(() => null);
    if (reply && 'expiresAt' in reply) {
      this.heldToken = token;
      return;
    }
    if (this.closed || !this.socket.connected) return;
    this.socket.disconnect();
    this.socket.connect();
  }

  private setConnection(connection: Connection): void {
    this.connection = connection;
    this.options.onConnection(connection);
  }
}
