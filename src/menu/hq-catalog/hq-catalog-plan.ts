import type { EntityManager } from 'typeorm';
import { DomainError, FieldProblem } from '../../common/errors/domain-error';
import { newCategory } from '../categories.service';
import { markDeleted, newDish, newVariation, sameName } from '../dish-rows';
import type { ComboDefinition } from '../combos';
import { Category, Dish, DishVariation, Station } from '../menu.entities';
import { newStation } from '../stations.service';
import { heldKey, type HeldRows, type HqCatalogDocument } from './hq-catalog-document';

/** What applying a document did to one kind of row. */
export interface HqCatalogCounts {
  /** Rows made, and dishes or variations deleted before and revived. */
  created: number;
  /** Rows whose fields changed. */
  updated: number;
  /** Dishes and variations deleted, categories made inactive: headquarters' catalog no longer has them. */
  removed: number;
}

/** The site's rows from headquarters (those with an hqKey), deleted ones included; a dish's own variations too. */
export interface HqRows {
  categories: Category[];
  stations: Station[];
  dishes: Dish[];
  /** Every variation with an hqKey, and the site's own variations of dishes with one. */
  variations: DishVariation[];
  /** The site's own live combos: one may offer an HQ dish, which then cannot become a combo. */
  ownCombos: Dish[];
}

/** The writes of one kind: new rows, and rows changed in memory (removals apart, as variations write them first). */
export class RowWrites<Row> {
  readonly inserts: Row[] = [];
  readonly updates: Row[] = [];
  readonly removals: Row[] = [];
  readonly counts: HqCatalogCounts = { created: 0, updated: 0, removed: 0 };

  created(row: Row): void {
    this.inserts.push(row);
    this.counts.created++;
  }

  /** A row whose fields `changed`; `revived`: a deleted dish or variation back on the menu (counted as created). */
  changed(row: Row, changed: boolean, revived = false): void {
    if (!changed) return;
    this.updates.push(row);
    if (revived) this.counts.created++;
    else this.counts.updated++;
  }

  removed(row: Row): void {
    this.removals.push(row);
    this.counts.removed++;
  }
}

/** Every write a document makes, planned before the first is written, so a refusal writes nothing. */
export interface HqCatalogPlan {
  categories: RowWrites<Category>;
  stations: RowWrites<Station>;
  dishes: RowWrites<Dish>;
  variations: RowWrites<DishVariation>;
  /**
   * Live variations that move to another dish or take another name, as they are now but named by their id: written
   * before the changes, so that under the unique index of live names per dish two of them never meet half-way (a
   * swap of "Small" and "Large").
   */
  renamedFirst: DishVariation[];
  /** Dishes on sale that headquarters takes off sale: menu.availability_changed for each. */
  offSale: string[];
  /** Each dish's id by its hqKey, new ones included. */
  dishIds: Map<string, string>;
  /** Each variation's id by its hqKey, new ones included. */
  variationIds: Map<string, string>;
}

/** Sets the fields of `next` that differ on `row`, and `updatedAt` when one did; whether one did. */
export function assignChanged<Row extends { updatedAt: Date }>(
  row: Row,
  next: Partial<Row>,
  now: Date,
): boolean {
  let changed = false;
  for (const field of Object.keys(next) as Array<keyof Row>) {
    if (row[field] === next[field]) continue;
    row[field] = next[field] as Row[keyof Row];
    changed = true;
  }
  if (changed) row.updatedAt = now;
  return changed;
}

/** Rows by their hqKey (those with one). */
export const byHqKey = <Row extends { hqKey: string | null }>(rows: Row[]) =>
  new Map(rows.filter((row) => row.hqKey !== null).map((row) => [row.hqKey as string, row]));

/**
 * The writes that make the site's rows from headquarters what `document` says (checked by checkHqCatalog), matched
 * by hqKey: rows made, changed or revived; HQ dishes and variations the document no longer has deleted as the
 * menu's own delete does, HQ categories made inactive, HQ stations left as they are. The site's own rows are never
 * written; a dish's availability only ever goes off (`available: false`). 422 when a dish's variation would take
 * the name of a variation the site added to it itself.
 */
