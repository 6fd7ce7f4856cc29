import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { Principal, staffUserId } from '../common/access/principal';
import { Role } from '../common/access/role';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { RetryableConflict } from '../database/retries';
import { EventType } from '../event-log/event-type';
import { GiftCardLedger } from '../guests/gift-cards/gift-card-ledger';
import { refundRows, sumRows, TaxRow, totalGross } from '../money';
import { BusinessCalendar } from '../orders/business-calendar';
import type { OrderChange } from '../orders/order-changes';
import { ORDER_REFUNDED, RefundedLine, RefundMade } from '../orders/order-facts';
import { OrderItem, pricedUnit } from '../orders/order-item.entity';
import { OrderStatus } from '../orders/order-status';
import { OrderTotals } from '../orders/order-totals';
import { RejectionRefunds } from '../orders/rejection-refunds';
import { TaxLedger } from '../taxes/tax-ledger';
import { CardRefundPort, CardRefundRequest } from './card-refund-port';
import { PaymentView } from './dto/payment.dto';
import {
  CardDetails,
  Payment,
  PaymentMethod,
  PaymentMethodKind,
  PaymentRecordStatus,
  Refund,
} from './payment.entities';

/** What one refund gives back from one payment, and why: an amount or lines, and perhaps part of the tip. */
export interface RefundRequest {
  paymentId: string;
  amount?: number;
  lines?: Array<{ itemId: string; quantity: number }>;
  tip?: number;
  reason: string;
  /** The refund's own idempotency key (its request's), from which the provider's is derived. */
  providerKey?: string;
  /** The refund's id when its request is keyed (derived from the key): the same refund is recorded once. */
  refundId?: string;
}

/**
 * What a refund's unit of work does on reaching a terminal's card payment, given the provider's refund it needs:
 * PaymentsService.refund plans it (and stops), calls the provider outside any transaction, then records it.
 */
export type CardRefundStep = (card: CardDetails, request: CardRefundRequest) => void;

/** A card refund met where no provider call was planned (a channel's reversal): refused, nothing changes. */
const noCardRefund: CardRefundStep = () => {
  throw new DomainError(ErrorCode.Conflict, 'A card terminal payment is refunded on its own, not here');
};

/** What a refund takes off the order: the amount, the lines it names, and the tax rows it takes back. */
interface Returned {
  amount: number;
  lines: RefundedLine[];
  taxes: TaxRow[];
}

/**
 * The one way money goes back from a payment, inside a change of the order that holds the payment: a refund asked
 * for (POST /payments/{id}/refund), or the reversal of a channel's payment when the restaurant rejects its order.
 */
@Injectable()
export class PaymentRefunds implements OnModuleInit {
  constructor(
    private readonly database: Database,
    private readonly auditLog: AuditLog,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
    private readonly giftCards: GiftCardLedger,
    private readonly rejections: RejectionRefunds,
    private readonly totals: OrderTotals,
    private readonly ledger: TaxLedger,
    @Optional() private readonly cardRefunds?: CardRefundPort,
  ) {}

  onModuleInit(): void {
    this.rejections.register((change, actor, reason) => this.reverseChannelPayments(change, actor, reason));
  }

