import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, IsNull } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { actorOf, Principal, staffUserId } from '../common/access/principal';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { EventType } from '../event-log/event-type';
import { Dish } from '../menu/menu.entities';
import { OrderStock } from '../orders/order-stock';
import type { OrderView } from '../orders/dto/order.views';
import { OrderChanges } from '../orders/order-changes';
import { OrderLines } from '../orders/order-lines';
import { ACTIVE_ORDER_STATUSES, assertOrderIn, OrderStatus } from '../orders/order-status';
import { OrderTotals } from '../orders/order-totals';
import type { Order } from '../orders/order.entity';
import type { OrderItem } from '../orders/order-item.entity';
import { Customer } from './customer.entities';
import {
  LoyaltyActivityView,
  LoyaltyProgramInput,
  LoyaltyProgramView,
  LoyaltyView,
  RewardView,
} from './dto/loyalty.dto';
import { LoyaltyLedger } from './loyalty-ledger';
import { LoyaltyActivity, LoyaltyActivityType, LoyaltyProgram, Reward, RewardKind } from './loyalty.entities';

const PROGRAM_ID = 1;
/** Until an admin sets one up, nothing is earned and nothing is on offer. */
const NO_PROGRAM = { pointsPerUnit: 0, rewards: [] as Reward[] };

/** The loyalty programme, customers' points, and rewards taken on orders. */
@Injectable()
export class LoyaltyService {
  constructor(
    private readonly database: Database,
    private readonly ledger: LoyaltyLedger,
    private readonly orderChanges: OrderChanges,
    private readonly lines: OrderLines,
    private readonly stock: OrderStock,
    private readonly totals: OrderTotals,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
  ) {}

  async program(): Promise<LoyaltyProgramView> {
    return viewOf(await this.programIn(this.database.reader));
  }

  /**
   * Replaces the programme; a reward sent with its id keeps it, one without gets a new id. An id that is no reward
   * of the programme (another resource's, one the client made up) or that two rewards share is a 422 naming
   * `rewards[i].id`: reward ids are the server's. Audited.
   */
  async setProgram(actor: Principal, input: LoyaltyProgramInput): Promise<LoyaltyProgramView> {
    const dishIds = input.rewards.flatMap((reward) =>
      reward.kind === RewardKind.Dish ? [reward.dishId!] : [],
    );
    const dishes = dishIds.length
      ? await this.database.reader.find(Dish, {
          select: { id: true },
          where: { id: In(dishIds), deletedAt: IsNull() },
        })
      : [];
    const known = new Set(dishes.map((dish) => dish.id));
    const dishProblems = input.rewards.flatMap((reward, i) =>
      reward.kind === RewardKind.Dish && !known.has(reward.dishId!)
        ? [{ field: `rewards[${i}].dishId`, message: 'no such dish' }]
        : [],
    );
    return this.database.transaction(async (tx) => {
      const stored = await tx.manager.findOne(LoyaltyProgram, {
        where: { id: PROGRAM_ID },
        ...this.database.forUpdate,
      });
      const problems = [...rewardIdProblems(input.rewards, stored?.rewards ?? []), ...dishProblems];
      if (problems.length > 0) throw DomainError.validation(problems);
      const before = viewOf(stored ?? NO_PROGRAM);
      const program = Object.assign(stored ?? new LoyaltyProgram(), {
        id: PROGRAM_ID,
        pointsPerUnit: input.pointsPerUnit,
        rewards: input.rewards.map((reward): Reward => ({
          id: reward.id ?? randomUUID(),
          name: reward.name,
          points: reward.points,
          kind: reward.kind,
          amount: reward.kind === RewardKind.Amount ? reward.amount! : null,
          dishId: reward.kind === RewardKind.Dish ? reward.dishId! : null,
        })),
        updatedAt: this.clock.now(),
      });
      await tx.manager.save(program);
      const after = viewOf(program);
      await this.auditLog.record(tx, actor, {
        action: 'loyalty.program_updated',
        entityType: 'loyalty_program',
        entityId: String(PROGRAM_ID),
        before,
        after,
      });
      return after;
    });
  }

  /** The programme as this transaction (or a reader) sees it. */
  async programIn(manager: EntityManager): Promise<{ pointsPerUnit: number; rewards: Reward[] }> {
    return (await manager.findOneBy(LoyaltyProgram, { id: PROGRAM_ID })) ?? NO_PROGRAM;
  }

  async pointsOf(customerId: string, query: PageQuery): Promise<LoyaltyView> {
    const reader = this.database.reader;
    if (!(await reader.existsBy(Customer, { id: customerId }))) throw DomainError.notFound('Customer');
    const [activities, total] = await reader.findAndCount(LoyaltyActivity, {
      where: { customerId },
      order: { position: 'DESC' },
      skip: query.skip,
      take: query.perPage,
    });
    const latest =
      query.page === 1
        ? activities[0]
        : await reader.findOne(LoyaltyActivity, {
            where: { customerId },
            order: { position: 'DESC' },
          });
    return {
      points: latest?.balanceAfter ?? 0,
      activities: activities.map(LoyaltyActivityView.of),
      page: query.page,
      perPage: query.perPage,
      total,
      pages: Math.ceil(total / query.perPage),
    };
  }

