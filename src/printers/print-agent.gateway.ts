import { Logger, OnModuleDestroy } from '@nestjs/common';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { ApiKeyAuthenticator } from '../auth/api-keys/api-key-authenticator';
import { ApiKey } from '../auth/api-keys/api-key.entity';
import { Scope } from '../common/access/scope';
import { DomainError } from '../common/errors/domain-error';
import { clientAddress, ProxyTrust, proxyTrust } from '../common/http/client-address';
import { LongTimer, setLongTimeout } from '../common/time/long-timer';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import { EventFeed } from '../event-log/event-feed';
import { EventType } from '../event-log/event-type';
import { IpBlockGate } from '../security/ip-block-gate';
import { PrintConsumer } from './print-consumer';
import { AgentAck, AgentConnection, AgentJob, PrintAgents } from './print-agents';

/** The socket.io namespace print agents connect to. */
export const PRINT_AGENT_NAMESPACE = '/print-agents';

interface AgentState {
  connection: AgentConnection;
  printerIds: string[];
  expiresAt: Date | null;
  expiry?: LongTimer;
}

/**
 * Print agents: programs on the restaurant's network that print for the service. One connects to the
 * `/print-agents` namespace with `auth: {apiKey}` of a key with scope `print:agent` (refused before connect
 * otherwise), receives `print.job {jobId, printerId, bytes}` for the printers its key names, and acknowledges each
 * with `{ok, error?}`. A changed, rotated or deleted key drops its agents at once.
 */
@WebSocketGateway({ namespace: PRINT_AGENT_NAMESPACE })
export class PrintAgentGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger(PrintAgentGateway.name);
  private readonly trust: ProxyTrust;
  private readonly states = new Map<string, AgentState>();
  private namespace?: Namespace;
  private unsubscribe?: () => void;

  constructor(
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly ipBlocks: IpBlockGate,
    private readonly database: Database,
    private readonly feed: EventFeed,
    private readonly agents: PrintAgents,
    private readonly consumer: PrintConsumer,
    config: AppConfig,
  ) {
    this.trust = proxyTrust(config.trustProxy);
  }

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.use((socket, next) => {
      const address = clientAddress(socket.request, this.trust);
      if (this.ipBlocks.refuses(address, 'socket.io')) return next(new Error('FORBIDDEN'));
      this.admit(socket, address).then(
        (admitted) => next(admitted ? undefined : new Error('UNAUTHORIZED')),
        (error: unknown) => {
          this.logger.error({ err: error }, 'Print agent authentication failed');
          next(new Error('UNAUTHORIZED'));
        },
      );
    });
    this.unsubscribe = this.feed.subscribe((event) => {
      if (event.type === EventType.ApiKeyChanged) this.dropKey(event.data.keyId);
    });
  }

  handleConnection(socket: Socket): void {
    const state = this.states.get(socket.id);
    if (!state) {
      socket.disconnect(true);
      return;
    }
    if (state.expiresAt) {
      state.expiry = setLongTimeout(() => socket.disconnect(true), state.expiresAt.getTime() - Date.now());
    }
    this.agents.connected(state.connection, state.printerIds);
    this.consumer.jobs.wake();
  }

  handleDisconnect(socket: Socket): void {
    const state = this.states.get(socket.id);
    if (!state) return;
    this.states.delete(socket.id);
    state.expiry?.clear();
    this.agents.disconnected(state.connection);
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  private async admit(socket: Socket, address: string | undefined): Promise<boolean> {
    const apiKey = (socket.handshake.auth as { apiKey?: unknown } | undefined)?.apiKey;
    if (typeof apiKey !== 'string') return false;
    let key;
    try {
      key = await this.apiKeys.admit(apiKey, { ip: address, route: 'socket.io' }, [Scope.PrintAgent]);
    } catch (error) {
      // A refused key is already a security event; the agent only learns UNAUTHORIZED.
      if (error instanceof DomainError) return false;
      throw error;
    }
    const row = await this.database.reader.findOneBy(ApiKey, { id: key.principal.keyId });
    this.states.set(socket.id, {
      connection: agentConnection(socket, key.principal.keyId),
      printerIds: row?.printerIds ?? [],
      expiresAt: key.expiresAt,
    });
    return true;
  }

  private dropKey(keyId: unknown): void {
    for (const [socketId, state] of this.states) {
      if (state.connection.keyId === keyId) this.namespace?.sockets.get(socketId)?.disconnect(true);
    }
  }
}

function agentConnection(socket: Socket, keyId: string): AgentConnection {
  return {
    keyId,
    async send(job: AgentJob, timeoutMs: number): Promise<AgentAck> {
      const ack: unknown = await socket.timeout(timeoutMs).emitWithAck('print.job', job);
      if (ack && typeof ack === 'object' && (ack as AgentAck).ok === true) return { ok: true };
      const error = ack && typeof ack === 'object' ? (ack as AgentAck).error : undefined;
      return { ok: false, error: typeof error === 'string' ? error.slice(0, 200) : 'no acknowledgement' };
    },
  };
}
