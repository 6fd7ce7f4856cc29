import { Logger, OnModuleDestroy } from '@nestjs/common';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { ClientStream } from './client-stream';
import { EventFeed } from './event-feed';
import { EventLog } from './event-log.service';
import type { EventRecord } from './event-record.entity';
import { EventType } from './event-type';
import { AuthenticatedSocket, HandshakeAuth, SocketAuthenticator } from './socket-authenticator';

const REPLAY_PAGE = 500;

interface SocketState {
  auth?: AuthenticatedSocket;
  stream?: ClientStream;
  expiry?: NodeJS.Timeout;
}

/**
 * socket.io on the HTTP server. Clients are authenticated in the handshake (refused before connect), replay what
 * they missed with `since`, then receive live events as the event feed hands them on. Services never call this:
 * it listens to the feed.
 */
@WebSocketGateway()
export class RealtimeGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly streams = new Set<ClientStream>();
  private unsubscribe?: () => void;

  constructor(
    private readonly authenticator: SocketAuthenticator,
    private readonly feed: EventFeed,
    private readonly eventLog: EventLog,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      this.authenticator.authenticate(socket.handshake.auth as HandshakeAuth).then(
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
    this.unsubscribe = this.feed.subscribe((event) => this.onEvent(event));
  }

  handleConnection(socket: Socket): void {
    const state = stateOf(socket);
    const auth = state.auth!;
    const stream = new ClientStream(socket, auth.viewer, auth.since !== null);
    state.stream = stream;
    this.streams.add(stream);
    if (auth.expiresAt) {
      const ttl = Math.max(0, auth.expiresAt.getTime() - Date.now());
      state.expiry = setTimeout(() => socket.disconnect(true), ttl);
    }
    if (auth.since !== null) void this.replay(stream, auth.since);
  }

  handleDisconnect(socket: Socket): void {
    const state = stateOf(socket);
    if (state.stream) this.streams.delete(state.stream);
    clearTimeout(state.expiry);
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  private async replay(stream: ClientStream, since: number): Promise<void> {
    try {
      const bounds = await this.eventLog.bounds();
      await stream.replay(since, bounds, (after) => this.eventLog.after(after, REPLAY_PAGE));
    } catch (error) {
      this.logger.error({ err: error }, 'Replay failed; the client reconnects to retry');
      stream.socket.disconnect(true);
    }
  }

  private onEvent(event: EventRecord): void {
    if (event.type === EventType.StaffAccessChanged) this.dropRevokedSockets(event.data);
    for (const stream of this.streams) stream.offer(event);
  }

  /** A logout, a revoked session, a deactivated or deleted user, a changed role: their sockets go at once. */
  private dropRevokedSockets(data: Record<string, unknown>): void {
    for (const stream of this.streams) {
      const viewer = stream.viewer;
      if (viewer.kind !== 'staff') continue;
      const sameUser = viewer.principal.userId === data.userId;
      const sameSession = data.sessionId === undefined || viewer.principal.sessionId === data.sessionId;
      if (sameUser && sameSession) stream.socket.disconnect(true);
    }
  }
}

function stateOf(socket: Socket): SocketState {
  return socket.data as SocketState;
}
