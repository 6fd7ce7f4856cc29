import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import type { Audience } from '../event-log/audience';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { audienceOf } from '../event-log/event-audiences';
import { LoyaltyActivityView } from './dto/loyalty.dto';
import { LoyaltyActivity, LoyaltyActivityType } from './loyalty.entities';

/** Who hears about customers and their points: managers, admins, and integrations allowed to read customers. */
export const GUEST_AUDIENCE: Audience = audienceOf(EventType.CustomerUpdated);

export interface LedgerLine {
  type: LoyaltyActivityType;
  points: number;
  amount?: number | null;
  shortfall?: number;
  orderId?: string | null;
  rewardId?: string | null;
  note?: string | null;
  by: string;
}

/**
 * Each customer's append-only points ledger. Writers of one customer take turns (Database.serialise) from the
 * balance they read to the line they append, so no two spends pass on the same points and the balance never goes
 * below zero; the unique (customer, position) index would refuse a line appended past that turn.
 */
@Injectable()
export class LoyaltyLedger {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly clock: Clock,
  ) {}

  /** Takes the customer's turn for the rest of `tx` and answers their balance. */
  async hold(tx: Tx, customerId: string): Promise<number> {
    await this.database.serialise(tx, `loyalty:${customerId}`, LockKind.CustomerPoints);
    return (await this.last(tx, customerId))?.balanceAfter ?? 0;
  }

  /** Appends a line (the customer's turn taken) and its loyalty.activity event; answers it. */
  async append(tx: Tx, customerId: string, line: LedgerLine): Promise<LoyaltyActivity> {
    await this.database.serialise(tx, `loyalty:${customerId}`, LockKind.CustomerPoints);
    const last = await this.last(tx, customerId);
    const balanceAfter = (last?.balanceAfter ?? 0) + line.points;
    if (balanceAfter < 0)
      throw new Error(`A ledger line would take customer ${customerId} below zero points`);
    const activity = Object.assign(new LoyaltyActivity(), {
      id: randomUUID(),
      customerId,
      position: (last?.position ?? 0) + 1,
      type: line.type,
      points: line.points,
      balanceAfter,
      amount: line.amount ?? null,
      shortfall: line.shortfall ?? 0,
      orderId: line.orderId ?? null,
      rewardId: line.rewardId ?? null,
      note: line.note ?? null,
      by: line.by,
      at: this.clock.now(),
    });
    await this.database.insertRows(tx, LoyaltyActivity, activity);
    this.eventLog.append(tx, {
      type: EventType.LoyaltyActivity,
      data: { customerId, activity: LoyaltyActivityView.of(activity), points: balanceAfter },
      audience: GUEST_AUDIENCE,
    });
    return activity;
  }

  private async last(tx: Tx, customerId: string): Promise<{ position: number; balanceAfter: number } | null> {
    const [row] = await tx.sql<{ position: number | string; balance_after: number | string }>(
      'SELECT position, balance_after FROM loyalty_activities WHERE customer_id = $1 ORDER BY position DESC LIMIT 1',
      [customerId],
    );
    return row ? { position: Number(row.position), balanceAfter: Number(row.balance_after) } : null;
  }
}
