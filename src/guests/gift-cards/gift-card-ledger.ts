import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { actorOf, Principal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-code';
import { Clock } from '../../common/time/clock';
import { Database, Tx } from '../../database/database.service';
import { LockKind } from '../../database/lock-order';
import { EventLog } from '../../event-log/event-log.service';
import { EventType } from '../../event-log/event-type';
import { GiftCardActivityView, GiftCardStatus, GiftCardView, statusOf } from './dto/gift-card.views';
import { GiftCard, GiftCardActivity, GiftCardActivityType } from './gift-card.entities';
import { audienceOf } from '../../event-log/event-audiences';

/** What one ledger line records beside its type and amount. */
export interface ActivityDetails {
  orderId?: string;
  paymentId?: string;
  saleMethodId?: string | null;
  reason?: string;
}

/**
 * The cards' ledger: every change of a balance is one appended activity, moved under the card's row lock, with its
 * `gift_card.activity` event, in the caller's transaction. The balance never goes below zero however many tills
 * redeem at once: each redemption checks it under that lock.
 */
@Injectable()
export class GiftCardLedger {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly clock: Clock,
  ) {}

  /** The card, locked for the rest of `tx`; 404 when there is none. */
  async locked(tx: Tx, id: string): Promise<GiftCard> {
    const card = await tx.manager.findOne(GiftCard, {
      where: { id },
      ...this.database.lockFor(tx, LockKind.GiftCard),
    });
    if (!card) throw DomainError.notFound('Gift card');
    return card;
  }

  /** Appends one activity to a card locked in `tx` and moves its balance by `amount`. */
  async append(
    tx: Tx,
    actor: Principal,
    card: GiftCard,
    type: GiftCardActivityType,
    amount: number,
    details: ActivityDetails = {},
  ): Promise<GiftCardActivity> {
    const now = this.clock.now();
    card.balance += amount;
    card.activityCount += 1;
    card.updatedAt = now;
    const activity = Object.assign(new GiftCardActivity(), {
      id: randomUUID(),
      giftCardId: card.id,
      sequence: card.activityCount,
      type,
      amount,
      balanceAfter: card.balance,
      orderId: details.orderId ?? null,
      paymentId: details.paymentId ?? null,
      saleMethodId: details.saleMethodId ?? null,
      reason: details.reason ?? null,
      by: actorOf(actor),
      at: now,
    });
    await tx.manager.update(
      GiftCard,
      { id: card.id },
      { balance: card.balance, activityCount: card.activityCount, state: card.state, updatedAt: now },
    );
    await this.database.insertRows(tx, GiftCardActivity, activity);
    this.eventLog.append(tx, {
      type: EventType.GiftCardActivity,
      data: { giftCard: GiftCardView.of(card, now), activity: GiftCardActivityView.of(activity) },
      audience: audienceOf(EventType.GiftCardActivity),
    });
    return activity;
  }

  /**
   * Takes `amount` off the card for a payment, in the payment's transaction: 422 when the card is void or expired,
   * INSUFFICIENT_BALANCE (with the balance) when it holds less.
   */
  async redeem(
    tx: Tx,
    actor: Principal,
    cardId: string,
    amount: number,
    payment: { orderId: string; paymentId: string },
  ): Promise<void> {
    const card = await this.locked(tx, cardId);
    const status = statusOf(card, this.clock.now());
    if (status !== GiftCardStatus.Active) {
      throw DomainError.invalidField('giftCardCode', `the gift card is ${status}`);
    }
    if (card.balance < amount) {
      throw new DomainError(
        ErrorCode.InsufficientBalance,
        `The gift card holds ${card.balance}, less than the ${amount} asked of it`,
        { balance: card.balance },
      );
    }
    await this.append(tx, actor, card, GiftCardActivityType.Redeem, -amount, payment);
  }

  /**
   * Puts `amount` of a refunded gift-card payment back on the card it was redeemed from (an expired card too: the
   * value is the guest's). A void card takes nothing back: its value was written off.
   */
  async refundPayment(
    tx: Tx,
    actor: Principal,
    payment: { orderId: string; paymentId: string },
    amount: number,
  ): Promise<void> {
    const redemption = await tx.manager.findOne(GiftCardActivity, {
      where: { paymentId: payment.paymentId, type: GiftCardActivityType.Redeem },
    });
    if (!redemption) return;
    const card = await this.locked(tx, redemption.giftCardId);
    if (statusOf(card, this.clock.now()) === GiftCardStatus.Void) {
      throw new DomainError(
        ErrorCode.InvalidTransition,
        'The gift card this payment was taken from is void: refund it another way',
      );
    }
    await this.append(tx, actor, card, GiftCardActivityType.Refund, amount, payment);
  }
}
