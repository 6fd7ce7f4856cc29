import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { MAX_PRICE } from '../menu/dto/menu.inputs';
import { MenuChangeLog } from '../menu/menu-change-log';
import { MenuSchedulesService } from '../menu/schedules/menu-schedules.service';
import { ScheduleReferences } from '../menu/schedules/schedule-references';
import { CreatePriceRuleInput, UpdatePriceRuleInput } from './dto/price-rule.inputs';
import { PriceRuleView } from './dto/price-rule.views';
import { ORDER_TYPES } from './dto/pricing-fields';
import { categoryExists, liveDishes, liveVariations } from './menu-targets';
import { PriceRule } from './price-rule.entity';

const TARGETS = ['categoryId', 'dishId', 'variationId'] as const;
type Target = Pick<PriceRule, (typeof TARGETS)[number]>;
const TARGET_NAMES = { categoryId: 'category', dishId: 'dish', variationId: 'variation' } as const;

/**
 * Price rules. Every write is a menu change (menu.changed): GET /menu shows the prices rules set, and every
 * instance's price book follows the menu's event. A schedule a rule names cannot be deleted.
 */
@Injectable()
export class PriceRulesService implements OnModuleInit {
  constructor(
    private readonly database: Database,
    private readonly changes: MenuChangeLog,
    private readonly schedules: MenuSchedulesService,
    private readonly scheduleReferences: ScheduleReferences,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.scheduleReferences.register(async (tx, scheduleId) =>
      (await tx.manager.exists(PriceRule, { where: { scheduleId } })) ? 'price rules name it' : null,
    );
  }

  async list(query: PageQuery): Promise<Page<PriceRuleView>> {
    const [rules, total] = await this.database.reader.findAndCount(PriceRule, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(rules.map(PriceRuleView.of), total, query);
  }

  async get(id: string): Promise<PriceRuleView> {
    return PriceRuleView.of(await this.find(this.database.reader, id));
  }

  create(principal: Principal, input: CreatePriceRuleInput): Promise<PriceRuleView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const rule = tx.manager.create(PriceRule, {
        id: randomUUID(),
        name: input.name,
        scheduleId: input.scheduleId,
        ...targetOf(input),
        kind: input.kind,
        amount: amountOf(input.kind, input.value),
        orderTypes: [...new Set(input.orderTypes ?? ORDER_TYPES)],
        createdAt: now,
        updatedAt: now,
      });
      await this.assertValid(tx.manager, rule);
      await tx.manager.save(rule);
      const after = PriceRuleView.of(rule);
      await this.changes.record(tx, principal, {
        action: 'price_rule.created',
        entityType: 'price_rule',
        entityId: rule.id,
        after,
      });
      return after;
    });
  }

  update(principal: Principal, id: string, input: UpdatePriceRuleInput): Promise<PriceRuleView> {
    return this.database.transaction(async (tx) => {
      const rule = await this.find(tx.manager, id, true);
      return auditedChange(tx, this.changes, principal, rule, {
        action: 'price_rule.updated',
        entityType: 'price_rule',
        view: PriceRuleView.of,
        change: async () => {
          const value = input.value ?? PriceRuleView.of(rule).value;
          if (input.name !== undefined) rule.name = input.name;
          if (input.scheduleId !== undefined) rule.scheduleId = input.scheduleId;
          if (TARGETS.some((field) => input[field] !== undefined)) Object.assign(rule, targetOf(input));
          if (input.kind !== undefined) rule.kind = input.kind;
          rule.amount = amountOf(rule.kind, value);
          if (input.orderTypes !== undefined) rule.orderTypes = [...new Set(input.orderTypes)];
          await this.assertValid(tx.manager, rule);
          rule.updatedAt = this.clock.now();
        },
        skipIfUnchanged: true,
      });
    });
  }

  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const rule = await this.find(tx.manager, id, true);
      await auditedChange(tx, this.changes, principal, rule, {
        action: 'price_rule.deleted',
        entityType: 'price_rule',
        view: PriceRuleView.of,
        remove: () => tx.manager.delete(PriceRule, { id }),
      });
    });
  }

  /**
   * 422 naming the field: not exactly one target, an unknown target (a live dish or variation), an unknown
   * schedule.
   */
  private async assertValid(manager: EntityManager, rule: PriceRule): Promise<void> {
    const problems: FieldProblem[] = [];
    const named = TARGETS.filter((field) => rule[field] !== null);
    if (named.length !== 1) {
      const field = named[1] ?? 'categoryId';
      problems.push({ field, message: 'give exactly one of categoryId, dishId and variationId' });
    } else if (!(await this.targetExists(manager, rule))) {
      problems.push({ field: named[0], message: `no such ${TARGET_NAMES[named[0]]}` });
    }
    if (problems.length > 0) throw DomainError.validation(problems);
    await this.schedules.assertExists(manager, rule.scheduleId, 'scheduleId');
  }

  private async targetExists(manager: EntityManager, target: Target): Promise<boolean> {
    if (target.categoryId !== null) return categoryExists(manager, target.categoryId);
    if (target.dishId !== null) return (await liveDishes(manager, [target.dishId])).size > 0;
    return (await liveVariations(manager, [target.variationId!])).size > 0;
  }

  private async find(manager: EntityManager, id: string, forUpdate = false): Promise<PriceRule> {
    const rule = await manager.findOne(PriceRule, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!rule) throw DomainError.notFound('Price rule');
    return rule;
  }
}

/** The target a request names, the others null. */
function targetOf(input: Partial<Record<(typeof TARGETS)[number], string | null>>): Target {
  return {
    categoryId: input.categoryId ?? null,
    dishId: input.dishId ?? null,
    variationId: input.variationId ?? null,
  };
}

/**
 * What is stored of a value: hundredths of a percent, or the price; 422 naming `value` for a percent outside
 * (0, 100] or with more than 2 decimals, or a price that is not a whole amount from 0 to the largest menu price.
 */
function amountOf(kind: PriceRule['kind'], value: number): number {
  if (kind === 'fixed_price') {
    if (Number.isInteger(value) && value >= 0 && value <= MAX_PRICE) return value;
    throw DomainError.invalidField('value', `must be a whole amount in minor units from 0 to ${MAX_PRICE}`);
  }
  if (!(value > 0 && value <= 100))
    throw DomainError.invalidField('value', 'must be a percent above 0 and at most 100');
  const hundredths = value * 100;
  if (Math.abs(hundredths - Math.round(hundredths)) > 1e-6) {
    throw DomainError.invalidField('value', 'must have at most 2 decimals');
  }
  return Math.round(hundredths);
}