  /**
   * Gives back an amount, or lines of a closed order, and perhaps part of the tip from the payment, which the
   * change's order (locked) must hold: the payment locked after it, a refund row on the open business day, the
   * order's paid amount and tips, a gift card's balance (amount and tip), the tax ledger (a closed order's),
   * the audit log, order.updated with the refund, and the ORDER_REFUNDED fact, all in the change's transaction.
   */
  async refund(
    change: OrderChange,
    actor: Principal,
    request: RefundRequest,
    cardStep: CardRefundStep = noCardRefund,
  ): Promise<Payment> {
    const { tx, order, emit, raise } = change;
    const [payment] = await this.database.lockRows(tx, LockKind.Payment, Payment, 'id = $1', [
      request.paymentId,
    ]);
    if (!payment) throw DomainError.notFound('Payment');
    // Read before the order was locked, the payment may have moved since (a merge): run the refund again.
    if (payment.orderId !== order.id) throw new RetryableConflict('the payment moved to another order');
    const returned = await this.returned(tx, change, request);
    const refundable = payment.amount - payment.refunded;
    if (returned.amount > refundable) {
      const field = request.lines ? 'lines' : 'amount';
      const what = request.lines ? `The lines come to ${returned.amount}, more than` : 'must not exceed';
      throw DomainError.invalidField(field, `${what} what is left of the payment (${refundable})`);
    }
    const tip = request.tip ?? 0;
    if (tip > payment.tip - payment.tipRefunded) {
      throw DomainError.invalidField(
        'tip',
        `must not exceed what is left of the tip (${payment.tip - payment.tipRefunded})`,
      );
    }
    if (returned.amount + tip === 0)
      throw DomainError.invalidField('amount', 'give an amount, lines or a tip');
    if (returned.amount > order.paid) {
      throw new DomainError(
        ErrorCode.Conflict,
        `The order holds only ${order.paid} paid: nothing more to refund`,
      );
    }
    const before = PaymentView.of(payment);
    if (payment.card) {
      cardStep(payment.card, {
        paymentId: payment.id,
        amount: returned.amount + tip,
        // The request's key when it has one (a retry of the same refund asks the provider with the same key);
        // otherwise what the payment had refunded before (a unit of work run again asks with the same key).
        idempotencyKey: request.providerKey ?? `${payment.id}-${payment.refunded}-${payment.tipRefunded}`,
      });
    }
    payment.refunded += returned.amount;
    payment.tipRefunded += tip;
    payment.status =
      payment.refunded === payment.amount
        ? PaymentRecordStatus.Refunded
        : PaymentRecordStatus.PartiallyRefunded;
    await this.database.updateRows(tx, Payment, payment);
    const method = await tx.manager.findOneByOrFail(PaymentMethod, { id: payment.methodId });
    if (method.kind === PaymentMethodKind.GiftCard) {
      await this.giftCards.refundPayment(
        tx,
        actor,
        { orderId: order.id, paymentId: payment.id },
        returned.amount + tip,
      );
    }
    const now = this.clock.now();
    const refund: RefundMade = {
      id: request.refundId ?? randomUUID(),
      paymentId: payment.id,
      amount: returned.amount,
      tip,
      reason: request.reason,
      businessDay: this.calendar.openDayAt(now),
      lines: returned.lines,
      taxes: returned.taxes,
    };
    await this.database.insertRows(tx, Refund, {
      id: refund.id,
      paymentId: payment.id,
      amount: refund.amount,
      tip,
      lines: refund.lines,
      afterClose: order.status === OrderStatus.Closed,
      reason: refund.reason,
      refundedBy: staffUserId(actor),
      businessDay: refund.businessDay,
      createdAt: now,
    });
    order.paid -= returned.amount;
    order.refunded += returned.amount;
    order.tips -= tip;
    if (refund.taxes.length > 0) {
      await this.ledger.recordRefund(tx, { id: order.id, businessDay: refund.businessDay }, refund.taxes);
    }
    await this.auditLog.record(tx, actor, {
      action: 'payment.refunded',
      entityType: 'payment',
      entityId: payment.id,
      before,
      after: {
        ...PaymentView.of(payment),
        refund: { amount: refund.amount, tip, lines: refund.lines, reason: refund.reason },
      },
    });
    const { id, paymentId, amount, reason, lines } = refund;
    emit(EventType.OrderUpdated, 'payment', { refund: { id, paymentId, amount, tip, reason, lines } });
    raise(ORDER_REFUNDED, (view) => ({ order: view, customerId: order.customerId, refund }));
    return payment;
  }

  /**
   * A refund a person asked for: a waiter gives back only what a guest paid over the total of an open check (a
   * line voided after payment, a discount), so it can close; every other refund is a manager's (403). What a rule
   * gives back on its own (a rejected channel order's payments) is not asked for, and not checked here.
   */
  assertMayAsk(change: OrderChange, actor: Principal, request: RefundRequest): void {
    if (actor.kind === 'staff' && actor.role === Role.Waiter) this.assertOverpaymentOnly(change, request);
  }

  private assertOverpaymentOnly({ order, items }: OrderChange, request: RefundRequest): void {
    const { refundDue } = this.totals.of(order, items);
    const overpaymentOnly =
      order.status !== OrderStatus.Closed &&
      request.lines === undefined &&
      request.tip === undefined &&
      request.amount !== undefined &&
      request.amount <= refundDue;
    if (!overpaymentOnly) {
      throw new DomainError(
        ErrorCode.Forbidden,
        `A waiter gives back only what was paid over the total of an open check (${refundDue})`,
      );
    }
  }

