import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, Not } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { auditedChange } from '../audit/audited-change';
import { Principal, StaffPrincipal, staffUserId } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { definedOnly } from '../common/patch';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { GiftCardActivity } from '../guests/gift-cards/gift-card.entities';
import { GiftCardLedger } from '../guests/gift-cards/gift-card-ledger';
import { ACTIVE_ORDER_STATUSES } from '../orders/order-status';
import { BusinessCalendar } from '../orders/business-calendar';
import { OrderChange, OrderChanges } from '../orders/order-changes';
import { ORDER_MERGED_INTO } from '../orders/order-facts';
import { Order } from '../orders/order.entity';
import type { OrderView } from '../orders/dto/order.views';
import { runningTerminalAttempt } from '../orders/terminal-hold';
import {
  PaymentInput,
  PaymentMethodInput,
  PaymentMethodView,
  PaymentView,
  UpdatePaymentMethodInput,
} from './dto/payment.dto';
import { PAYMENT_TAKEN, paymentTaken } from './payment-facts';
import { PaymentRefunds } from './payment-refunds';
import {
  CardDetails,
  Payment,
  PaymentMethod,
  PaymentMethodKind,
  PaymentRecordStatus,
} from './payment.entities';
import { RESTAURANT_LANGUAGE_CHANGED, type RestaurantLanguageChanged } from '../restaurant/restaurant-facts';
import { seededRename, type SeededRow } from '../restaurant/seeded-names';

/** The payment methods the service makes itself, by kind: the migrations' cash and card, a channel's. */
const SEEDED_METHODS: ReadonlyArray<[PaymentMethodKind, SeededRow]> = [
  [PaymentMethodKind.Cash, 'cashMethod'],
  [PaymentMethodKind.Card, 'cardMethod'],
  [PaymentMethodKind.Channel, 'channelMethod'],
];

