import { Logger, OnModuleDestroy } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { Role } from '../common/access/role';
import { clientAddress, ProxyTrust, proxyTrust } from '../common/http/client-address';
import { AddressRanges } from '../common/net/address-ranges';
import { LongTimer, setLongTimeout } from '../common/time/long-timer';
import { AppConfig } from '../config/app-config';
import { ClientStream } from './client-stream';
import type { EventEnvelope } from '../visibility/event-envelope';
import { EventFeed } from '../event-log/event-feed';
import { EventLog } from '../event-log/event-log.service';
import type { EventRecord } from '../event-log/event-record.entity';
import { EventType } from '../event-log/event-type';
import { concernsSession } from '../event-log/staff-access-change';
import { AuthenticatedSocket, HandshakeAuth, SocketAuthenticator } from './socket-authenticator';
import { IpBlockGate } from '../security/ip-block-gate';
import type { Viewer } from '../visibility/viewer';
import { visibleTo } from '../visibility/visibility';

const REPLAY_PAGE = 500;
/** A staff socket sends a fresh access token of its session under this name to live on past the old one's expiry. */
export const RENEW_MESSAGE = 'auth.renew';
/** Sent to a staff socket before its access token expires: renew now, or be disconnected at `expiresAt`. */
export const EXPIRING_MESSAGE = 'auth.expiring';
/** How long before its token expires a socket is told so: a quarter of what is left, at most 30 s. */
const warnAheadMs = (leftMs: number): number => Math.min(30_000, leftMs / 4);
/**
 * Live events go out at most this often: an event after a quiet spell leaves at once, and under a rush the events
 * of a few milliseconds leave together, so each socket is written a few times per batch instead of once per event
 * (a socket write is a system call each, and 200 of them per order cost more than the order itself).
 */
const SEND_EVERY_MS = 5;

interface SocketState {
  /** The client's address, as HTTP's request.ip would be. */
  address?: string;
  auth?: AuthenticatedSocket;
  stream?: ClientStream;
  room?: string;
  /** Disconnects when the credential expires: an API key's may be months away. */
  expiry?: LongTimer;
  /** Tells a staff socket to renew, before `expiry` fires. */
  warning?: LongTimer;
}

/** A socket.io room: the sockets that see every event alike, and one of their viewers to ask visibleTo() with. */
interface Audience {
  viewer: Viewer;
  members: number;
}

/**
 * socket.io on the HTTP server. Clients are authenticated in the handshake (refused before connect), replay what
 * they missed with `since`, then receive live events as the event feed hands them on. Services never call this:
 * it listens to the feed.
 *
 * Live events go to socket.io rooms, one per audience (a role, a kitchen's choice of stations, a table's party),
 * not to a loop over sockets: socket.io's adapter fans them out, locally or, with the scale-out issue, through
 * Redis. Each event is serialised once per audience that may see it, not once per socket. Kitchen rooms are sent
 * the event as the feed hands it on, before the HTTP reply that caused it (a few sockets, and the cooks are the
 * ones waiting for the ticket); every other room after that reply, and under a rush in batches (SEND_EVERY_MS).
 * A socket that replays is served on its own until it has caught up with the live stream, then joins its room.
 */