  /** A terminal's payment: the money goes back through its provider (CardRefundPort), outside any transaction. */
  async refundAtProvider(card: CardDetails, request: CardRefundRequest): Promise<void> {
    if (!this.cardRefunds) {
      throw new DomainError(ErrorCode.Conflict, 'Card terminals are not available to refund this payment');
    }
    await this.cardRefunds.refund(card, request);
  }

  /**
   * What the refund takes off the order. By lines (a closed order's): those units' money and tax rows, each unit
   * once. By amount: the amount, and on a closed order the tax rows it takes back, spread over what the order
   * still keeps of each rate. An open order files no tax until it closes, so its refunds take none.
   */
  private async returned(tx: Tx, { order, items }: OrderChange, request: RefundRequest): Promise<Returned> {
    const closed = order.status === OrderStatus.Closed;
    if (request.lines !== undefined && request.amount !== undefined) {
      throw DomainError.invalidField('lines', 'give either amount or lines, not both');
    }
    const kept = closed ? await this.ledger.kept(tx, order.id) : [];
    if (request.lines === undefined) {
      const amount = request.amount ?? 0;
      return { amount, lines: [], taxes: closed && amount > 0 ? refundRows(kept, 0, amount) : [] };
    }
    if (!closed) {
      throw new DomainError(
        ErrorCode.InvalidTransition,
        'Lines are refunded once the order is closed: before that, void them (or refund an amount)',
      );
    }
    const refundedUnits = await this.refundedUnits(tx, order.id);
    const lines: RefundedLine[] = [];
    const rows: TaxRow[][] = [];
    request.lines.forEach(({ itemId, quantity }, i) => {
      const item = items.find((candidate) => candidate.id === itemId && candidate.allocation !== null);
      if (!item) throw DomainError.invalidField(`lines[${i}].itemId`, 'no such line on this order');
      if (request.lines!.findIndex((line) => line.itemId === itemId) !== i) {
        throw DomainError.invalidField(`lines[${i}].itemId`, 'names a line named before');
      }
      const done = refundedUnits.get(itemId) ?? 0;
      if (quantity > item.quantity - done) {
        throw DomainError.invalidField(
          `lines[${i}].quantity`,
          `only ${item.quantity - done} unit(s) of this line are left to refund`,
        );
      }
      const unitRows = this.totals.unitRows(item, done, done + quantity);
      rows.push(unitRows);
      lines.push(refundedLine(item, quantity, totalGross(unitRows)));
    });
    const taxes = sumRows(
      rows,
      rows.map(() => -1),
    );
    const left = sumRows([kept, taxes]);
    if (left.some((row) => row.net < 0 || row.tax < 0)) {
      throw new DomainError(
        ErrorCode.Conflict,
        'Earlier refunds by amount already gave back part of these lines: refund an amount instead',
      );
    }
    return { amount: -totalGross(taxes), lines, taxes };
  }

  /** How many units of each line of the order its refunds by lines gave back so far. */
  private async refundedUnits(tx: Tx, orderId: string): Promise<Map<string, number>> {
    const refunds = await this.database.selectRows(
      tx,
      Refund,
      'payment_id IN (SELECT id FROM payments WHERE order_id = $1)',
      [orderId],
    );
    const units = new Map<string, number>();
    for (const line of refunds.flatMap((refund) => refund.lines)) {
      units.set(line.itemId, (units.get(line.itemId) ?? 0) + line.quantity);
    }
    return units;
  }

  /**
   * A rejected order's payments of kind channel go back whole, with the rejection's reason: the money never
   * reached the till, and the channel refunds its customer. Other payments stay (and the cancel refuses them).
   */
  private async reverseChannelPayments(change: OrderChange, actor: Principal, reason: string): Promise<void> {
    const payments = await change.tx.manager.find(Payment, {
      where: { orderId: change.order.id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const channelMethods = await change.tx.manager.find(PaymentMethod, {
      where: {
        id: In([...new Set(payments.map((payment) => payment.methodId))]),
        kind: PaymentMethodKind.Channel,
      },
      select: { id: true },
    });
    const reversible = new Set(channelMethods.map((method) => method.id));
    for (const payment of payments) {
      const left = payment.amount - payment.refunded;
      if (reversible.has(payment.methodId) && left > 0) {
        await this.refund(change, actor, { paymentId: payment.id, amount: left, reason });
      }
    }
  }
}

function refundedLine(item: OrderItem, quantity: number, amount: number): RefundedLine {
  return {
    itemId: item.id,
    name: item.name,
    variationName: item.variationName || null,
    quantity,
    unitPrice: pricedUnit(item),
    amount,
  };
}
