import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DishModifierGroup, ModifierGroup, ModifierOption } from '../menu.entities';
import { newOption } from '../modifier-rows';
import { heldKey, type HeldRows, type HqCatalogDocument } from './hq-catalog-document';
import { assignChanged, byHqKey, RowWrites } from './hq-catalog-plan';

/** The site's modifier groups from headquarters with their options, and what the HQ dishes offer. */
export interface HqModifierRows {
  groups: ModifierGroup[];
  /** Every option with an hqKey, and any other option of a group with one. */
  options: ModifierOption[];
  /** The offers of every dish with an hqKey. */
  offers: DishModifierGroup[];
}

/** The writes that make the site's HQ groups, options and offers what a document says. */
export interface HqModifierPlan {
  /** `removals`: groups no longer published, deleted once no live dish of the site's own offers them. */
  groups: RowWrites<ModifierGroup>;
  /** `removals`: options no longer published, deleted outright as the menu deletes one. */
  options: RowWrites<ModifierOption>;
  /** Options that move group or take another name, named by their id first (unique names per group). */
  renamedFirst: ModifierOption[];
  /** Dishes whose offers are written again, and their offers. */
  offers: { dishIds: string[]; rows: DishModifierGroup[] };
  /** Options on sale that headquarters takes off sale: menu.availability_changed for each. */
  offSale: Array<{ optionId: string; groupId: string }>;
}

/**
 * Groups and options matched by hqKey: made, or written when they changed; an option published `available: false`
 * taken off sale (true leaves the site's 86). Each HQ dish offers its groups in the published order, then the
 * groups of the site's own it offered already. `dishIds`: the HQ dishes' ids by hqKey (planHqCatalog's).
 */
export function planHqModifiers(
  manager: EntityManager,
  document: HqCatalogDocument,
  existing: HqModifierRows,
  dishIds: ReadonlyMap<string, string>,
  now: Date,
  held: HeldRows = new Set(),
): HqModifierPlan {
  const plan: HqModifierPlan = {
    groups: new RowWrites(),
    options: new RowWrites(),
    renamedFirst: [],
    offers: { dishIds: [], rows: [] },
    offSale: [],
  };
  const published = document.modifierGroups ?? [];
  const groups = byHqKey(existing.groups);
  const options = byHqKey(existing.options);
  const groupIds = new Map<string, string>();
  const listedOptions = new Set<string>();
  for (const entry of published) {
    const fields = { name: entry.name, minChoices: entry.minChoices, maxChoices: entry.maxChoices };
    let group = groups.get(entry.hqKey);
    if (group) plan.groups.changed(group, assignChanged(group, fields, now));
    else {
      group = manager.create(ModifierGroup, {
        id: randomUUID(),
        ...fields,
        hqKey: entry.hqKey,
        createdAt: now,
        updatedAt: now,
      });
      plan.groups.created(group);
    }
    const groupId = group.id;
    groupIds.set(entry.hqKey, groupId);
    for (const { hqKey, name, priceDelta, sortOrder, available } of entry.options) {
      listedOptions.add(hqKey);
      const option = options.get(hqKey);
      if (!option) {
        const made = newOption(manager, groupId, { name, priceDelta, sortOrder }, now);
        plan.options.created(Object.assign(made, { hqKey, available }));
        continue;
      }
      if (option.groupId !== groupId || option.name !== name) {
        plan.renamedFirst.push({ ...option, name: option.id });
      }
      if (!available && option.available) plan.offSale.push({ optionId: option.id, groupId });
      const next = { groupId, name, priceDelta, sortOrder, ...(available ? {} : { available: false }) };
      plan.options.changed(option, assignChanged(option, next, now));
    }
  }
  // The options of a group no longer published go with it (see HqCatalogApplier).
  const kept = new Set(groupIds.values());
  for (const option of existing.options) {
    const listed = option.hqKey !== null && listedOptions.has(option.hqKey);
    if (!listed && kept.has(option.groupId)) plan.options.removed(option);
  }
  const listedGroups = new Set(published.map((entry) => entry.hqKey));
  for (const group of existing.groups) {
    const key = group.hqKey as string;
    if (!listedGroups.has(key) && !held.has(heldKey('modifierGroups', key))) plan.groups.removed(group);
  }
  planOffers(document, existing, groupIds, dishIds, plan);
  return plan;
}

/** Each HQ dish's HQ groups in order, then the site's own groups it offered, in their order. */
function planOffers(
  document: HqCatalogDocument,
  existing: HqModifierRows,
  groupIds: ReadonlyMap<string, string>,
  dishIds: ReadonlyMap<string, string>,
  plan: HqModifierPlan,
): void {
  const fromHq = new Set(existing.groups.map((group) => group.id));
  for (const dish of document.dishes) {
    const dishId = dishIds.get(dish.hqKey) as string;
    const before = existing.offers
      .filter((offer) => offer.dishId === dishId)
      .sort((a, b) => a.position - b.position)
      .map((offer) => offer.groupId);
    const hq = (dish.modifierGroupKeys ?? []).map((key) => groupIds.get(key) as string);
    const own = before.filter((groupId) => !fromHq.has(groupId));
    const after = [...hq, ...own];
    if (after.join() === before.join()) continue;
    plan.offers.dishIds.push(dishId);
    after.forEach((groupId, position) =>
      plan.offers.rows.push(Object.assign(new DishModifierGroup(), { dishId, groupId, position })),
    );
  }
}
