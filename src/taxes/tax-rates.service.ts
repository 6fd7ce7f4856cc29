import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, FindOptionsWhere, In } from 'typeorm';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { changedFields, refuseHqOwned } from '../common/errors/managed-by-hq';
import { Page, pageOf } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { percentToPpm } from '../money';
import { CreateTaxRateInput, TaxRateListQuery, UpdateTaxRateInput } from './dto/tax.inputs';
import { AppliedTaxPresetView } from './dto/tax-preset.views';
import { TaxRateView } from './dto/tax.views';
import { taxPresetOf } from './tax-presets';
import { TaxChangeLog } from './tax-change-log';
import { TaxRateReferences } from './tax-rate-references';
import { TaxMapping, TaxRate } from './tax.entities';

/** The rate catalogue: what dishes, categories and mappings name, and what order items copy. */
@Injectable()
export class TaxRatesService {
  constructor(
    private readonly database: Database,
    private readonly changes: TaxChangeLog,
    private readonly references: TaxRateReferences,
    private readonly clock: Clock,
  ) {}

  async list(query: TaxRateListQuery): Promise<Page<TaxRateView>> {
    const where: FindOptionsWhere<TaxRate> = {};
    if (query.active !== undefined) where.active = query.active;
    const [rates, total] = await this.database.reader.findAndCount(TaxRate, {
      where,
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(rates.map(TaxRateView.of), total, query);
  }

  async get(id: string): Promise<TaxRateView> {
    return TaxRateView.of(await this.find(this.database.reader, id));
  }

  create(principal: Principal, input: CreateTaxRateInput): Promise<TaxRateView> {
    const isDefault = input.isDefault ?? false;
    const active = input.active ?? true;
    assertDefaultIsActive(isDefault, active);
    return this.database.transaction((tx) =>
      this.insert(tx, principal, { name: input.name, percent: input.percent, isDefault, active }),
    );
  }

  /**
   * Creates the rates of the country's preset that no active rate has the percent of, in one transaction; the
   * standard rate is a default only when no active default exists. Applied twice, the second creates nothing.
   */
  applyPreset(principal: Principal, country: string): Promise<AppliedTaxPresetView> {
    const preset = taxPresetOf(country);
    return this.database.transaction(async (tx) => {
      const active = await tx.manager.find(TaxRate, {
        where: { active: true },
        order: { name: 'ASC', id: 'ASC' },
      });
      const hasDefault = active.some((rate) => rate.isDefault);
      const applied: AppliedTaxPresetView = { country: preset.country, created: [], existing: [] };
      for (const rate of preset.rates) {
        const same = active.find((candidate) => candidate.partsPerMillion === percentToPpm(rate.percent));
        if (same) {
          applied.existing.push(TaxRateView.of(same));
          continue;
        }
        const isDefault = rate.isDefault && !hasDefault;
        applied.created.push(await this.insert(tx, principal, { ...rate, isDefault, active: true }));
      }
      return applied;
    });
  }

  /**
   * Makes the site's tax rates from headquarters' tax mappings what `rates` say, in the caller's transaction (the
   * site applying a publication): matched by hqKey, new ones made (active, not a default), a new name or percent
   * written as `PATCH /tax-rates/{id}` writes it (items already ordered keep their copy; lines ordered from now on
   * take the new one), an inactive one made active again. Rates no longer published stay as they are (dishes may
   * name them). Audited by the system, `taxes.changed` with each write. Answers each hqKey's rate id.
   */
  async applyHq(
    tx: Tx,
    rates: ReadonlyArray<{ hqKey: string; name: string; percent: number }>,
  ): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    if (rates.length === 0) return ids;
    const existing = await tx.manager.find(TaxRate, {
      where: { hqKey: In(rates.map((rate) => rate.hqKey)) },
      order: { id: 'ASC' },
      ...this.database.forUpdate,
    });
    const byKey = new Map(existing.map((rate) => [rate.hqKey as string, rate]));
    for (const { hqKey, name, percent } of rates) {
      const rate = byKey.get(hqKey);
      if (!rate) {
        const fields = { name, percent, isDefault: false, active: true, hqKey };
        ids.set(hqKey, (await this.insert(tx, null, fields)).id);
        continue;
      }
      ids.set(hqKey, rate.id);
      await auditedChange(tx, this.changes, null, rate, {
        action: 'tax_rate.updated',
        entityType: 'tax_rate',
        view: TaxRateView.of,
        change: () => {
          rate.name = name;
          rate.partsPerMillion = percentToPpm(percent);
          rate.active = true;
          rate.updatedAt = this.clock.now();
        },
        skipIfUnchanged: true,
      });
    }
    return ids;
  }

  private async insert(
    tx: Tx,
    principal: Principal | null,
    fields: { name: string; percent: number; isDefault: boolean; active: boolean; hqKey?: string },
  ): Promise<TaxRateView> {
    const now = this.clock.now();
    const rate = await tx.manager.save(
      tx.manager.create(TaxRate, {
        id: randomUUID(),
        name: fields.name,
        partsPerMillion: percentToPpm(fields.percent),
        isDefault: fields.isDefault,
        active: fields.active,
        hqKey: fields.hqKey ?? null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    const after = TaxRateView.of(rate);
    await this.changes.record(tx, principal, {
      action: 'tax_rate.created',
      entityType: 'tax_rate',
      entityId: rate.id,
      after,
    });
    return after;
  }

  /** A new percent or name applies to lines ordered from now on: items already ordered keep their copy. */
  update(principal: Principal, id: string, input: UpdateTaxRateInput): Promise<TaxRateView> {
    return this.database.transaction(async (tx) => {
      const rate = await this.find(tx.manager, id, true);
      refuseHqOwned(rate, 'tax rate', hqOwnedChanges(rate, input));
      return auditedChange(tx, this.changes, principal, rate, {
        action: 'tax_rate.updated',
        entityType: 'tax_rate',
        view: TaxRateView.of,
        change: async () => {
          const deactivating = input.active === false && rate.active;
          if (input.name !== undefined) rate.name = input.name;
          if (input.percent !== undefined) rate.partsPerMillion = percentToPpm(input.percent);
          if (input.isDefault !== undefined) rate.isDefault = input.isDefault;
          if (input.active !== undefined) rate.active = input.active;
          assertDefaultIsActive(rate.isDefault, rate.active);
          if (deactivating) await this.assertUnused(tx, id, 'deactivate', true);
          rate.updatedAt = this.clock.now();
        },
        skipIfUnchanged: true,
      });
    });
  }

  /** 409 while a mapping, a dish, a category or an open order's item names the rate. */
  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const rate = await this.find(tx.manager, id, true);
      refuseHqOwned(rate, 'tax rate', ['delete']);
      await this.assertUnused(tx, id, 'delete', false);
      await auditedChange(tx, this.changes, principal, rate, {
        action: 'tax_rate.deleted',
        entityType: 'tax_rate',
        view: TaxRateView.of,
        remove: () => tx.manager.delete(TaxRate, { id }),
      });
    });
  }

  /** 422 naming `field[i]` for each id of the list that is not an active rate (see assertActive). */
  assertActiveList(manager: EntityManager, ids: readonly string[], field: string): Promise<void> {
    return this.assertActive(
      manager,
      ids.map((id, i) => ({ id, field: `${field}[${i}]` })),
    );
  }

  /**
   * 422 naming the field of each id that is not an active rate. The rates found are share-locked on PostgreSQL,
   * so a concurrent deactivation or delete waits for the writer and then sees what names them.
   */
  async assertActive(
    manager: EntityManager,
    named: ReadonlyArray<{ id: string; field: string }>,
  ): Promise<void> {
    if (named.length === 0) return;
    const lock = this.database.kind === 'postgres' ? { lock: { mode: 'pessimistic_read' as const } } : {};
    const found = await manager.find(TaxRate, { where: { id: In(named.map(({ id }) => id)) }, ...lock });
    const active = new Set(found.filter((rate) => rate.active).map((rate) => rate.id));
    const known = new Set(found.map((rate) => rate.id));
    const problems = named.flatMap(({ id, field }) =>
      active.has(id)
        ? []
        : [{ field, message: known.has(id) ? 'is an inactive tax rate' : 'no such tax rate' }],
    );
    if (problems.length > 0) throw DomainError.validation(problems);
  }

  private async assertUnused(tx: Tx, id: string, verb: string, deactivating: boolean): Promise<void> {
    const mapped = await tx.manager.exists(TaxMapping, {
      where: [{ fromTaxRateId: id }, { toTaxRateId: id }],
    });
    const reference = mapped ? 'tax mappings name it' : await this.references.blocking(tx, id, deactivating);
    if (reference) throw new DomainError(ErrorCode.Conflict, `Cannot ${verb} the tax rate: ${reference}`);
  }

  private async find(manager: EntityManager, id: string, forUpdate = false): Promise<TaxRate> {
    const rate = await manager.findOne(TaxRate, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!rate) throw DomainError.notFound('Tax rate');
    return rate;
  }
}

/**
 * What `input` would change of a rate from headquarters (an hqKey): its name and percent are headquarters' tax
 * mapping's, which the next publication would write again. The site keeps whether it is a default and active.
 */
function hqOwnedChanges(rate: TaxRate, input: UpdateTaxRateInput): string[] {
  const percent = input.percent !== undefined && percentToPpm(input.percent) !== rate.partsPerMillion;
  return [...changedFields(rate, input, ['name']), ...(percent ? ['percent'] : [])];
}

function assertDefaultIsActive(isDefault: boolean, active: boolean): void {
  if (isDefault && !active)
    throw DomainError.invalidField('isDefault', 'an inactive rate cannot be a default');
}
