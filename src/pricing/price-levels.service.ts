import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, Not } from 'typeorm';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import { refuseHqOwned } from '../common/errors/managed-by-hq';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { type HqCatalogPriceLevel } from '../menu/hq-catalog/hq-catalog-document';
import { heldKey, type HeldRows } from '../menu/hq-catalog-rows';
import { MenuChangeLog } from '../menu/menu-change-log';
import { CreatePriceLevelInput, UpdatePriceLevelInput } from './dto/price-level.inputs';
import { PriceLevelView } from './dto/price-level.views';
import { liveVariations, variationsByHqKey } from './menu-targets';
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
        hqKey: null,
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
      refuseHqOwned(level, 'price level', hqOwnedChanges(level, input));
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
      refuseHqOwned(level, 'price level', ['delete']);
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

  /**
   * Makes the site's price levels from headquarters what its catalog says, in the caller's transaction (audited by
   * the system, a menu change), matched by hqKey, after the menu applied the catalog's variations; a price of a
   * variation the site does not have is left out. A level headquarters no longer publishes stays as the site's
   * own (its hqKey cleared): the site's areas may name it. 422 when an order type is already priced by a level
   * of the site's own.
   */
  async applyHq(tx: Tx, levels: readonly HqCatalogPriceLevel[], held: HeldRows = new Set()): Promise<void> {
    const variationIds = await variationsByHqKey(tx.manager);
    const existing = await tx.manager.find(PriceLevel, { order: { id: 'ASC' }, ...this.database.forUpdate });
    const byKey = new Map(
      existing.filter((level) => level.hqKey).map((level) => [level.hqKey as string, level]),
    );
    const problems: FieldProblem[] = [];
    const now = this.clock.now();
    const published = new Set(levels.map((level) => level.hqKey));
    for (const [i, entry] of levels.entries()) {
      entry.orderTypes.forEach((type, j) => {
        const own = existing.find((level) => level.hqKey === null && level.orderTypes.includes(type));
        if (own) {
          problems.push({
            field: `priceLevels[${i}].orderTypes[${j}]`,
            message: `the site's own price level "${own.name}" prices ${type} orders`,
          });
        }
      });
      const level =
        byKey.get(entry.hqKey) ??
        tx.manager.create(PriceLevel, { id: randomUUID(), hqKey: entry.hqKey, createdAt: now });
      const before = byKey.has(entry.hqKey) ? PriceLevelView.of(level) : undefined;
      Object.assign(level, {
        name: entry.name,
        orderTypes: [...entry.orderTypes],
        prices: entry.prices.flatMap(({ variationKey, price }) => {
          const variationId = variationIds.get(variationKey);
          return variationId ? [{ variationId, price }] : [];
        }),
        updatedAt: now,
      });
      const after = PriceLevelView.of(level);
      if (problems.length > 0 || (before && JSON.stringify(before) === JSON.stringify(after))) continue;
      await tx.manager.save(level);
      await this.changes.record(tx, null, {
        action: before ? 'price_level.updated' : 'price_level.created',
        entityType: 'price_level',
        entityId: level.id,
        before,
        after,
      });
    }
    if (problems.length > 0) throw DomainError.validation(problems);
    for (const level of existing) {
      const kept = level.hqKey === null || published.has(level.hqKey);
      if (!kept && !held.has(heldKey('priceLevels', level.hqKey))) {
        await tx.manager.update(PriceLevel, { id: level.id }, { hqKey: null, updatedAt: now });
      }
    }
  }

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

/** What of a level from headquarters the input would change: its name, prices and order types are HQ's. */
function hqOwnedChanges(level: PriceLevel, input: UpdatePriceLevelInput): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const prices = input.prices?.map(({ variationId, price }) => ({ variationId, price }));
  return [
    ...(input.name !== undefined && input.name !== level.name ? ['name'] : []),
    ...(prices && !same(prices, level.prices) ? ['prices'] : []),
    ...(input.orderTypes && !same([...new Set(input.orderTypes)], level.orderTypes) ? ['orderTypes'] : []),
  ];
}