export function planHqCatalog(
  manager: EntityManager,
  document: HqCatalogDocument,
  existing: HqRows,
  now: Date,
  ids: HqReferenceIds = { taxRates: new Map(), schedules: new Map() },
  held: HeldRows = new Set(),
): HqCatalogPlan {
  const plan: HqCatalogPlan = {
    categories: new RowWrites(),
    stations: new RowWrites(),
    dishes: new RowWrites(),
    variations: new RowWrites(),
    renamedFirst: [],
    offSale: [],
    dishIds: new Map(),
    variationIds: new Map(),
  };
  const categoryIds = planCategories(manager, document, existing, ids, plan.categories, now, held);
  const stationIds = planStations(manager, document, existing.stations, plan.stations, now);
  const dishIds = plan.dishIds;
  const dishes = byHqKey(existing.dishes);
  for (const entry of document.dishes) {
    const fields = {
      name: entry.name,
      description: entry.description,
      categoryId: categoryIds.get(entry.categoryKey) as string,
      stationId: entry.stationKey === null ? null : (stationIds.get(entry.stationKey) as string),
    };
    // A dish naming a tax mapping has that rate only; one naming none keeps the rates the site gives it.
    const rateId = entry.taxRateKey ? ids.taxRates.get(entry.taxRateKey) : undefined;
    // A schedule named is the dish's; none leaves the site's choice.
    const schedule = scheduleOf(entry, ids);
    const row = dishes.get(entry.hqKey);
    if (!row) {
      const taxes = rateId ? { taxRateIds: [rateId] } : {};
      const dish = newDish(
        manager,
        { ...fields, ...taxes, ...schedule, available: entry.available, hqKey: entry.hqKey },
        now,
      );
      plan.dishes.created(dish);
      dishIds.set(entry.hqKey, dish.id);
      continue;
    }
    dishIds.set(entry.hqKey, row.id);
    const revived = row.deletedAt !== null;
    if (!entry.available && row.available && !revived) plan.offSale.push(row.id);
    const next: Partial<Dish> = {
      ...fields,
      ...schedule,
      deletedAt: null,
      ...(entry.available ? {} : { available: false }),
      ...(rateId && (row.taxRateIds.length !== 1 || row.taxRateIds[0] !== rateId)
        ? { taxRateIds: [rateId] }
        : {}),
    };
    plan.dishes.changed(row, assignChanged(row, next, now), revived);
  }
  const listed = new Set(document.dishes.map((entry) => entry.hqKey));
  for (const row of existing.dishes) {
    if (row.deletedAt !== null || listed.has(row.hqKey as string)) continue;
    if (held.has(heldKey('dishes', row.hqKey))) continue;
    markDeleted(row, now);
    plan.dishes.removed(row);
  }
  planVariations(manager, document, existing.variations, dishIds, plan, now);
  planCombos(document, existing, plan, now);
  return plan;
}

/**
 * Each HQ dish's combo in the site's ids (null: a plain dish), written where it changed. 422 when a dish would
 * become a combo while a combo of the site's own offers it (a combo cannot hold a combo).
 */
function planCombos(document: HqCatalogDocument, existing: HqRows, plan: HqCatalogPlan, now: Date): void {
  const rows = new Map([...existing.dishes, ...plan.dishes.inserts].map((row) => [row.id, row]));
  const problems: FieldProblem[] = [];
  document.dishes.forEach((entry, i) => {
    const row = rows.get(plan.dishIds.get(entry.hqKey) as string) as Dish;
    const combo: ComboDefinition | null = entry.combo
      ? {
          slots: entry.combo.slots.map(({ name, minChoices, maxChoices, choices }) => ({
            name,
            minChoices,
            maxChoices,
            choices: choices.map(({ dishKey, variationKey, upcharge }) => ({
              dishId: plan.dishIds.get(dishKey) as string,
              variationId: plan.variationIds.get(variationKey) as string,
              upcharge,
            })),
          })),
        }
      : null;
    if (JSON.stringify(row.combo ?? null) === JSON.stringify(combo)) return;
    const holder = combo && existing.ownCombos.find((own) => offers(own, row.id));
    if (holder) {
      problems.push({
        field: `dishes[${i}].combo`,
        message: `cannot make a combo of a dish the site's own combo "${holder.name}" offers`,
      });
    }
    row.combo = combo;
    row.updatedAt = now;
    const planned = plan.dishes.inserts.includes(row) || plan.dishes.updates.includes(row);
    if (!planned) plan.dishes.changed(row, true);
  });
  if (problems.length > 0) throw DomainError.validation(problems);
}

const offers = (combo: Dish, dishId: string) =>
  combo.combo?.slots.some((slot) => slot.choices.some((choice) => choice.dishId === dishId)) ?? false;

/** The site's ids of the rows other modules made from the document: its tax rates and menu schedules. */
export interface HqReferenceIds {
  taxRates: ReadonlyMap<string, string>;
  schedules: ReadonlyMap<string, string>;
}