  /**
   * Spends the order's customer's points on a reward: an amount off as the order's discount, or the dish added
   * free (unit price 0, named after the reward). 422 when they hold too few points; 409 when the order already
   * has a discount for an amount reward. Audited; order.updated and loyalty.activity in one transaction.
   */
  async spend(
    actor: Principal,
    orderId: string,
    ifMatch: number | undefined,
    rewardId: string,
  ): Promise<OrderView> {
    return this.orderChanges.changeBy(actor, orderId, ifMatch, async ({ tx, order, items, emit }) => {
      assertOrderIn(order.status, [OrderStatus.Pending, ...ACTIVE_ORDER_STATUSES], 'take a reward on');
      const customerId = order.customerId;
      const customer = customerId ? await tx.manager.findOneBy(Customer, { id: customerId }) : null;
      if (!customerId || !customer || customer.erasedAt) {
        throw new DomainError(ErrorCode.Conflict, 'The order has no customer: attach one first');
      }
      const { rewards } = await this.programIn(tx.manager);
      const reward = rewards.find((candidate) => candidate.id === rewardId);
      if (!reward) throw DomainError.invalidField('rewardId', 'no such reward in the loyalty programme');
      const balance = await this.ledger.hold(tx, customerId);
      if (balance < reward.points) {
        throw DomainError.invalidField(
          'rewardId',
          `needs ${reward.points} points; the customer holds ${balance}`,
        );
      }
      if (reward.kind === RewardKind.Amount) this.discount(actor, order, items, reward);
      else await this.giveDish(tx, order, items, reward);
      await this.ledger.append(tx, customerId, {
        type: LoyaltyActivityType.Spend,
        points: -reward.points,
        amount: reward.amount,
        orderId: order.id,
        rewardId: reward.id,
        note: reward.name,
        by: actorOf(actor),
      });
      await this.auditLog.record(tx, actor, {
        action: 'loyalty.reward_spent',
        entityType: 'order',
        entityId: order.id,
        before: { customerId, points: balance },
        after: { customerId, points: balance - reward.points, reward: RewardView.of(reward) },
      });
      emit(EventType.OrderUpdated, 'work');
    });
  }

  private discount(actor: Principal, order: Order, items: OrderItem[], reward: Reward): void {
    if (order.discountKind !== null) {
      throw new DomainError(
        ErrorCode.Conflict,
        'The order has a discount already: remove it to take this reward',
      );
    }
    if (order.shares.length > 0) {
      throw new DomainError(
        ErrorCode.Conflict,
        'The order holds parts of an even split: merge them back first',
      );
    }
    const { subtotal } = this.totals.of(order, items);
    if (reward.amount! > subtotal) {
      throw DomainError.invalidField(
        'rewardId',
        `is worth ${reward.amount}, more than the order’s subtotal (${subtotal})`,
      );
    }
    this.totals.changeDiscount(order, items, {
      kind: 'amount',
      value: reward.amount!,
      reason: `Loyalty reward: ${reward.name}`,
      by: staffUserId(actor),
    });
  }

  private async giveDish(tx: Tx, order: Order, items: OrderItem[], reward: Reward): Promise<void> {
    const line = { dishId: reward.dishId!, quantity: 1 };
    const [orderable] = await this.lines.resolve([line], 'reward', order.type);
    await this.stock.take(tx, this.lines.stockOf([orderable], [line], 'reward'), null, order.id);
    const [priced] = await this.lines.price(tx.manager, [orderable], order.type, order.tableId);
    const fired = order.status === OrderStatus.Pending ? null : this.clock.now();
    // A gift sells at nothing, whatever rule or level would price it; its list price stays for the record.
    const free = { ...priced, name: reward.name, unitPrice: 0, priceRuleId: null, priceLevelId: null };
    items.push(...this.lines.newItems(order, [free], [line], items.length, fired));
  }
}

function viewOf(program: { pointsPerUnit: number; rewards: Reward[] }): LoyaltyProgramView {
  return { pointsPerUnit: program.pointsPerUnit, rewards: program.rewards.map(RewardView.of) };
}

/** The rewards' ids that keep no reward: one the programme does not have, or one an earlier reward sent too. */
function rewardIdProblems(rewards: Array<{ id?: string }>, kept: Reward[]): FieldProblem[] {
  const known = new Set(kept.map((reward) => reward.id));
  const seen = new Set<string>();
  return rewards.flatMap(({ id }, i) => {
    if (id === undefined) return [];
    const problem = seen.has(id)
      ? 'is the id of an earlier reward in this list: each reward once'
      : known.has(id)
        ? null
        : 'is no reward of the programme: leave the id out for a new reward';
    seen.add(id);
    return problem ? [{ field: `rewards[${i}].id`, message: problem }] : [];
  });
}