@Injectable()
export class PaymentsService implements OnModuleInit {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly orderChanges: OrderChanges,
    private readonly auditLog: AuditLog,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
    private readonly giftCards: GiftCardLedger,
    private readonly refunds: PaymentRefunds,
    idempotency: IdempotencyService,
  ) {
    idempotency.holdingIds(async (tx, ids) =>
      (await tx.manager.find(Payment, { select: { id: true }, where: { id: In([...ids]) } })).map(
        ({ id }) => ({
          id,
          held: 'a payment',
        }),
      ),
    );
  }

  onModuleInit(): void {
    this.eventLog.on(ORDER_MERGED_INTO, (tx, { from, into }) => this.moveToOrder(tx, from, into));
    this.eventLog.on(RESTAURANT_LANGUAGE_CHANGED, (tx, fact) => this.renameSeededMethods(tx, fact));
  }

  /**
   * The methods the service seeded ("Cash", "Card", "Paid by channel") follow the restaurant's language while they
   * keep the seeded name; one an admin renamed keeps theirs. Audited as the admin's own renames are.
   */
  private async renameSeededMethods(tx: Tx, { from, to, by }: RestaurantLanguageChanged): Promise<void> {
    for (const [kind, row] of SEEDED_METHODS) {
      const names = seededRename(row, from, to);
      const methods = await tx.manager.find(PaymentMethod, {
        where: { kind, name: names.from },
        order: { id: 'ASC' },
        ...this.database.forUpdate,
      });
      for (const method of methods) {
        await auditedChange(tx, this.auditLog, by, method, {
          action: 'payment_method.updated',
          entityType: 'payment_method',
          view: PaymentMethodView.of,
          change: () => void Object.assign(method, { name: names.to, updatedAt: this.clock.now() }),
        });
      }
    }
  }

  /** A merged order's payments (paid, refunded, tips) belong to the order it was merged into. */
  private async moveToOrder(tx: Tx, from: string, into: string): Promise<void> {
    await tx.manager.update(Payment, { orderId: from }, { orderId: into });
  }

  /** An order's payments, oldest first; 404 when there is no such order. */
  async paymentsOf(orderId: string, query: PageQuery): Promise<Page<PaymentView>> {
    if (!(await this.database.reader.existsBy(Order, { id: orderId }))) throw DomainError.notFound('Order');
    const [payments, total] = await this.database.reader.findAndCount(Payment, {
      where: { orderId },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(payments.map(PaymentView.of), total, query);
  }

  async methods(onlyActive: boolean, query: PageQuery): Promise<Page<PaymentMethodView>> {
    const [methods, total] = await this.database.reader.findAndCount(PaymentMethod, {
      where: onlyActive ? { active: true } : {},
      order: { sortOrder: 'ASC', name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(methods.map(PaymentMethodView.of), total, query);
  }

  async createMethod(actor: StaffPrincipal, input: PaymentMethodInput): Promise<PaymentMethodView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const method = await tx.manager.save(
        tx.manager.create(PaymentMethod, {
          id: randomUUID(),
          name: input.name,
          kind: input.kind,
          active: input.active ?? true,
          sortOrder: input.sortOrder ?? 0,
          createdAt: now,
          updatedAt: now,
        }),
      );
      const after = PaymentMethodView.of(method);
      await this.auditLog.record(tx, actor, {
        action: 'payment_method.created',
        entityType: 'payment_method',
        entityId: method.id,
        after,
      });
      return after;
    });
  }

  async updateMethod(
    actor: StaffPrincipal,
    id: string,
    input: UpdatePaymentMethodInput,
  ): Promise<PaymentMethodView> {
    return this.database.transaction(async (tx) => {
      const method = await this.lockedMethod(tx, id);
      const stillCard =
        (input.kind ?? method.kind) === PaymentMethodKind.Card && (input.active ?? method.active);
      if (!stillCard) await this.assertNotLastCardMethodInUse(tx, method);
      return auditedChange(tx, this.auditLog, actor, method, {
        action: 'payment_method.updated',
        entityType: 'payment_method',
        view: PaymentMethodView.of,
        change: () => void Object.assign(method, definedOnly(input), { updatedAt: this.clock.now() }),
      });
    });
  }

  /** A method that took payments or gift-card sales is only deactivated: they keep pointing at it. */
  async removeMethod(actor: StaffPrincipal, id: string): Promise<void> {
    await this.database.transaction(async (tx) => {
      const method = await this.lockedMethod(tx, id);
      await this.assertNotLastCardMethodInUse(tx, method);
      await auditedChange(tx, this.auditLog, actor, method, {
        action: 'payment_method.deleted',
        entityType: 'payment_method',
        view: PaymentMethodView.of,
        remove: async () => {
          const used =
            (await tx.manager.exists(Payment, { where: { methodId: id } })) ||
            (await tx.manager.exists(GiftCardActivity, { where: { saleMethodId: id } }));
          if (!used) {
            return tx.manager.delete(PaymentMethod, { id });
          }
          method.active = false;
          method.updatedAt = this.clock.now();
          return tx.manager.save(method);
        },
      });
    });
  }

  /**
   * `method` stops being an active card method: refused (409 TERMINAL_PAYMENT_RUNNING, naming the attempt) when it
   * is the last one while a card terminal attempt runs, whose approval must be booked under a card method.
   */
  private async assertNotLastCardMethodInUse(tx: Tx, method: PaymentMethod): Promise<void> {
    if (method.kind !== PaymentMethodKind.Card || !method.active) return;
    const others = await tx.manager.exists(PaymentMethod, {
      where: { kind: PaymentMethodKind.Card, active: true, id: Not(method.id) },
    });
    if (others) return;
    const attemptId = await runningTerminalAttempt(tx);
    if (attemptId) {
      throw new DomainError(
        ErrorCode.TerminalPaymentRunning,
        `A card terminal payment (${attemptId}) is running and would be booked under this card method: wait for it to end, or add another card method first`,
      );
    }
  }

  private async lockedMethod(tx: Tx, id: string): Promise<PaymentMethod> {
    const method = await tx.manager.findOne(PaymentMethod, { where: { id }, ...this.database.forUpdate });
    if (!method) throw DomainError.notFound('Payment method');
    return method;
  }

  /**
   * Takes one tender towards an order (split tender: several per order). Raises order.paid. A gift_card method
   * redeems amount and tip from `giftCardId`, the card that the payment's code named, in the same transaction.
   */
  async pay(
    actor: Principal,
    orderId: string,
    orderVersion: number | undefined,
    input: PaymentInput,
    giftCardId: string | null = null,
    deviceId: string | null = null,
  ): Promise<PaymentView> {
    let taken: Payment | undefined;
    await this.orderChanges.changeBy(actor, orderId, orderVersion, async ({ tx, order, emit }) => {
      if (!ACTIVE_ORDER_STATUSES.includes(order.status)) {
        throw new DomainError(
          ErrorCode.InvalidTransition,
          `Cannot take a payment for an order that is ${order.status}`,
        );
      }
      if (order.due === 0) throw new DomainError(ErrorCode.InvalidTransition, 'Nothing is due on this order');
      const method = await tx.manager.findOne(PaymentMethod, { where: { id: input.methodId, active: true } });
      if (!method) throw DomainError.invalidField('methodId', 'no such active payment method');
      if (input.amount > order.due && method.kind !== PaymentMethodKind.Cash) {
        throw DomainError.invalidField(
          'amount',
          `must not exceed what is due (${order.due}) unless paid in cash`,
        );
      }
      // A client's id (an offline tablet's) is the payment's: its retry meets it (IdempotencyService).
      const paymentId = input.id ?? randomUUID();
      await this.redeemGiftCard(tx, actor, method, giftCardId, input, { orderId, paymentId });
      taken = await this.take(tx, actor, order, method, {
        amount: input.amount,
        tip: input.tip,
        paymentId,
        deviceId,
      });
      emit(EventType.OrderPaid, 'payment', { payment: PaymentView.of(taken) });
    });
    return PaymentView.of(taken!);
  }

  /**
   * An order a sales channel was paid for: one payment of all that is due, by the active method of kind
   * `channel`, taken in the caller's transaction (the order's ingestion), whether the order is pending or not.
   */
  payByChannel(actor: Principal, orderId: string): Promise<OrderView> {
    return this.orderChanges.change(orderId, undefined, async ({ tx, order, emit }) => {
      const method = await tx.manager.findOne(PaymentMethod, {
        where: { kind: PaymentMethodKind.Channel, active: true },
        order: { sortOrder: 'ASC', id: 'ASC' },
      });
      if (!method) {
        throw new DomainError(
          ErrorCode.Conflict,
          'No active payment method of kind channel for an order the channel was paid for: create one',
        );
      }
      const taken = await this.take(tx, actor, order, method, { paymentId: randomUUID(), amount: order.due });
      emit(EventType.OrderPaid, 'payment', { payment: PaymentView.of(taken) });
    });
  }

  /**
   * Refuses (409) a card terminal attempt while no method of kind `card` is active: its approval would have no
   * method to be booked under. In the attempt's transaction.
   */
  async assertCardMethodActive(tx: Tx): Promise<void> {
    if (
      !(await tx.manager.exists(PaymentMethod, { where: { kind: PaymentMethodKind.Card, active: true } }))
    ) {
      throw new DomainError(
        ErrorCode.Conflict,
        'No active payment method of kind card: create or activate one before taking a payment on a terminal',
      );
    }
  }

  /**
   * The payment of a terminal's approved attempt, inside the terminals module's change of the order (locked, its
   * hold released by the caller): ONE payment with the attempt's own payment id (a second report of the same
   * outcome meets the primary key), of the first active method of kind `card` (an inactive one when none is
   * active: an approval is always booked), with the amount, tip and card the
   * terminal reported; order.paid. `takenBy` is the staff member who started the attempt.
   */
  async takeTerminalPayment(
    change: OrderChange,
    input: { paymentId: string; amount: number; tip: number; card: CardDetails; takenBy: string | null },
  ): Promise<Payment> {
    const { tx, order, emit } = change;
    // The money has moved: it is booked even if every card method was switched off meanwhile (the start and the
    // deactivation refuse that; this keeps a race on PostgreSQL from leaving an approval outside the books).
    const method = await tx.manager.findOne(PaymentMethod, {
      where: { kind: PaymentMethodKind.Card },
      order: { active: 'DESC', sortOrder: 'ASC', id: 'ASC' },
    });
    if (!method) {
      throw new DomainError(ErrorCode.Conflict, 'No payment method of kind card: create one');
    }
    const taken = await this.take(tx, null, order, method, input);
    emit(EventType.OrderPaid, 'payment', { payment: PaymentView.of(taken) });
    return taken;
  }

  /** Writes a payment of `input.amount` (what is due at most; cash beyond it is change) towards `order`. */
  private async take(
    tx: Tx,
    actor: Principal | null,
    order: Order,
    method: PaymentMethod,
    input: {
      paymentId: string;
      amount: number;
      tip?: number;
      card?: CardDetails;
      takenBy?: string | null;
      deviceId?: string | null;
    },
  ): Promise<Payment> {
    const amount = Math.min(input.amount, order.due);
    const now = this.clock.now();
    const taken = Object.assign(new Payment(), {
      id: input.paymentId,
      orderId: order.id,
      methodId: method.id,
      amount,
      tendered: input.amount,
      change: input.amount - amount,
      tip: input.tip ?? 0,
      refunded: 0,
      tipRefunded: 0,
      status: PaymentRecordStatus.Completed,
      card: input.card ?? null,
      takenBy: input.takenBy !== undefined ? input.takenBy : staffUserId(actor),
      deviceId: input.deviceId ?? null,
      businessDay: this.calendar.openDayAt(now),
      createdAt: now,
    });
    await this.database.insertRows(tx, Payment, taken);
    this.eventLog.raise(tx, PAYMENT_TAKEN, paymentTaken(taken));
    // A payment from outside the restaurant names its API key as author; staff payments name who took them.
    if (actor?.kind === 'apiKey') {
      await this.auditLog.record(tx, actor, {
        action: 'payment.taken',
        entityType: 'payment',
        entityId: taken.id,
        after: PaymentView.of(taken),
      });
    }
    order.paid += amount;
    order.tips += taken.tip;
    return taken;
  }

  /**
   * Gives money back from one payment (PaymentRefunds); the order's paid amount and payment status follow.
   * `orderVersion` is the version of the payment's order the refund was decided against.
   */
  /** A gift_card method needs a code and redeems from its card; any other method takes no code. */
  private async redeemGiftCard(
    tx: Tx,
    actor: Principal,
    method: PaymentMethod,
    giftCardId: string | null,
    input: PaymentInput,
    payment: { orderId: string; paymentId: string },
  ): Promise<void> {
    if (method.kind !== PaymentMethodKind.GiftCard) {
      if (input.giftCardCode !== undefined) {
        throw DomainError.invalidField('giftCardCode', 'is only for a payment method of kind gift_card');
      }
      return;
    }
    if (!giftCardId) throw DomainError.invalidField('giftCardCode', 'is required to pay with a gift card');
    await this.giftCards.redeem(tx, actor, giftCardId, input.amount + (input.tip ?? 0), payment);
  }
}
