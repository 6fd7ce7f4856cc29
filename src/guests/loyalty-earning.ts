import { Injectable, OnModuleInit } from '@nestjs/common';
import { Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import type { OrderView } from '../orders/dto/order.views';
import {
  ORDER_CANCELLED,
  ORDER_CLOSED,
  ORDER_MERGED_INTO,
  ORDER_REFUNDED,
  OrderMergedInto,
  OrderRefunded,
} from '../orders/order-facts';
import { LoyaltyLedger } from './loyalty-ledger';
import { LoyaltyActivity, LoyaltyActivityType } from './loyalty.entities';
import { LoyaltyService } from './loyalty.service';

const SYSTEM = 'system';

/**
 * Points that follow what happens to orders, in the transaction that makes it happen (the orders' facts): an order
 * with a customer that closes earns; a refund of it takes its share back; an order a person cancels gives back the
 * points spent on it; a merge moves the points spent on an order, with its reward, to the order it went into.
 */
@Injectable()
export class LoyaltyEarning implements OnModuleInit {
  constructor(
    private readonly eventLog: EventLog,
    private readonly ledger: LoyaltyLedger,
    private readonly loyalty: LoyaltyService,
  ) {}

  onModuleInit(): void {
    this.eventLog.on(ORDER_CLOSED, async (tx, { order, customerId }) => {
      if (customerId) await this.earn(tx, order, customerId);
    });
    this.eventLog.on(ORDER_CANCELLED, (tx, { orderId }) => this.restore(tx, orderId));
    this.eventLog.on(ORDER_MERGED_INTO, (tx, merged) => this.follow(tx, merged));
    this.eventLog.on(ORDER_REFUNDED, (tx, refunded) => this.refunded(tx, refunded));
  }

  /**
   * The points spent on a merged order went with its reward into the other order: a later cancel of that order
   * gives them back, and the merge itself gives back nothing.
   */
  private async follow(tx: Tx, { from, into }: OrderMergedInto): Promise<void> {
    await tx.manager.update(LoyaltyActivity, { orderId: from }, { orderId: into });
  }

  /** floor(paid / 100) × pointsPerUnit: `paid` is net of refunds, and holds no tip or change. */
  private async earn(tx: Tx, order: OrderView, customerId: string): Promise<void> {
    const { pointsPerUnit } = await this.loyalty.programIn(tx.manager);
    const points = Math.floor(order.paid / 100) * pointsPerUnit;
    if (points <= 0) return;
    await this.ledger.append(tx, customerId, {
      type: LoyaltyActivityType.Earn,
      points,
      amount: order.paid,
      orderId: order.id,
      by: SYSTEM,
    });
  }

  /**
   * After a refund the order keeps floor(earned × paid now / paid when it earned) of its points; the rest goes
   * back, as far as the customer still holds points, and what could not be taken is recorded as a shortfall (so a
   * later refund does not ask for it again).
   */
  private async refunded(tx: Tx, { order, customerId, refund }: OrderRefunded): Promise<void> {
    if (!customerId || refund.amount === 0) return;
    const lines = await tx.manager.find(LoyaltyActivity, { where: { orderId: order.id } });
    const earnings = lines.filter((line) => line.type === LoyaltyActivityType.Earn);
    if (earnings.length === 0) return;
    const earned = sum(earnings.map((line) => line.points));
    const basis = sum(earnings.map((line) => line.amount ?? 0));
    const kept = basis > 0 ? Math.floor((earned * Math.max(order.paid, 0)) / basis) : 0;
    const settled = sum(
      lines
        .filter((line) => line.type === LoyaltyActivityType.Reverse)
        .map((line) => line.shortfall - line.points),
    );
    const owed = earned - kept - settled;
    if (owed <= 0) return;
    const earner = earnings[0].customerId;
    const taken = Math.min(owed, await this.ledger.hold(tx, earner));
    await this.ledger.append(tx, earner, {
      type: LoyaltyActivityType.Reverse,
      points: -taken,
      shortfall: owed - taken,
      amount: refund.amount,
      orderId: order.id,
      by: SYSTEM,
    });
  }

  /**
   * An order a person cancelled gives back the points spent on it. Those points first go to what refunds could not take
   * back (the shortfalls, oldest first): a shortfall is left by points spent, so spending them cannot keep it.
   */
  private async restore(tx: Tx, orderId: string): Promise<void> {
    const lines = await tx.manager.find(LoyaltyActivity, { where: { orderId } });
    const spent = lines.filter(
      (line) => line.type === LoyaltyActivityType.Spend || line.type === LoyaltyActivityType.Restore,
    );
    const owed = -sum(spent.map((line) => line.points));
    if (owed <= 0) return;
    const customerId = spent[0].customerId;
    await this.ledger.append(tx, customerId, {
      type: LoyaltyActivityType.Restore,
      points: owed,
      orderId,
      note: 'the order was cancelled',
      by: SYSTEM,
    });
    await this.takeShortfalls(tx, customerId, owed);
  }

  /**
   * Takes up to `available` points for the customer's open shortfalls, each on a `reverse` line of its order
   * whose negative shortfall closes that much of it (so the order's later refunds count it as settled).
   */
  private async takeShortfalls(tx: Tx, customerId: string, available: number): Promise<void> {
    const reversals = await tx.manager.find(LoyaltyActivity, {
      where: { customerId, type: LoyaltyActivityType.Reverse },
      order: { position: 'ASC' },
    });
    const open = new Map<string, number>();
    for (const line of reversals) open.set(line.orderId!, (open.get(line.orderId!) ?? 0) + line.shortfall);
    let left = available;
    for (const [orderId, shortfall] of open) {
      const taken = Math.min(shortfall, left);
      if (taken <= 0) continue;
      await this.ledger.append(tx, customerId, {
        type: LoyaltyActivityType.Reverse,
        points: -taken,
        shortfall: -taken,
        orderId,
        note: 'its shortfall, from points given back',
        by: SYSTEM,
      });
      left -= taken;
    }
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
