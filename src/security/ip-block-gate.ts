import { Injectable, Logger } from '@nestjs/common';
import { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { SecurityEventType } from '../audit/security-event-type';
import { SecurityEventsService } from '../audit/security-events.service';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { IpBlockList } from './ip-block-list';

/** Load balancers probe it from addresses an admin may block by accident: taking every instance out of rotation. */
const UNBLOCKED_ROUTE = '/health';

/** A flood from a blocked address writes one security event per block and window, not one per request. */
const REFUSALS_RECORDED_EVERY_MS = 60_000;
/** Blocks come and go: past this many tallies (of lifted blocks, mostly) they start again. */
const MAX_TALLIES = 10_000;

export type RefusedChannel = 'http' | 'socket.io';

/** Refusals of one block since its last recorded event. */
interface RefusalTally {
  recordedAt: number;
  unrecorded: number;
}

/**
 * Refuses requests and socket.io handshakes from blocked addresses, before anything else reads them (authentication
 * included), with 403 FORBIDDEN. The first refusal of a block is a security event; later ones within the minute are
 * counted and reported with the next one, so a flood costs a few rows, and the request path never waits for them.
 */
@Injectable()
export class IpBlockGate {
  private readonly logger = new Logger(IpBlockGate.name);
  private readonly tallies = new Map<string, RefusalTally>();

  constructor(
    private readonly blocks: IpBlockList,
    private readonly database: Database,
    private readonly securityEvents: SecurityEventsService,
    private readonly clock: Clock,
  ) {}

  /**
   * An Express router with Express's default matching, the app's too: every spelling that reaches the health route
   * (/HEALTH, /health/, a query string, HEAD) passes, as it would not if the gate compared the path itself.
   */
  readonly middleware = Router()
    .get(UNBLOCKED_ROUTE, (_request: Request, _response: Response, next: NextFunction) => next('router'))
    .use((request: Request, _response: Response, next: NextFunction) => {
      if (!this.refuses(request.ip, 'http')) return next();
      next(new DomainError(ErrorCode.Forbidden, 'Requests from this address are blocked'));
    });

  /** True when `address` is blocked: the refusal is then noted. */
  refuses(address: string | undefined, channel: RefusedChannel): boolean {
    const block = this.blocks.blocking(address);
    if (!block) return false;
    this.noteRefusal(block.id, block.range, address!, channel);
    return true;
  }

  private noteRefusal(blockId: string, range: string, address: string, channel: RefusedChannel): void {
    const now = this.clock.now().getTime();
    const tally = this.tallies.get(blockId);
    if (tally && now - tally.recordedAt < REFUSALS_RECORDED_EVERY_MS) {
      tally.unrecorded += 1;
      return;
    }
    const unrecorded = tally?.unrecorded ?? 0;
    if (!tally && this.tallies.size >= MAX_TALLIES) this.tallies.clear();
    this.tallies.set(blockId, { recordedAt: now, unrecorded: 0 });
    this.database
      .transaction(({ manager }) =>
        this.securityEvents.record(manager, {
          type: SecurityEventType.BlockedRequestRefused,
          ip: address,
          details: { blockId, range, channel, refusedSinceLastEvent: unrecorded },
        }),
      )
      .catch((error: unknown) => this.logger.error({ err: error }, 'Recording a blocked request failed'));
  }
}
