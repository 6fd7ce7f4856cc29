import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, Not } from 'typeorm';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { MenuChangeLog } from '../menu/menu-change-log';
import { CreatePriceLevelInput, UpdatePriceLevelInput } from './dto/price-level.inputs';
import { PriceLevelView } from './dto/price-level.views';
import { liveVariations } from './menu-targets';
import { PriceLevelReferences } from './price-level-references';
import { PriceLevel } from './price-level.entity';

/**
 * Price levels. Every write is a menu change (menu.changed): GET /menu shows the levels' prices, and every
 * instance's price book follows the menu's event.
 */
@Injectable()
export class PriceLevelsService {
  constructor(
    private readonly database: Database,
    private readonly changes: MenuChangeLog,
    private readonly references: PriceLevelReferences,
    private readonly clock: Clock,
  ) {}

  async list(query: PageQuery): Promise<Page<PriceLevelView>> {
    const [levels, total] = await this.database.reader.findAndCount(PriceLevel, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(levels.map(PriceLevelView.of), total, query);
  }

  async get(id: string): Promise<PriceLevelView> {
    return PriceLevelView.of(await this.find(this.database.reader, id));
  }

  create(principal: Principal, input: CreatePriceLevelInput): Promise<PriceLevelView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const level = tx.manager.create(PriceLevel, {
        id: randomUUID(),
        name: input.name,
        prices: input.prices.map(({ variationId, price }) => ({ variationId, price })),
        orderTypes: [...new Set(input.orderTypes ?? [])],
        createdAt: now,
        updatedAt: now,
      });
      await this.assertValid(tx.manager, level);
      await tx.manager.save(level);
      const after = PriceLevelView.of(level);
      await this.changes.record(tx, principal, {
        action: 'price_level.created',
        entityType: 'price_level',
        entityId: level.id,
        after,
      });
      return after;
    });
  }

  update(principal: Principal, id: string, input: UpdatePriceLevelInput): Promise<PriceLevelView> {
    return this.database.transaction(async (tx) => {
      const level = await this.find(tx.manager, id, true);
      return auditedChange(tx, this.changes, principal, level, {
        action: 'price_level.updated',
        entityType: 'price_level',
        view: PriceLevelView.of,
        change: async () => {
          if (input.name !== undefined) level.name = input.name;
          if (input.prices !== undefined) {
            level.prices = input.prices.map(({ variationId, price }) => ({ variationId, price }));
          }
          if (input.orderTypes !== undefined) level.orderTypes = [...new Set(input.orderTypes)];
          await this.assertValid(tx.manager, level);
          level.updatedAt = this.clock.now();
        },
        skipIfUnchanged: true,
      });
    });
  }

  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const level = await this.find(tx.manager, id, true);
      const blocking = await this.references.blocking(tx, id);
      if (blocking) throw new DomainError(ErrorCode.Conflict, `The price level is in use: ${blocking}`);
      await auditedChange(tx, this.changes, principal, level, {
        action: 'price_level.deleted',
        entityType: 'price_level',
        view: PriceLevelView.of,
        remove: () => tx.manager.delete(PriceLevel, { id }),
      });
    });
  }

  /** 422 naming `field` when no level has this id. */
  /**
   * An area (location) set to be priced by level `id`, or by none (null): 422 naming `field` when there is no such
   * level; the price book, which keeps every area's level, is read again on every instance.
   */
  async areaLevelSet(tx: Tx, id: string | null, field: string): Promise<void> {
    if (id !== null && !(await tx.manager.exists(PriceLevel, { where: { id } }))) {
      throw DomainError.invalidField(field, 'no such price level');
    }
    this.changes.changed(tx);
  }

  /**
   * 422 naming the field: a variation named twice or not of a live dish, or an order type another level already
   * prices (an order would not know which level to follow).
   */
  private async assertValid(manager: EntityManager, level: PriceLevel): Promise<void> {
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    level.prices.forEach(({ variationId }, i) => {
      if (seen.has(variationId)) {
        problems.push({ field: `prices[${i}].variationId`, message: 'is priced twice on this level' });
      }
      seen.add(variationId);
    });
    const live = await liveVariations(manager, [...seen]);
    level.prices.forEach(({ variationId }, i) => {
      if (!live.has(variationId))
        problems.push({ field: `prices[${i}].variationId`, message: 'no such variation' });
    });
    if (level.orderTypes.length > 0) {
      const others = await manager.find(PriceLevel, { where: { id: Not(level.id) } });
      level.orderTypes.forEach((type, i) => {
        const other = others.find((candidate) => candidate.orderTypes.includes(type));
        if (other)
          problems.push({
            field: `orderTypes[${i}]`,
            message: `"${other.name}" already prices ${type} orders`,
          });
      });
    }
    if (problems.length > 0) throw DomainError.validation(problems);
  }

  private async find(manager: EntityManager, id: string, forUpdate = false): Promise<PriceLevel> {
    const level = await manager.findOne(PriceLevel, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!level) throw DomainError.notFound('Price level');
    return level;
  }
}
