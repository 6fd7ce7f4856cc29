import { Injectable } from '@nestjs/common';
import { In, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { Database, Tx } from '../../database/database.service';
import { LockKind } from '../../database/lock-order';
import { TaxRatesService } from '../../taxes/tax-rates.service';
import {
  Category,
  Dish,
  DishModifierGroup,
  DishVariation,
  ModifierGroup,
  ModifierOption,
  Station,
} from '../menu.entities';
import { MenuChangeLog } from '../menu-change-log';
import { MenuSchedulesService } from '../schedules/menu-schedules.service';
import { checkHqCatalog } from './hq-catalog-checks';
import type { HeldRows, HqCatalogDocument } from './hq-catalog-document';
import { HqCatalogCounts, HqCatalogPlan, HqRows, planHqCatalog, RowWrites } from './hq-catalog-plan';
import { HqModifierPlan, HqModifierRows, planHqModifiers } from './hq-modifier-plan';

export type { HqCatalogCounts } from './hq-catalog-plan';

/** What applying headquarters' catalog did: the sums over the menu's kinds, and each kind's counts. */
export interface HqCatalogApplied extends HqCatalogCounts {
  categories: HqCatalogCounts;
  stations: HqCatalogCounts;
  dishes: HqCatalogCounts;
  variations: HqCatalogCounts;
  modifierGroups: HqCatalogCounts;
  modifierOptions: HqCatalogCounts;
}

/** Rows per INSERT: well below either database's limit of parameters per statement. */
const INSERT_CHUNK = 500;

/** Rows from headquarters: `hq_key` set. */
const FROM_HQ = '"hq_key" IS NOT NULL ORDER BY "id"';

/**
 * Applies headquarters' catalog to the site's menu (categories, stations, dishes and their variations) in the
 * caller's transaction, matching the site's rows by hqKey. The menu module writes the menu's tables; the site's
 * link to headquarters calls this with the document it pulled, in the transaction that records the version.
 */
@Injectable()
export class HqCatalogApplier {
  constructor(
    private readonly database: Database,
    private readonly changes: MenuChangeLog,
    private readonly taxRates: TaxRatesService,
    private readonly schedules: MenuSchedulesService,
    private readonly clock: Clock,
  ) {}

  /**
   * Makes the site's rows from headquarters what `document` says: new ones made, changed ones written (a dish or
   * variation deleted before is revived, never duplicated), dishes and variations no longer in it deleted as the
   * menu's own delete does, categories no longer in it made inactive, stations left as they are. `available: false`
   * takes a dish off sale (menu.availability_changed, as an 86); `true` leaves the site's own availability. Rows the
   * site made itself (no hqKey) are never written. One `menu.changed` and one audit entry
   * (`menu.hq_catalog_applied`, by the system, with the counts).
   *
   * A DomainError (422 VALIDATION_ERROR, its message naming each problem) when the document cannot be applied:
   * a dish naming a category or station it does not have, a key repeated, a negative price, a name the menu's own
   * rules refuse. Nothing is written then, and the caller's transaction is rolled back by the throw.
   */
  async apply(tx: Tx, document: HqCatalogDocument, held: HeldRows = new Set()): Promise<HqCatalogApplied> {
    checkHqCatalog(document);
    // Two applications at once would both make the rows of a new key; the second waits for the first instead.
    await this.database.serialise(tx, 'menu.hq_catalog');
    // The tax mappings become the site's tax rates through the taxes module, as its own routes write them.
    const taxRates = await this.taxRates.applyHq(tx, document.taxRates ?? []);
    const schedules = await this.schedules.applyHq(tx, document.schedules ?? [], held);
    const now = this.clock.now();
    const plan = planHqCatalog(tx.manager, document, await this.load(tx), now, { taxRates, schedules }, held);
    const existing = await this.loadModifiers(tx);
    const modifiers = planHqModifiers(tx.manager, document, existing, plan.dishIds, now, held);
    await this.write(tx, plan);
    await this.writeModifiers(tx, modifiers);
    for (const dishId of plan.offSale) {
      await this.changes.announceAvailability(tx, { dishId, available: false });
    }
    for (const { optionId, groupId } of modifiers.offSale) {
      await this.changes.announceAvailability(tx, { optionId, groupId, available: false });
    }
    const applied = counted(plan, modifiers);
    await this.changes.record(tx, null, {
      action: 'menu.hq_catalog_applied',
      entityType: 'menu',
      entityId: 'hq-catalog',
      after: applied,
    });
    return applied;
  }

  /**
   * The rows from headquarters in four queries, locked on PostgreSQL as the menu's own writes lock them (a dish,
   * then its variations, which ordering counts down as stock).
   */
  private async load(tx: Tx): Promise<HqRows> {
    const categories = await this.database.selectRows(tx, Category, FROM_HQ, [], true);
    const stations = await this.database.selectRows(tx, Station, FROM_HQ, [], true);
    const dishes = await this.database.selectRows(tx, Dish, FROM_HQ, [], true);
    const variations = await this.database.lockRows(
      tx,
      LockKind.Stock,
      DishVariation,
      '"hq_key" IS NOT NULL OR "dish_id" IN (SELECT "id" FROM "dishes" WHERE "hq_key" IS NOT NULL) ORDER BY "id"',
      [],
    );
    const ownCombos = await this.database.selectRows(
      tx,
      Dish,
      '"hq_key" IS NULL AND "combo" IS NOT NULL AND "deleted_at" IS NULL ORDER BY "id"',
      [],
    );
    return { categories, stations, dishes, variations, ownCombos };
  }

  /** The HQ groups and their options, and the HQ dishes' offers, locked as the menu's own writes lock them. */
  private async loadModifiers(tx: Tx): Promise<HqModifierRows> {
    const groups = await this.database.selectRows(tx, ModifierGroup, FROM_HQ, [], true);
    const options = await this.database.selectRows(
      tx,
      ModifierOption,
      '"hq_key" IS NOT NULL OR "group_id" IN (SELECT "id" FROM "modifier_groups" WHERE "hq_key" IS NOT NULL) ORDER BY "id"',
      [],
      true,
    );
    const offers = await this.database.selectRows(
      tx,
      DishModifierGroup,
      '"dish_id" IN (SELECT "id" FROM "dishes" WHERE "hq_key" IS NOT NULL) ORDER BY "dish_id", "position"',
      [],
    );
    return { groups, options, offers };
  }

  /**
   * Groups first, then options (removals and renames before the rest), then the offers. A group no longer
   * published is deleted with its options, as the menu deletes one; while a live dish of the site's own still
   * offers it, it is the site's from then on (its hqKey and its options' cleared), as the menu refuses to take a
   * group off dishes that offer it.
   */
  private async writeModifiers(tx: Tx, plan: HqModifierPlan): Promise<void> {
    await this.database.updateRows(tx, ModifierGroup, plan.groups.updates);
    await this.insert(tx, ModifierGroup, plan.groups.inserts);
    const gone = plan.options.removals.map((option) => option.id);
    if (gone.length > 0) await tx.manager.delete(ModifierOption, { id: In(gone) });
    await this.database.updateRows(tx, ModifierOption, plan.renamedFirst);
    await this.database.updateRows(tx, ModifierOption, plan.options.updates);
    await this.insert(tx, ModifierOption, plan.options.inserts);
    if (plan.offers.dishIds.length > 0) {
      await tx.manager.delete(DishModifierGroup, { dishId: In(plan.offers.dishIds) });
      await this.insert(tx, DishModifierGroup, plan.offers.rows);
    }
    const unpublished = plan.groups.removals.map((group) => group.id);
    if (unpublished.length === 0) return;
    const offered = await tx.manager
      .createQueryBuilder(DishModifierGroup, 'offer')
      .select('DISTINCT offer.groupId', 'groupId')
      .innerJoin(Dish, 'dish', 'dish.id = offer.dishId')
      .where('offer.groupId IN (:...ids)', { ids: unpublished })
      .andWhere('dish.deletedAt IS NULL')
      .getRawMany<{ groupId: string }>();
    const released = offered.map((row) => row.groupId);
    const deleted = unpublished.filter((id) => !released.includes(id));
    if (deleted.length > 0) await tx.manager.delete(ModifierGroup, { id: In(deleted) });
    if (released.length > 0) {
      await tx.manager.update(ModifierGroup, { id: In(released) }, { hqKey: null });
      await tx.manager.update(ModifierOption, { groupId: In(released) }, { hqKey: null });
    }
  }

  /** Parents before children (a dish's category before the dish); a variation's removal and renames first. */
  private async write(tx: Tx, plan: HqCatalogPlan): Promise<void> {
    await this.writeRows(tx, Category, plan.categories);
    await this.writeRows(tx, Station, plan.stations);
    await this.writeRows(tx, Dish, plan.dishes);
    await this.database.updateRows(tx, DishVariation, plan.variations.removals);
    await this.database.updateRows(tx, DishVariation, plan.renamedFirst);
    await this.database.updateRows(tx, DishVariation, plan.variations.updates);
    await this.insert(tx, DishVariation, plan.variations.inserts);
  }

  private async writeRows<Row extends ObjectLiteral>(
    tx: Tx,
    entity: EntityTarget<Row>,
    writes: RowWrites<Row>,
  ): Promise<void> {
    await this.database.updateRows(tx, entity, [...writes.removals, ...writes.updates]);
    await this.insert(tx, entity, writes.inserts);
  }

  private async insert<Row extends ObjectLiteral>(
    tx: Tx,
    entity: EntityTarget<Row>,
    rows: Row[],
  ): Promise<void> {
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      await this.database.insertRows(tx, entity, rows.slice(start, start + INSERT_CHUNK));
    }
  }
}

function counted(plan: HqCatalogPlan, modifiers: HqModifierPlan): HqCatalogApplied {
  const kinds = {
    categories: plan.categories.counts,
    stations: plan.stations.counts,
    dishes: plan.dishes.counts,
    variations: plan.variations.counts,
    modifierGroups: modifiers.groups.counts,
    modifierOptions: modifiers.options.counts,
  };
  const sum = (field: keyof HqCatalogCounts) =>
    Object.values(kinds).reduce((total, counts) => total + counts[field], 0);
  return { created: sum('created'), updated: sum('updated'), removed: sum('removed'), ...kinds };
}
