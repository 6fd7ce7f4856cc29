import { Injectable, OnModuleInit } from '@nestjs/common';
import { Tx } from '../database/database.service';
import { EventLog, NewEvent } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import type { OrderView } from '../orders/dto/order.views';
import { OrderStatus } from '../orders/order-status';
import { LoyaltyLedger } from './loyalty-ledger';
import { LoyaltyActivity, LoyaltyActivityType } from './loyalty.entities';
import { LoyaltyService } from './loyalty.service';

const SYSTEM = 'system';

type OrderEvent = OrderView & { refund?: { amount: number } };

/**
 * Points that follow what happens to orders, in the transaction that makes it happen (the event log runs these as
 * the order's event is appended): an order with a customer that closes earns; a refund of it takes its share back;
 * a cancelled order gives back the points spent on it.
 */
@Injectable()
export class LoyaltyEarning implements OnModuleInit {
  constructor(
    private readonly eventLog: EventLog,
    private readonly ledger: LoyaltyLedger,
    private readonly loyalty: LoyaltyService,
  ) {}

  onModuleInit(): void {
    this.eventLog.whenAppended(EventType.OrderStatusChanged, (tx, event) => this.statusChanged(tx, event));
    this.eventLog.whenAppended(EventType.OrderUpdated, (tx, event) => this.refunded(tx, event));
  }

  private async statusChanged(tx: Tx, event: NewEvent): Promise<void> {
    const order = event.data as unknown as OrderEvent;
    if (!order.customer) return;
    if (order.status === OrderStatus.Closed) await this.earn(tx, order, order.customer.id);
    if (order.status === OrderStatus.Cancelled) await this.restore(tx, order.id);
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
  private async refunded(tx: Tx, event: NewEvent): Promise<void> {
    const order = event.data as unknown as OrderEvent;
    if (!order.refund || !order.customer) return;
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
    const customerId = earnings[0].customerId;
    const taken = Math.min(owed, await this.ledger.hold(tx, customerId));
    await this.ledger.append(tx, customerId, {
      type: LoyaltyActivityType.Reverse,
      points: -taken,
      shortfall: owed - taken,
      amount: order.refund.amount,
      orderId: order.id,
      by: SYSTEM,
    });
  }

  /**
   * A cancelled order gives back the points spent on it. Those points first go to what refunds could not take
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
