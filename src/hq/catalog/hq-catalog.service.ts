import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit/audit-log.service';
import type { Principal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { sameName } from '../../menu/dish-rows';
import { Clock } from '../../common/time/clock';
import { Database, Tx } from '../../database/database.service';
import type {
  HqCatalogCategory,
  HqCatalogCategoryWhole,
  HqCatalogDish,
  HqCatalogDishWhole,
  HqCatalogModifierGroup,
  HqCatalogPriceLevel,
  HqCatalogSchedule,
  HqCatalogStation,
  HqCatalogTaxRate,
} from '../../menu/hq-catalog/hq-catalog-document';
import { HQ_KEY_PATTERN } from './dto/hq-key';
import { HqPriceLevelInput, HqScheduleInput } from './dto/hq-schedule-level.inputs';
import { mustHold, optionOwners, variationOwners } from './hq-catalog-keys';
import { checkHqCombo } from './hq-combo-checks';
import { HqSitesService } from '../hq-sites.service';
import {
  HqCategoryInput,
  HqDishInput,
  HqModifierGroupInput,
  HqStationInput,
  HqTaxMappingInput,
} from './dto/hq-catalog.inputs';
import { EffectiveCatalogView, HqCatalogView, HqOverrideView } from './dto/hq-catalog.views';
import { categoryWithDefaults, effectiveCatalog } from './effective-catalog';
import {
  CatalogSnapshot,
  HqCatalogEntry,
  HqCatalogItem,
  HqCatalogKind,
  HqOverride,
} from './hq-catalog.entities';

/**
 * The organisation's master catalog (categories, stations, dishes with their variations, each by a stable hqKey)
 * and its overrides per site or group; what a site gets of them is its effective catalog.
 */
@Injectable()
export class HqCatalogService {
  constructor(
    private readonly database: Database,
    private readonly sites: HqSitesService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async catalog(): Promise<HqCatalogView> {
    const snapshot = await this.snapshot(this.database.reader);
    const overrides = await this.database.reader.find(HqOverride, { order: { kind: 'ASC', hqKey: 'ASC' } });
    const entries = <T>(kind: HqCatalogKind) =>
      snapshot.items.filter((item) => item.kind === kind).map((item) => item.entry as T);
    return {
      categories: entries<HqCatalogCategory>('category').map(categoryWithDefaults),
      stations: entries<HqCatalogStation>('station'),
      dishes: entries<HqCatalogDish>('dish').map(withDefaults),
      modifierGroups: entries<HqCatalogModifierGroup>('modifierGroup'),
      taxRates: entries<HqCatalogTaxRate>('taxMapping'),
      schedules: entries<HqCatalogSchedule>('schedule'),
      priceLevels: entries<HqCatalogPriceLevel>('priceLevel'),
      overrides: overrides.map(HqOverrideView.of),
    };
  }

  putCategory(principal: Principal, hqKey: string, input: HqCategoryInput): Promise<HqCatalogCategoryWhole> {
    const category: HqCatalogCategoryWhole = {
      hqKey: validKey(hqKey),
      name: input.name,
      sortOrder: input.sortOrder ?? 0,
      scheduleKey: input.scheduleKey ?? null,
    };
    return this.put(principal, 'category', category, async (tx) => {
      if (category.scheduleKey) await mustHold(tx.manager, 'schedule', category.scheduleKey, 'scheduleKey');
    });
  }

  putStation(principal: Principal, hqKey: string, input: HqStationInput): Promise<HqCatalogStation> {
    return this.put(principal, 'station', { hqKey: validKey(hqKey), name: input.name });
  }

  /** A dish and its variations, whole: its category and station must be in the catalog, its variations' keys new to every other dish. */
  putDish(principal: Principal, hqKey: string, input: HqDishInput): Promise<HqCatalogDishWhole> {
    const dish: HqCatalogDishWhole = {
      hqKey: validKey(hqKey),
      name: input.name,
      description: input.description ?? '',
      categoryKey: input.categoryKey,
      stationKey: input.stationKey ?? null,
      available: input.available ?? true,
      variations: input.variations.map((variation, sortOrder) => ({ ...variation, sortOrder })),
      modifierGroupKeys: input.modifierGroupKeys ?? [],
      taxRateKey: input.taxRateKey ?? null,
      scheduleKey: input.scheduleKey ?? null,
      combo: input.combo
        ? {
            slots: input.combo.slots.map(({ name, minChoices, maxChoices, choices }) => ({
              name,
              minChoices,
              maxChoices,
              choices: choices.map(({ dishKey, variationKey, upcharge }) => ({
                dishKey,
                variationKey,
                upcharge: upcharge ?? 0,
              })),
            })),
          }
        : null,
    };
    return this.put(principal, 'dish', dish, async (tx) => {
      await checkHqCombo(tx.manager, dish);
      if (dish.scheduleKey) await mustHold(tx.manager, 'schedule', dish.scheduleKey, 'scheduleKey');
      await mustHold(tx.manager, 'category', dish.categoryKey, 'categoryKey');
      if (dish.stationKey) await mustHold(tx.manager, 'station', dish.stationKey, 'stationKey');
      if (dish.taxRateKey) await mustHold(tx.manager, 'taxMapping', dish.taxRateKey, 'taxRateKey');
      const groups = dish.modifierGroupKeys;
      for (const [i, key] of groups.entries()) {
        if (groups.indexOf(key) !== i)
          throw DomainError.invalidField(`modifierGroupKeys[${i}]`, 'repeats another group');
        await mustHold(tx.manager, 'modifierGroup', key, `modifierGroupKeys[${i}]`);
      }
      const keys = dish.variations.map((variation) => variation.hqKey);
      const repeated = keys.findIndex((key, index) => keys.indexOf(key) !== index);
      if (repeated !== -1)
        throw DomainError.invalidField(`variations[${repeated}].hqKey`, 'repeats another variation’s');
      const owners = await variationOwners(tx.manager);
      const taken = keys.findIndex((key) => (owners.get(key) ?? dish.hqKey) !== dish.hqKey);
      if (taken !== -1) {
        throw DomainError.invalidField(
          `variations[${taken}].hqKey`,
          `is a variation of dish ${owners.get(keys[taken])}`,
        );
      }
    });
  }

  /** A modifier group and its options, whole: its options' keys new to every other group, their names distinct. */
  putModifierGroup(
    principal: Principal,
    hqKey: string,
    input: HqModifierGroupInput,
  ): Promise<HqCatalogModifierGroup> {
    const group: HqCatalogModifierGroup = {
      hqKey: validKey(hqKey),
      name: input.name,
      minChoices: input.minChoices ?? 0,
      maxChoices: input.maxChoices ?? 1,
      options: input.options.map((option, sortOrder) => ({
        hqKey: option.hqKey,
        name: option.name,
        priceDelta: option.priceDelta ?? 0,
        sortOrder,
        available: option.available ?? true,
      })),
    };
    if (group.minChoices > group.maxChoices)
      throw DomainError.invalidField('minChoices', `must not exceed maxChoices (${group.maxChoices})`);
    group.options.forEach((option, i) => {
      const earlier = group.options.findIndex((other) => other.hqKey === option.hqKey);
      if (earlier < i) throw DomainError.invalidField(`options[${i}].hqKey`, 'repeats another option’s');
      const named = group.options.findIndex((other) => sameName(other.name, option.name));
      if (named < i) throw DomainError.invalidField(`options[${i}].name`, `repeats options[${named}].name`);
    });
    return this.put(principal, 'modifierGroup', group, async (tx) => {
      const owners = await optionOwners(tx.manager);
      const taken = group.options.findIndex((option) => (owners.get(option.hqKey) ?? hqKey) !== hqKey);
      if (taken !== -1) {
        const owner = owners.get(group.options[taken].hqKey);
        throw DomainError.invalidField(`options[${taken}].hqKey`, `is an option of modifier group ${owner}`);
      }
    });
  }

  /** A tax mapping: a named rate every site keeps as a tax rate of its own. */
  putTaxMapping(principal: Principal, hqKey: string, input: HqTaxMappingInput): Promise<HqCatalogTaxRate> {
    return this.put(principal, 'taxMapping', {
      hqKey: validKey(hqKey),
      name: input.name,
      percent: input.percent,
    });
  }

  /** A menu schedule: weekly windows each site reads on its own clock. */
  putSchedule(principal: Principal, hqKey: string, input: HqScheduleInput): Promise<HqCatalogSchedule> {
    return this.put(principal, 'schedule', {
      hqKey: validKey(hqKey),
      name: input.name,
      windows: input.windows.map(({ days, from, to }) => ({
        days: [...days].sort((a, b) => a - b),
        from,
        to,
      })),
    });
  }

  /** A price level: the catalog's variations it prices, each once, and order types no other level prices. */
  putPriceLevel(principal: Principal, hqKey: string, input: HqPriceLevelInput): Promise<HqCatalogPriceLevel> {
    const level: HqCatalogPriceLevel = {
      hqKey: validKey(hqKey),
      name: input.name,
      orderTypes: [...new Set(input.orderTypes ?? [])],
      prices: input.prices.map(({ variationKey, price }) => ({ variationKey, price })),
    };
    return this.put(principal, 'priceLevel', level, async (tx) => {
      const owners = await variationOwners(tx.manager);
      level.prices.forEach(({ variationKey }, i) => {
        if (!owners.has(variationKey))
          throw DomainError.invalidField(`prices[${i}].variationKey`, 'is no variation of the catalog');
        if (level.prices.findIndex((other) => other.variationKey === variationKey) < i)
          throw DomainError.invalidField(`prices[${i}].variationKey`, 'is priced twice on this level');
      });
      const others = await tx.manager.find(HqCatalogItem, { where: { kind: 'priceLevel' } });
      level.orderTypes.forEach((type, i) => {
        const other = others.find(
          (row) => row.hqKey !== level.hqKey && (row.entry as HqCatalogPriceLevel).orderTypes.includes(type),
        );
        if (other) throw DomainError.invalidField(`orderTypes[${i}]`, `is priced by level ${other.hqKey}`);
      });
    });
  }

  /** What the site would get of the catalog and overrides as they are now, and what of it is overridden where. */
  async effectiveCatalogOf(siteId: string): Promise<EffectiveCatalogView> {
    const chain = await this.sites.scopeChainOf(siteId);
    return EffectiveCatalogView.of(
      siteId,
      effectiveCatalog(await this.snapshot(this.database.reader), chain),
    );
  }

  /** The master catalog and every override as they are in `tx` (or committed): what a publication freezes. */
  async snapshot(manager: Tx['manager']): Promise<CatalogSnapshot> {
    const items = await manager.find(HqCatalogItem, { order: { kind: 'ASC', hqKey: 'ASC' } });
    const overrides = await manager.find(HqOverride, {
      order: { kind: 'ASC', hqKey: 'ASC', scopeKey: 'ASC' },
    });
    return {
      items: items.map(({ kind, hqKey, entry }) => ({ kind, hqKey, entry })),
      overrides: overrides.map(({ id: _id, updatedAt: _updatedAt, ...override }) => override),
    };
  }

  private put<T extends HqCatalogEntry>(
    principal: Principal,
    kind: HqCatalogKind,
    entry: T,
    check?: (tx: Tx) => Promise<void>,
  ): Promise<T> {
    return this.database.transaction(async (tx) => {
      await this.writing(tx);
      await check?.(tx);
      const before = await tx.manager.findOne(HqCatalogItem, { where: { kind, hqKey: entry.hqKey } });
      const row = Object.assign(new HqCatalogItem(), {
        kind,
        hqKey: entry.hqKey,
        entry,
        updatedAt: this.clock.now(),
      });
      if (before) await this.database.updateRows(tx, HqCatalogItem, row);
      else await this.database.insertRows(tx, HqCatalogItem, row);
      await this.audit.record(tx, principal, {
        action: `hq_catalog.${kind}_${before ? 'updated' : 'created'}`,
        entityType: `hq_catalog_${kind}`,
        entityId: entry.hqKey,
        before: before?.entry,
        after: entry,
      });
      return entry;
    });
  }

  /**
   * Writes of the catalog take turns, whichever instance they reach: each checks what the others write (a
   * variation's hqKey is its dish's alone, an override names an entry that is there), and two at once would
   * both pass. A publication takes the same turn, so it freezes one state of the catalog and its overrides.
   */
  writing(tx: Tx): Promise<void> {
    return this.database.serialise(tx, 'hq_catalog');
  }
}

/** A dish as kept before dishes named modifier groups, tax mappings and schedules: none of them. */
export const withDefaults = (dish: HqCatalogDish): HqCatalogDishWhole => ({
  ...dish,
  modifierGroupKeys: dish.modifierGroupKeys ?? [],
  taxRateKey: dish.taxRateKey ?? null,
  scheduleKey: dish.scheduleKey ?? null,
  combo: dish.combo ?? null,
});

function validKey(hqKey: string): string {
  if (!HQ_KEY_PATTERN.test(hqKey)) {
    throw DomainError.invalidField('hqKey', 'must be lower-case letters, digits, ".", "-" and "_", 1 to 100');
  }
  return hqKey;
}
