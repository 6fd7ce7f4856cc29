import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { Principal, staffUserId } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { EventType } from '../event-log/event-type';
import { GiftCardLedger } from '../guests/gift-cards/gift-card-ledger';
import { BusinessCalendar } from '../orders/business-calendar';
import type { OrderChange } from '../orders/order-changes';
import { RejectionRefunds } from '../orders/rejection-refunds';
import { PaymentView } from './dto/payment.dto';
import { Payment, PaymentMethod, PaymentMethodKind, PaymentRecordStatus, Refund } from './payment.entities';

/** What one refund gives back from one payment, and why. */
export interface RefundRequest {
  paymentId: string;
  amount: number;
  reason: string;
}

/**
 * The one way money goes back from a payment, inside a change of its order: a refund asked for (POST
 * /payments/{id}/refund), or the reversal of a channel's payment when the restaurant rejects its order.
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
  ) {}

  onModuleInit(): void {
    this.rejections.register((change, actor, reason) => this.reverseChannelPayments(change, actor, reason));
  }

  /**
   * Gives `amount` back from the payment (422 on `amount` beyond what is left of it): its status, a refund row on
   * today's business day, the order's paid and refunded amounts, a gift card's balance, the audit log, and
   * order.updated with the refund, all in the change's transaction.
   */
  async refund({ tx, order, emit }: OrderChange, actor: Principal, request: RefundRequest): Promise<Payment> {
    const { paymentId, amount, reason } = request;
    const current = await tx.manager.findOneOrFail(Payment, {
      where: { id: paymentId },
      ...this.database.lockFor(tx, LockKind.Payment),
    });
    const refundable = current.amount - current.refunded;
    if (amount > refundable) {
      throw DomainError.invalidField('amount', `must not exceed what is left of the payment (${refundable})`);
    }
    const before = PaymentView.of(current);
    current.refunded += amount;
    current.status =
      current.refunded === current.amount
        ? PaymentRecordStatus.Refunded
        : PaymentRecordStatus.PartiallyRefunded;
    await tx.manager.save(current);
    const method = await tx.manager.findOneByOrFail(PaymentMethod, { id: current.methodId });
    if (method.kind === PaymentMethodKind.GiftCard) {
      await this.giftCards.refundPayment(tx, actor, { orderId: order.id, paymentId }, amount);
    }
    const now = this.clock.now();
    const refund = tx.manager.create(Refund, {
      id: randomUUID(),
      paymentId,
      amount,
      reason,
      refundedBy: staffUserId(actor),
      businessDay: this.calendar.dayOf(now),
      createdAt: now,
    });
    await tx.manager.save(refund);
    order.paid -= amount;
    order.refunded += amount;
    await this.auditLog.record(tx, actor, {
      action: 'payment.refunded',
      entityType: 'payment',
      entityId: paymentId,
      before,
      after: { ...PaymentView.of(current), refund: { amount, reason } },
    });
    emit(EventType.OrderUpdated, 'payment', { refund: { id: refund.id, paymentId, amount, reason } });
    return current;
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
