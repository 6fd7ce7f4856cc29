import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Between, FindOptionsWhere, In, IsNull, LessThanOrEqual, MoreThan, Not } from 'typeorm';
import { AuditLog } from '../../audit/audit-log.service';
import { actorOf, Principal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../../common/pagination/page';
import { Clock } from '../../common/time/clock';
import { Database, Tx } from '../../database/database.service';
import { EventLog } from '../../event-log/event-log.service';
import {
  GiftCardListQuery,
  GiftCardSaleInput,
  IssueGiftCardInput,
  LoadGiftCardInput,
  VoidGiftCardInput,
} from './dto/gift-card.inputs';
import {
  GiftCardActivityView,
  GiftCardStatus,
  GiftCardView,
  IssuedGiftCardView,
} from './dto/gift-card.views';
import { GiftCardCodeHasher, newGiftCardCode } from './gift-card-code';
import { GiftCardCodes } from './gift-card-codes';
import { GiftCard, GiftCardActivity, GiftCardActivityType, GiftCardState } from './gift-card.entities';
import { GiftCardLedger } from './gift-card-ledger';
import { GIFT_CARD_SOLD } from './gift-card-facts';
import { GiftCardSaleMethods, SaleMethod } from './gift-card-sale-methods';

/** Ids per query: well under SQLite's limit of bound parameters. */
const PAYMENTS_PER_READ = 500;

const ENTITY_TYPE = 'gift_card';

/** Issuing, loading and voiding cards (audited), and reading them: never their codes after the issue. */
@Injectable()
export class GiftCardsService {
  constructor(
    private readonly database: Database,
    private readonly ledger: GiftCardLedger,
    private readonly codes: GiftCardCodes,
    private readonly hasher: GiftCardCodeHasher,
    private readonly saleMethods: GiftCardSaleMethods,
    private readonly auditLog: AuditLog,
    private readonly eventLog: EventLog,
    private readonly clock: Clock,
  ) {}

  async issue(actor: Principal, input: IssueGiftCardInput): Promise<IssuedGiftCardView> {
    const now = this.clock.now();
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt <= now) throw DomainError.invalidField('expiresAt', 'must be in the future');
    const code = newGiftCardCode();
    const digits = code.replace(/ /g, '');
    return this.database.transaction(async (tx) => {
      const method = await this.saleMethod(tx, input.sale);
      const card = Object.assign(new GiftCard(), {
        id: randomUUID(),
        codeHash: this.hasher.hash(digits),
        last4: digits.slice(-4),
        balance: 0,
        activityCount: 0,
        state: GiftCardState.Active,
        expiresAt,
        createdBy: actorOf(actor),
        createdAt: now,
        updatedAt: now,
      });
      await this.database.insertRows(tx, GiftCard, card);
      const activity = await this.ledger.append(
        tx,
        actor,
        card,
        GiftCardActivityType.Activate,
        input.amount,
        {
          saleMethodId: method?.id ?? null,
        },
      );
      this.raiseSold(tx, activity, method);
      const view = GiftCardView.of(card, now);
      await this.auditLog.record(tx, actor, {
        action: 'gift_card.issued',
        entityType: ENTITY_TYPE,
        entityId: card.id,
        after: { ...view, activity: GiftCardActivityView.of(activity) },
      });
      return { ...view, code };
    });
  }

  async load(actor: Principal, id: string, input: LoadGiftCardInput): Promise<GiftCardView> {
    return this.database.transaction(async (tx) => {
      const card = await this.ledger.locked(tx, id);
      const now = this.clock.now();
      const before = GiftCardView.of(card, now);
      if (before.status !== GiftCardStatus.Active) {
        throw new DomainError(
          ErrorCode.InvalidTransition,
          `Cannot load a gift card that is ${before.status}`,
        );
      }
      const method = await this.saleMethod(tx, input.sale);
      const activity = await this.ledger.append(tx, actor, card, GiftCardActivityType.Load, input.amount, {
        saleMethodId: method?.id ?? null,
      });
      this.raiseSold(tx, activity, method);
      const after = GiftCardView.of(card, now);
      await this.auditLog.record(tx, actor, {
        action: 'gift_card.loaded',
        entityType: ENTITY_TYPE,
        entityId: card.id,
        before,
        after: { ...after, activity: GiftCardActivityView.of(activity) },
      });
      return after;
    });
  }

  /** Writes off what is left on the card (a `void` activity of minus the balance); it never pays again. */
  async void(actor: Principal, id: string, input: VoidGiftCardInput): Promise<GiftCardView> {
    return this.database.transaction(async (tx) => {
      const card = await this.ledger.locked(tx, id);
      const now = this.clock.now();
      const before = GiftCardView.of(card, now);
      if (card.state === GiftCardState.Void) {
        throw new DomainError(ErrorCode.InvalidTransition, 'The gift card is void already');
      }
      card.state = GiftCardState.Void;
      const activity = await this.ledger.append(tx, actor, card, GiftCardActivityType.Void, -card.balance, {
        reason: input.reason,
      });
      const after = GiftCardView.of(card, now);
      await this.auditLog.record(tx, actor, {
        action: 'gift_card.voided',
        entityType: ENTITY_TYPE,
        entityId: card.id,
        before,
        after: { ...after, activity: GiftCardActivityView.of(activity) },
      });
      return after;
    });
  }

  /** Newest first. */
  async list(query: GiftCardListQuery): Promise<Page<GiftCardView>> {
    const now = this.clock.now();
    const where: FindOptionsWhere<GiftCard> = {};
    if (query.status === GiftCardStatus.Void) where.state = GiftCardState.Void;
    if (query.status === GiftCardStatus.Expired) {
      Object.assign(where, { state: GiftCardState.Active, expiresAt: LessThanOrEqual(now) });
    }
    const wheres: Array<FindOptionsWhere<GiftCard>> =
      query.status === GiftCardStatus.Active
        ? [
            { state: GiftCardState.Active, expiresAt: IsNull() },
            { state: GiftCardState.Active, expiresAt: MoreThan(now) },
          ]
        : [where];
    const [cards, total] = await this.database.reader.findAndCount(GiftCard, {
      where: wheres,
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(
      cards.map((card) => GiftCardView.of(card, now)),
      total,
      query,
    );
  }

  async get(id: string): Promise<GiftCardView> {
    const card = await this.database.reader.findOne(GiftCard, { where: { id } });
    if (!card) throw DomainError.notFound('Gift card');
    return GiftCardView.of(card, this.clock.now());
  }

  /** The card with this code: what a till shows before taking it as payment. */
  async lookup(caller: Principal, code: string): Promise<GiftCardView> {
    const card = await this.codes.find(caller, 'code', code, () => DomainError.notFound('Gift card'));
    return GiftCardView.of(card, this.clock.now());
  }

  /** The card's ledger, oldest first: its amounts sum to the balance. */
  async activities(id: string, query: PageQuery): Promise<Page<GiftCardActivityView>> {
    const reader = this.database.reader;
    if (!(await reader.exists(GiftCard, { where: { id } }))) throw DomainError.notFound('Gift card');
    const [rows, total] = await reader.findAndCount(GiftCardActivity, {
      where: { giftCardId: id },
      order: { sequence: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(rows.map(GiftCardActivityView.of), total, query);
  }

  /** The activations and loads sold for money (they name the method that took it) between two instants, in order. */
  async salesBetween(from: Date, to: Date): Promise<GiftCardActivityView[]> {
    const sales = await this.database.reader.find(GiftCardActivity, {
      where: { saleMethodId: Not(IsNull()), at: Between(from, to) },
      order: { at: 'ASC', id: 'ASC' },
    });
    return sales.map(GiftCardActivityView.of);
  }

  /** The card each of these payments redeemed (or a refund of it credited back), by payment id; read in batches. */
  async cardsOfPayments(paymentIds: readonly string[]): Promise<Map<string, string>> {
    const cards = new Map<string, string>();
    const ids = [...new Set(paymentIds)];
    for (let at = 0; at < ids.length; at += PAYMENTS_PER_READ) {
      const activities = await this.database.reader.find(GiftCardActivity, {
        select: { paymentId: true, giftCardId: true },
        where: { paymentId: In(ids.slice(at, at + PAYMENTS_PER_READ)) },
      });
      for (const activity of activities) cards.set(activity.paymentId!, activity.giftCardId);
    }
    return cards;
  }

  private async saleMethod(tx: Tx, sale: GiftCardSaleInput | undefined): Promise<SaleMethod | null> {
    if (!sale) return null;
    const method = await this.saleMethods.activeMethod(tx, sale.methodId);
    if (!method) throw DomainError.invalidField('sale.methodId', 'no such active payment method');
    if (method.kind === 'gift_card') {
      throw DomainError.invalidField('sale.methodId', 'a gift card cannot pay for a gift card');
    }
    return method;
  }

  /** Money taken for a card's value is a sale of its own (fiscal signing signs it). */
  private raiseSold(tx: Tx, activity: GiftCardActivity, method: SaleMethod | null): void {
    if (!method) return;
    this.eventLog.raise(tx, GIFT_CARD_SOLD, {
      activityId: activity.id,
      amount: activity.amount,
      cash: method.kind === 'cash',
    });
  }
}