@WebSocketGateway()
export class RealtimeGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger(RealtimeGateway.name);
  private server!: Server;
  private readonly audiences = new Map<string, Audience>();
  /** Sockets not yet in their room: replaying, or sent more or less than their room has been sent. */
  private readonly catchingUp = new Set<ClientStream>();
  /** Handed on by the feed and sent to the kitchen rooms, not yet to the others: sent together after this turn. */
  private queue: EventRecord[] = [];
  private lastSentAt = -Infinity;
  private unsubscribe?: () => void;
  private readonly trust: ProxyTrust;

  constructor(
    private readonly authenticator: SocketAuthenticator,
    private readonly feed: EventFeed,
    private readonly eventLog: EventLog,
    private readonly ipBlocks: IpBlockGate,
    config: AppConfig,
  ) {
    this.trust = proxyTrust(config.trustProxy);
  }

  afterInit(server: Server): void {
    this.server = server;
    server.use((socket, next) => {
      // The same client as HTTP's request.ip: handshakes do not pass through Express.
      const address = clientAddress(socket.request, this.trust);
      if (this.ipBlocks.refuses(address, 'socket.io')) return next(new Error('FORBIDDEN'));
      stateOf(socket).address = address;
      this.authenticator.authenticate(socket.handshake.auth as HandshakeAuth, address).then(
        (auth) => {
          if (!auth) return next(new Error('UNAUTHORIZED'));
          stateOf(socket).auth = auth;
          next();
        },
        (error: unknown) => {
          this.logger.error({ err: error }, 'Socket authentication failed');
          next(new Error('UNAUTHORIZED'));
        },
      );
    });
    this.unsubscribe = this.feed.subscribe((event) => this.enqueue(event));
  }

  handleConnection(socket: Socket): void {
    const auth = stateOf(socket).auth!;
    if (auth.expiresAt) this.expireAt(socket, auth.expiresAt);
    if (auth.viewer.kind === 'staff') {
      socket.on(RENEW_MESSAGE, (payload: unknown, ack: unknown) => void this.renew(socket, payload, ack));
    }
    if (auth.since === null) {
      this.joinRoom(socket, auth.viewer);
      return;
    }
    const stream = new ClientStream(socket, auth.viewer, true);
    stateOf(socket).stream = stream;
    this.catchingUp.add(stream);
    void this.replay(stream, auth.since);
  }

  handleDisconnect(socket: Socket): void {
    const state = stateOf(socket);
    if (state.stream) this.catchingUp.delete(state.stream);
    if (state.room) this.leaveRoom(state.room);
    state.expiry?.clear();
    state.warning?.clear();
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** Disconnects the socket when its credential dies; a staff socket is told shortly before, to renew. */
  private expireAt(socket: Socket, expiresAt: Date): void {
    const state = stateOf(socket);
    state.expiry?.clear();
    state.warning?.clear();
    const leftMs = Math.max(0, expiresAt.getTime() - Date.now());
    state.expiry = setLongTimeout(() => socket.disconnect(true), leftMs);
    if (state.auth?.viewer.kind !== 'staff') return;
    state.warning = setLongTimeout(
      () => socket.emit(EXPIRING_MESSAGE, { expiresAt: expiresAt.toISOString() }),
      leftMs - warnAheadMs(leftMs),
    );
  }

  /**
   * Renewal in place: a fresh access token of the socket's own session moves its expiry on, with no reconnect
   * and so no replay. Anything else is refused and changes nothing: the socket still goes at the old expiry.
   */
  private async renew(socket: Socket, payload: unknown, ack: unknown): Promise<void> {
    const answer = typeof ack === 'function' ? (ack as (reply: unknown) => void) : () => undefined;
    const viewer = stateOf(socket).auth?.viewer;
    const token = (payload as { token?: unknown } | null)?.token;
    const expiresAt =
      viewer?.kind === 'staff' && typeof token === 'string'
        ? await this.authenticator.renewal(token, viewer.principal).catch(() => null)
        : null;
    if (!expiresAt) return answer({ error: 'UNAUTHORIZED' });
    if (!socket.connected) return;
    this.expireAt(socket, expiresAt);
    answer({ expiresAt: expiresAt.toISOString() });
  }

  private async replay(stream: ClientStream, since: number): Promise<void> {
    try {
      const bounds = await this.eventLog.bounds();
      await stream.replay(since, bounds, (after) => this.eventLog.after(after, REPLAY_PAGE));
      this.joinIfCaughtUp(stream);
    } catch (error) {
      this.logger.error({ err: error }, 'Replay failed; the client reconnects to retry');
      stream.socket.disconnect(true);
    }
  }

  /**
   * The last seq a room has been sent: every earlier event has gone out to it, no later one. Kitchen rooms are sent
   * each event as the feed hands it on (as are the streams catching up); the others once the queue is sent.
   */
  private sentThrough(room: string): number {
    if (isKitchen(room) || this.queue.length === 0) return this.feed.position;
    return this.queue[0].seq - 1;
  }

  /** A stream joins its room once it has been sent exactly what the room has: no gap, and nothing twice. */
  private joinIfCaughtUp(stream: ClientStream): void {
    if (stream.isReplaying || !stream.socket.connected) return;
    if (stream.lastSeq !== this.sentThrough(roomOf(stream.viewer))) return;
    this.catchingUp.delete(stream);
    this.joinRoom(stream.socket, stream.viewer);
  }

  /**
   * Sockets that must not see the event's successors go first; then the kitchen rooms and the streams catching up
   * are sent the event, and the other rooms after the current turn.
   */
  private enqueue(event: EventRecord): void {
    try {
      this.dropSocketsAfter(event);
      this.sendToRooms(event, isKitchen);
      for (const stream of this.catchingUp) stream.offer(event);
    } catch (error) {
      this.logger.error({ err: error, seq: event.seq, type: event.type }, 'Sending an event failed');
    }
    this.queue.push(event);
    if (this.queue.length > 1) return;
    const wait = this.lastSentAt + SEND_EVERY_MS - performance.now();
    if (wait <= 0) setImmediate(() => this.send());
    else setTimeout(() => this.send(), wait);
  }

  private dropSocketsAfter(event: EventRecord): void {
    if (event.type === EventType.StaffAccessChanged) this.dropRevokedSockets(event.data);
    if (event.type === EventType.TableQrTokenChanged) this.dropStaleGuests(event.data);
    if (event.type === EventType.ApiKeyChanged) this.dropKeySockets(event.data);
    if (event.type === EventType.IpBlocksChanged) this.dropBlockedSockets(event.data);
  }

  private send(): void {
    this.lastSentAt = performance.now();
    while (this.queue.length > 0) {
      const event = this.queue[0];
      try {
        this.sendToRooms(event, (room) => !isKitchen(room));
      } catch (error) {
        // One event that cannot be sent must not stop the ones after it: a stuck head would silence every socket.
        this.logger.error({ err: error, seq: event.seq, type: event.type }, 'Sending an event failed');
      } finally {
        this.queue.shift();
      }
    }
    for (const stream of this.catchingUp) this.joinIfCaughtUp(stream);
  }

  /** One emit per distinct envelope to the rooms `included`: rooms that see the whole event share one. */
  private sendToRooms(event: EventRecord, included: (room: string) => boolean): void {
    const recipients = new Map<EventEnvelope, string[]>();
    for (const [room, { viewer }] of this.audiences) {
      if (!included(room)) continue;
      const envelope = visibleTo(event, viewer);
      if (!envelope) continue;
      const rooms = recipients.get(envelope);
      if (rooms) rooms.push(room);
      else recipients.set(envelope, [room]);
    }
    for (const [envelope, rooms] of recipients) this.server.local.to(rooms).emit(envelope.type, envelope);
  }

  private joinRoom(socket: Socket, viewer: Viewer): void {
    const room = roomOf(viewer);
    const audience = this.audiences.get(room);
    if (audience) audience.members += 1;
    else this.audiences.set(room, { viewer, members: 1 });
    stateOf(socket).room = room;
    void socket.join(room);
  }

  private leaveRoom(room: string): void {
    const audience = this.audiences.get(room);
    if (audience && --audience.members === 0) this.audiences.delete(room);
  }

  /**
   * A logout, a revoked session, a deactivated or deleted user, a changed role, password or PIN, a second factor
   * enrolled or reset: their sockets go at once (but the one of the session that changed its own credentials).
   */
  private dropRevokedSockets(data: Record<string, unknown>): void {
    for (const socket of this.server.sockets.sockets.values()) {
      const viewer = stateOf(socket).auth?.viewer;
      if (viewer?.kind !== 'staff') continue;
      const { userId, sessionId } = viewer.principal;
      if (concernsSession(data, userId, sessionId)) socket.disconnect(true);
    }
  }

  /** A changed, rotated, deactivated or deleted API key: its sockets go, and reconnect under the key's new rules. */
  private dropKeySockets(data: Record<string, unknown>): void {
    for (const socket of this.server.sockets.sockets.values()) {
      const viewer = stateOf(socket).auth?.viewer;
      if (viewer?.kind === 'integration' && viewer.principal.keyId === data.keyId) socket.disconnect(true);
    }
  }

  /** A new block: sockets from its range go at once (their reconnects are refused). */
  private dropBlockedSockets(data: Record<string, unknown>): void {
    if (data.active !== true || typeof data.range !== 'string') return;
    const blocked = new AddressRanges([data.range]);
    for (const socket of this.server.sockets.sockets.values()) {
      if (blocked.includes(stateOf(socket).address)) socket.disconnect(true);
    }
  }

  /** A rotated QR code (or a retired table): guests on any other token than the table's current one go at once. */
  private dropStaleGuests(data: Record<string, unknown>): void {
    for (const socket of this.server.sockets.sockets.values()) {
      const viewer = stateOf(socket).auth?.viewer;
      if (viewer?.kind !== 'customer' || viewer.tableId !== data.tableId) continue;
      if (viewer.qrTokenHash !== data.qrTokenHash) socket.disconnect(true);
    }
  }
}

/**
 * Sockets that visibleTo() treats alike share a room: by role, a kitchen's set of stations, a table's party, or
 * integrations (every key sees the same events).
 */
function roomOf(viewer: Viewer): string {
  if (viewer.kind === 'customer') return `table:${viewer.tableId}:${viewer.seating}`;
  // Keys hear by their scopes and channel: keys alike in both share a room, and so one envelope.
  if (viewer.kind === 'integration') {
    const { scopes, channelCode } = viewer.principal;
    return `integrations:${[...scopes].sort().join(',')}:${channelCode ?? ''}`;
  }
  const { role } = viewer.principal;
  if (role === Role.Kitchen && viewer.stationIds)
    return `stations:${[...new Set(viewer.stationIds)].sort().join(',')}`;
  return `role:${role}`;
}

function isKitchen(room: string): boolean {
  return room.startsWith('stations:') || room === `role:${Role.Kitchen}`;
}

function stateOf(socket: Socket): SocketState {
  return socket.data as SocketState;
}
