import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../../audit/audit-log.service';
import type { Principal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { Clock } from '../../common/time/clock';
import { Database, Tx } from '../../database/database.service';
import type {
  HqCatalogCategory,
  HqCatalogDish,
  HqCatalogStation,
} from '../../menu/hq-catalog/hq-catalog-document';
import { HqSitesService } from '../hq-sites.service';
import {
  HQ_KEY_PATTERN,
  HqCategoryInput,
  HqDishInput,
  HqStationInput,
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
  price: ['variation'],
  available: ['dish'],
  absent: ['category', 'dish', 'variation'],
  stationKey: ['dish'],
} as const;
type OverrideField = keyof typeof OVERRIDE_FIELDS;

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
      dishes: entries<HqCatalogDish>('dish'),
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
  putDish(principal: Principal, hqKey: string, input: HqDishInput): Promise<HqCatalogDish> {
    const dish: HqCatalogDish = {
      hqKey: validKey(hqKey),
      name: input.name,
      description: input.description ?? '',
      categoryKey: input.categoryKey,
      stationKey: input.stationKey ?? null,
      available: input.available ?? true,
      variations: input.variations.map((variation, sortOrder) => ({ ...variation, sortOrder })),
    };
    return this.put(principal, 'dish', dish, async (tx) => {
      await this.mustHold(tx, 'category', dish.categoryKey, 'categoryKey');
      if (dish.stationKey) await this.mustHold(tx, 'station', dish.stationKey, 'stationKey');
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

  /**
   * Sets an override's fields for one site or group: a field sent null is inherited again, one left out stays;
   * an override left with none set is removed. 422 for a field the entry's kind has not, or an unknown target.
   */
  putOverride(principal: Principal, input: PutOverrideInput): Promise<HqOverrideView> {
    return this.database.transaction(async (tx) => {
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
      } else {
        await this.mustHold(tx, input.kind, input.hqKey, 'hqKey');
      }
      if (input.stationKey) await this.mustHold(tx, 'station', input.stationKey, 'stationKey');
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
        },
      );
      for (const field of Object.keys(OVERRIDE_FIELDS) as OverrideField[]) {
        if (input[field] !== undefined) Object.assign(row, { [field]: input[field] });
      }
      row.updatedAt = this.clock.now();
      const empty = (Object.keys(OVERRIDE_FIELDS) as OverrideField[]).every((field) => row[field] === null);
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

  private async mustHold(tx: Tx, kind: HqCatalogKind, hqKey: string, field: string): Promise<void> {
    if (!(await tx.manager.exists(HqCatalogItem, { where: { kind, hqKey } }))) {
      throw DomainError.invalidField(field, `is no ${kind} of the catalog`);
    }
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

function validKey(hqKey: string): string {
  if (!HQ_KEY_PATTERN.test(hqKey)) {
    throw DomainError.invalidField('hqKey', 'must be lower-case letters, digits, ".", "-" and "_", 1 to 100');
  }
  return hqKey;
}
