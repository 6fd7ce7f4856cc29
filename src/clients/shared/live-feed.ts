import { io, type Socket } from 'socket.io-client';
import type { Envelope, ServerEvents } from './events';

export type LiveSocket = Socket<ServerEvents>;

/** Whether events arrive live, and since when they do not. */
export interface Connection {
  online: boolean;
  offlineSince: Date | null;
}

export interface LiveFeedOptions {
  /** The handshake's credentials (and `stations`), asked at every (re)connect. */
  auth: () => Record<string, unknown>;
  /** A fresh access token after the socket was refused, or null to stop (signed out). */
  renew: () => Promise<string | null>;
  /**
   * The client's state may have missed events: at the first connect, after `resync.required`, or after a drop
   * before any event told it a seq to resume from. It reloads with REST; events that follow apply on top.
   */
  reload: () => void;
  onConnection: (connection: Connection) => void;
}

/**
 * The socket a screen lives on. It keeps the last `seq` it handled and resumes after it on every reconnect, so a
 * drop loses nothing and doubles nothing (the server replays in seq order, then goes live).
 */
export class LiveFeed {
  readonly socket: LiveSocket;
  private lastSeq: number | null = null;
  private connection: Connection = { online: false, offlineSince: null };

  constructor(private readonly options: LiveFeedOptions) {
    this.socket = io({
      transports: ['websocket'],
      auth: (send) => send({ ...options.auth(), ...(this.lastSeq === null ? {} : { since: this.lastSeq }) }),
    });
    this.socket.onAny((_type, envelope: Partial<Envelope<unknown>> | undefined) => {
      if (typeof envelope?.seq === 'number') this.lastSeq = Math.max(this.lastSeq ?? 0, envelope.seq);
    });
    this.socket.on('connect', () => {
      const resumed = this.lastSeq !== null;
      this.setConnection({ online: true, offlineSince: null });
      if (!resumed) options.reload();
    });
    this.socket.on('disconnect', () => {
      this.setConnection({ online: false, offlineSince: this.connection.offlineSince ?? new Date() });
    });
    this.socket.on('resync.required', ({ lastSeq }) => {
      this.lastSeq = lastSeq;
      options.reload();
    });
    this.socket.on('connect_error', (error) => {
      this.setConnection({ online: false, offlineSince: this.connection.offlineSince ?? new Date() });
      if (error.message !== 'UNAUTHORIZED') return;
      options.renew().then(
        (token) => token && this.socket.connect(),
        () => undefined,
      );
    });
  }

  close(): void {
    this.socket.close();
  }

  private setConnection(connection: Connection): void {
    this.connection = connection;
    this.options.onConnection(connection);
  }
}
