import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../../audit/audit-log.service';
import type { Principal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { sameName } from '../../menu/dish-rows';
import { Clock } from '../../common/time/clock';
import { Database, Tx } from '../../database/database.service';
import type {
  HqCatalogCategory,
  HqCatalogDish,
  HqCatalogDishWhole,
  HqCatalogModifierGroup,
  HqCatalogStation,
  HqCatalogTaxRate,
} from '../../menu/hq-catalog/hq-catalog-document';
import { percentToPpm } from '../../money';
import { HqSitesService } from '../hq-sites.service';
import {
  HQ_KEY_PATTERN,
  HqCategoryInput,
  HqDishInput,
  HqModifierGroupInput,
  HqStationInput,
  HqTaxMappingInput,
  PutOverrideInput,
} from './dto/hq-catalog.inputs';
import { EffectiveCatalogView, HqCatalogView, HqOverrideView } from './dto/hq-catalog.views';
import { effectiveCatalog } from './effective-catalog';
import {
  CatalogSnapshot,
  HqCatalogEntry,
  HqCatalogItem,
  HqCatalogKind,
  HqOverride,
} from './hq-catalog.entities';
import { scopeKeyOf } from './override-precedence';

/** The fields of an override, and the kinds of entry each may be set on. */
const OVERRIDE_FIELDS = {
  price: ['variation', 'modifierOption'],
  available: ['dish', 'modifierOption'],
  absent: ['category', 'dish', 'variation', 'modifierGroup', 'modifierOption'],
  stationKey: ['dish'],
  taxRateKey: ['dish'],
  percent: ['taxMapping'],
} as const;
type OverrideField = keyof typeof OVERRIDE_FIELDS;
/** The column each field is kept in: a percent as parts per million, as the sites' tax rates keep it. */
const STORED = (field: OverrideField) => (field === 'percent' ? 'partsPerMillion' : field);
const stored = (field: OverrideField, value: unknown): unknown =>
  field === 'percent' && typeof value === 'number' ? percentToPpm(value) : value;

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
      categories: entries<HqCatalogCategory>('category'),
      stations: entries<HqCatalogStation>('station'),
      dishes: entries<HqCatalogDish>('dish').map(withDefaults),
      modifierGroups: entries<HqCatalogModifierGroup>('modifierGroup'),
      taxRates: entries<HqCatalogTaxRate>('taxMapping'),
      overrides: overrides.map(HqOverrideView.of),
    };
  }

  putCategory(principal: Principal, hqKey: string, input: HqCategoryInput): Promise<HqCatalogCategory> {
    return this.put(principal, 'category', {
      hqKey: validKey(hqKey),
      name: input.name,
      sortOrder: input.sortOrder ?? 0,
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
    };
    return this.put(principal, 'dish', dish, async (tx) => {
      await this.mustHold(tx, 'category', dish.categoryKey, 'categoryKey');
      if (dish.stationKey) await this.mustHold(tx, 'station', dish.stationKey, 'stationKey');
      if (dish.taxRateKey) await this.mustHold(tx, 'taxMapping', dish.taxRateKey, 'taxRateKey');
      const groups = dish.modifierGroupKeys;
      for (const [i, key] of groups.entries()) {
        if (groups.indexOf(key) !== i)
          throw DomainError.invalidField(`modifierGroupKeys[${i}]`, 'repeats another group');
        await this.mustHold(tx, 'modifierGroup', key, `modifierGroupKeys[${i}]`);
      }
      const keys = dish.variations.map((variation) => variation.hqKey);
      const repeated = keys.findIndex((key, index) => keys.indexOf(key) !== index);
      if (repeated !== -1)
        throw DomainError.invalidField(`variations[${repeated}].hqKey`, 'repeats another variation’s');
      const owners = await this.variationOwners(tx);
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
      const owners = await this.optionOwners(tx);
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

  /**
   * Sets an override's fields for one site or group: a field sent null is inherited again, one left out stays;
   * an override left with none set is removed. 422 for a field the entry's kind has not, or an unknown target.
   */
  putOverride(principal: Principal, input: PutOverrideInput): Promise<HqOverrideView> {
    return this.database.transaction(async (tx) => {
      await this.writing(tx);
      await this.sites.mustBeScope(tx, input.scope, 'scope');
      for (const field of Object.keys(OVERRIDE_FIELDS) as OverrideField[]) {
        const kinds: readonly string[] = OVERRIDE_FIELDS[field];
        if (input[field] !== undefined && !kinds.includes(input.kind)) {
          throw DomainError.invalidField(
            field,
            `is not overridden on a ${input.kind}; on: ${kinds.join(', ')}`,
          );
        }
      }
      if (input.kind === 'variation') {
        if (!(await this.variationOwners(tx)).has(input.hqKey))
          throw DomainError.invalidField('hqKey', 'is no variation of the catalog');
        if (typeof input.price === 'number' && input.price < 0)
          throw DomainError.invalidField('price', 'must not be less than 0 for a variation');
      } else if (input.kind === 'modifierOption') {
        if (!(await this.optionOwners(tx)).has(input.hqKey))
          throw DomainError.invalidField('hqKey', 'is no modifier option of the catalog');
      } else {
        await this.mustHold(tx, input.kind, input.hqKey, 'hqKey');
      }
      if (input.stationKey) await this.mustHold(tx, 'station', input.stationKey, 'stationKey');
      if (input.taxRateKey) await this.mustHold(tx, 'taxMapping', input.taxRateKey, 'taxRateKey');
      const { siteId, groupId } = input.scope;
      const scopeKey = scopeKeyOf(siteId ? { siteId } : { groupId: groupId! });
      const before = await tx.manager.findOne(HqOverride, {
        where: { kind: input.kind, hqKey: input.hqKey, scopeKey },
      });
      const row = Object.assign(
        new HqOverride(),
        before ?? {
          id: randomUUID(),
          kind: input.kind,
          hqKey: input.hqKey,
          scopeKey,
          price: null,
          available: null,
          absent: null,
          stationKey: null,
          taxRateKey: null,
          partsPerMillion: null,
        },
      );
      for (const field of Object.keys(OVERRIDE_FIELDS) as OverrideField[]) {
        if (input[field] !== undefined) Object.assign(row, { [STORED(field)]: stored(field, input[field]) });
      }
      row.updatedAt = this.clock.now();
      const empty = (Object.keys(OVERRIDE_FIELDS) as OverrideField[]).every(
        (field) => row[STORED(field)] === null,
      );
      if (empty) await tx.manager.delete(HqOverride, { id: row.id });
      else if (before) await this.database.updateRows(tx, HqOverride, row);
      else await this.database.insertRows(tx, HqOverride, row);
      const view = HqOverrideView.of(row);
      await this.audit.record(tx, principal, {
        action: empty ? 'hq_override.removed' : 'hq_override.set',
        entityType: 'hq_override',
        entityId: row.id,
        before: before ? HqOverrideView.of(before) : undefined,
        after: view,
      });
      return view;
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

  private async mustHold(tx: Tx, kind: HqCatalogKind, hqKey: string, field: string): Promise<void> {
    if (!(await tx.manager.exists(HqCatalogItem, { where: { kind, hqKey } }))) {
      throw DomainError.invalidField(field, `is no ${kind} of the catalog`);
    }
  }

  /** Every modifier option's hqKey, with its group's. */
  private async optionOwners(tx: Tx): Promise<Map<string, string>> {
    const groups = await tx.manager.find(HqCatalogItem, { where: { kind: 'modifierGroup' } });
    return new Map(
      groups.flatMap((row) =>
        (row.entry as HqCatalogModifierGroup).options.map((option) => [option.hqKey, row.hqKey] as const),
      ),
    );
  }

  /** Every variation's hqKey, with its dish's. */
  private async variationOwners(tx: Tx): Promise<Map<string, string>> {
    const dishes = await tx.manager.find(HqCatalogItem, { where: { kind: 'dish' } });
    return new Map(
      dishes.flatMap((row) =>
        (row.entry as HqCatalogDish).variations.map((variation) => [variation.hqKey, row.hqKey] as const),
      ),
    );
  }
}

/** A dish as kept before dishes named modifier groups and tax mappings: none of either. */
export const withDefaults = (dish: HqCatalogDish): HqCatalogDishWhole => ({
  ...dish,
  modifierGroupKeys: dish.modifierGroupKeys ?? [],
  taxRateKey: dish.taxRateKey ?? null,
});

function validKey(hqKey: string): string {
  if (!HQ_KEY_PATTERN.test(hqKey)) {
    throw DomainError.invalidField('hqKey', 'must be lower-case letters, digits, ".", "-" and "_", 1 to 100');
  }
  return hqKey;
}
