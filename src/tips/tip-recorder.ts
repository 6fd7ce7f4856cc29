import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Between } from 'typeorm';
import { Database, Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { FactKind } from '../event-log/facts';
import { categoriesOfDishes } from '../menu/dish-categories';
import { ORDER_CLOSED, ORDER_REFUNDED, OrderClosed, OrderRefunded } from '../orders/order-facts';
import { BusinessCalendar } from '../orders/business-calendar';
import { PAYMENT_TAKEN, PaymentTaken } from '../payments/payment-facts';
import { SHIFT_TIMES_CHANGED, ShiftTimesChanged } from '../time-clock/time-clock-facts';
import { TipLedger } from './tip-ledger';
import { TipDay, TipFact } from './tips.entities';

/**
 * A business day's tip facts changed. Raised after the facts are written, its handler runs at the counters stage:
 * after the receipt and its signature (a close, a refund), so the day's lock comes after theirs.
 */
export const TIP_DAY_CHANGED = new FactKind<{ businessDay: string }>('tip day changed');

/**
 * Writes the facts the tips are shared from, as the payments and orders modules report them: a payment's tip to
 * who took it, a refund of it, and at an order's close its waiter's sales by category. Never a service charge.
 * A change of hours worked (the time clock's fact) has the days already shared shared again.
 */
@Injectable()
export class TipRecorder {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly calendar: BusinessCalendar,
    private readonly ledger: TipLedger,
  ) {
    eventLog.on(PAYMENT_TAKEN, (tx, taken) => this.tipTaken(tx, taken));
    eventLog.on(ORDER_REFUNDED, async (tx, refunded) => {
      await this.tipRefunded(tx, refunded);
      await this.salesRefunded(tx, refunded);
    });
    eventLog.on(ORDER_CLOSED, (tx, closed) => this.sold(tx, closed));
    eventLog.on(SHIFT_TIMES_CHANGED, (tx, changed) => this.hoursChanged(tx, changed));
    eventLog.on(TIP_DAY_CHANGED, (tx, { businessDay }) => ledger.refresh(tx, businessDay), 'counters');
  }

  /**
   * Writes `facts` (of one day) and, unless they cannot change its shares (`shared: false`), has the day shared
   * again before the transaction commits.
   */
  async record(tx: Tx, facts: Array<Omit<TipFact, 'id'>>, shared = true): Promise<void> {
    if (facts.length === 0) return;
    await this.database.insertRows(
      tx,
      TipFact,
      facts.map((fact) => Object.assign(new TipFact(), { id: randomUUID(), ...fact })),
    );
    if (shared) this.changed(tx, facts[0].businessDay);
  }

  /** Has `businessDay` shared again before the transaction commits (a payout, a rule change). */
  changed(tx: Tx, businessDay: string): void {
    this.eventLog.raise(tx, TIP_DAY_CHANGED, { businessDay });
  }

  /** Hours worked changed: the days they fall in that have been shared already are shared again. */
  private async hoursChanged(tx: Tx, { from, until }: ShiftTimesChanged): Promise<void> {
    const [first, last] = [this.calendar.dayOf(from), this.calendar.openDayAt(until)];
    const shared = await tx.manager.find(TipDay, {
      select: { businessDay: true },
      where: { businessDay: Between(first, last) },
    });
    for (const { businessDay } of shared) this.changed(tx, businessDay);
  }

  private async tipTaken(tx: Tx, taken: PaymentTaken): Promise<void> {
    if (taken.tip <= 0 || !taken.takenBy) return;
    await this.record(tx, [
      {
        kind: 'card_tip',
        businessDay: taken.businessDay,
        userId: taken.takenBy,
        amount: taken.tip,
        categoryId: null,
        paymentId: taken.paymentId,
        occurredAt: taken.takenAt,
      },
    ]);
  }

  /** A refund's tip leaves the tips of the payment's day, at the payment's moment: that day is shared again. */
  private async tipRefunded(tx: Tx, { refund }: OrderRefunded): Promise<void> {
    if (refund.tip <= 0) return;
    const tip = await tx.manager.findOneBy(TipFact, { paymentId: refund.paymentId, kind: 'card_tip' });
    if (!tip) return;
    const { businessDay, userId, paymentId, occurredAt } = tip;
    await this.record(tx, [
      {
        kind: 'tip_refund',
        businessDay,
        userId,
        amount: -refund.tip,
        categoryId: null,
        paymentId,
        occurredAt,
      },
    ]);
  }

  /** The waiter's sales of each category in the order as it closed: its lines' totals, before discount. */
  private async sold(tx: Tx, { order }: OrderClosed): Promise<void> {
    await this.recordSales(
      tx,
      order,
      order.items.map((item) => ({ dishId: item.dishId, amount: item.total })),
    );
  }

  /**
   * Lines a refund gave back (a closed order's) leave the waiter's sales of their categories, on the order's day
   * at its close: a tip-out's base is the sales net of refunds. Their price before discount, as the close wrote.
   */
  private async salesRefunded(tx: Tx, { order, refund }: OrderRefunded): Promise<void> {
    const dishOf = new Map(order.items.map((item) => [item.id, item.dishId]));
    await this.recordSales(
      tx,
      order,
      refund.lines.flatMap((line) => {
        const dishId = dishOf.get(line.itemId);
        return dishId ? [{ dishId, amount: -line.unitPrice * line.quantity }] : [];
      }),
    );
  }

  /** The order's waiter's sales facts of `lines` (negative: given back), summed by category. */
  private async recordSales(
    tx: Tx,
    order: OrderClosed['order'],
    lines: Array<{ dishId: string; amount: number }>,
  ): Promise<void> {
    if (!order.waiterId || lines.length === 0) return;
    const categories = await categoriesOfDishes(tx.manager, [...new Set(lines.map((line) => line.dishId))]);
    const byCategory = new Map<string, number>();
    for (const line of lines) {
      const category = categories.get(line.dishId);
      if (category) byCategory.set(category, (byCategory.get(category) ?? 0) + line.amount);
    }
    if (byCategory.size === 0) return;
    await this.record(
      tx,
      [...byCategory].map(([categoryId, amount]) => ({
        kind: 'sales' as const,
        businessDay: order.businessDay,
        userId: order.waiterId!,
        amount,
        categoryId,
        paymentId: null,
        occurredAt: new Date(order.closedAt ?? order.updatedAt),
      })),
      await this.ledger.salesShared(tx.manager, order.businessDay),
    );
  }
}