/** `{scheduleId}` when the entry names a schedule; nothing when it names none (the site's choice stays). */
function scheduleOf(entry: { scheduleKey?: string | null }, refs: HqReferenceIds): { scheduleId?: string } {
  const scheduleId = entry.scheduleKey ? refs.schedules.get(entry.scheduleKey) : undefined;
  return scheduleId ? { scheduleId } : {};
}

function planCategories(
  manager: EntityManager,
  document: HqCatalogDocument,
  existing: HqRows,
  refs: HqReferenceIds,
  writes: RowWrites<Category>,
  now: Date,
  held: HeldRows,
): Map<string, string> {
  const ids = new Map<string, string>();
  const rows = byHqKey(existing.categories);
  for (const entry of document.categories) {
    const { hqKey, name, sortOrder } = entry;
    const schedule = scheduleOf(entry, refs);
    const row = rows.get(hqKey);
    if (row) {
      ids.set(hqKey, row.id);
      writes.changed(row, assignChanged(row, { name, sortOrder, active: true, ...schedule }, now));
      continue;
    }
    const category = newCategory(manager, { name, sortOrder, hqKey, ...schedule }, now);
    writes.created(category);
    ids.set(hqKey, category.id);
  }
  const listed = new Set(document.categories.map((entry) => entry.hqKey));
  for (const row of existing.categories) {
    if (!row.active || listed.has(row.hqKey as string) || held.has(heldKey('categories', row.hqKey)))
      continue;
    row.active = false;
    row.updatedAt = now;
    writes.removed(row);
  }
  return ids;
}

/** Stations the document no longer has stay: kitchen screens may be set to show them. */
function planStations(
  manager: EntityManager,
  document: HqCatalogDocument,
  existing: Station[],
  writes: RowWrites<Station>,
  now: Date,
): Map<string, string> {
  const ids = new Map<string, string>();
  const rows = byHqKey(existing);
  for (const { hqKey, name } of document.stations) {
    const row = rows.get(hqKey);
    if (row) {
      ids.set(hqKey, row.id);
      writes.changed(row, assignChanged(row, { name }, now));
      continue;
    }
    const station = newStation(manager, { name, hqKey }, now);
    writes.created(station);
    ids.set(hqKey, station.id);
  }
  return ids;
}

function planVariations(
  manager: EntityManager,
  document: HqCatalogDocument,
  existing: DishVariation[],
  dishIds: Map<string, string>,
  plan: HqCatalogPlan,
  now: Date,
): void {
  const writes = plan.variations;
  const rows = byHqKey(existing);
  const siteOwn = existing.filter((row) => row.hqKey === null && row.deletedAt === null);
  const problems: FieldProblem[] = [];
  document.dishes.forEach((entry, i) => {
    const dishId = dishIds.get(entry.hqKey) as string;
    const own = siteOwn.filter((row) => row.dishId === dishId);
    entry.variations.forEach(({ hqKey, name, price, sortOrder }, j) => {
      const clash = own.find((row) => sameName(row.name, name));
      if (clash) {
        problems.push({
          field: `dishes[${i}].variations[${j}].name`,
          message: `clashes with the variation "${clash.name}" the site added to the dish itself`,
        });
      }
      const row = rows.get(hqKey);
      if (!row) {
        const made = newVariation(manager, dishId, { name, price, sortOrder }, now, hqKey);
        writes.created(made);
        plan.variationIds.set(hqKey, made.id);
        return;
      }
      plan.variationIds.set(hqKey, row.id);
      const revived = row.deletedAt !== null;
      if (!revived && (row.dishId !== dishId || row.name !== name)) {
        plan.renamedFirst.push({ ...row, name: row.id });
      }
      const next = { dishId, name, price, sortOrder, deletedAt: null };
      writes.changed(row, assignChanged(row, next, now), revived);
    });
  });
  if (problems.length > 0) throw DomainError.validation(problems);
  const listed = new Set(
    document.dishes.flatMap((entry) => entry.variations.map((variation) => variation.hqKey)),
  );
  const keptDishes = new Set(dishIds.values());
  for (const row of existing) {
    if (row.hqKey === null || row.deletedAt !== null || listed.has(row.hqKey)) continue;
    // The variations of a dish deleted stay as they were, as when the menu deletes one.
    if (!keptDishes.has(row.dishId)) continue;
    markDeleted(row, now);
    writes.removed(row);
  }
}
