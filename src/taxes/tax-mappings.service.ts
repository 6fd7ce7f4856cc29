import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, Not } from 'typeorm';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { CreateTaxMappingInput, UpdateTaxMappingInput } from './dto/tax.inputs';
import { TaxMappingView } from './dto/tax.views';
import { TaxChangeLog } from './tax-change-log';
import { TaxRatesService } from './tax-rates.service';
import { TaxMapping } from './tax.entities';

/** Fiscal positions: on orders of some types, a line's rate becomes another rate, or none. */
@Injectable()
export class TaxMappingsService {
  constructor(
    private readonly database: Database,
    private readonly rates: TaxRatesService,
    private readonly changes: TaxChangeLog,
    private readonly clock: Clock,
  ) {}

  async list(query: PageQuery): Promise<Page<TaxMappingView>> {
    const [mappings, total] = await this.database.reader.findAndCount(TaxMapping, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(mappings.map(TaxMappingView.of), total, query);
  }

  async get(id: string): Promise<TaxMappingView> {
    return TaxMappingView.of(await this.find(this.database.reader, id));
  }

  create(principal: Principal, input: CreateTaxMappingInput): Promise<TaxMappingView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const mapping = tx.manager.create(TaxMapping, {
        id: randomUUID(),
        name: input.name,
        orderTypes: [...new Set(input.orderTypes)],
        fromTaxRateId: input.fromTaxRateId,
        toTaxRateId: input.toTaxRateId ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await this.assertValid(tx.manager, mapping);
      await tx.manager.save(mapping);
      const after = TaxMappingView.of(mapping);
      await this.changes.record(tx, principal, {
        action: 'tax_mapping.created',
        entityType: 'tax_mapping',
        entityId: mapping.id,
        after,
      });
      return after;
    });
  }

  update(principal: Principal, id: string, input: UpdateTaxMappingInput): Promise<TaxMappingView> {
    return this.database.transaction(async (tx) => {
      const mapping = await this.find(tx.manager, id, true);
      return auditedChange(tx, this.changes, principal, mapping, {
        action: 'tax_mapping.updated',
        entityType: 'tax_mapping',
        view: TaxMappingView.of,
        change: async () => {
          if (input.name !== undefined) mapping.name = input.name;
          if (input.orderTypes !== undefined) mapping.orderTypes = [...new Set(input.orderTypes)];
          if (input.fromTaxRateId !== undefined) mapping.fromTaxRateId = input.fromTaxRateId;
          if (input.toTaxRateId !== undefined) mapping.toTaxRateId = input.toTaxRateId;
          await this.assertValid(tx.manager, mapping);
          mapping.updatedAt = this.clock.now();
        },
        skipIfUnchanged: true,
      });
    });
  }

  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const mapping = await this.find(tx.manager, id, true);
      await auditedChange(tx, this.changes, principal, mapping, {
        action: 'tax_mapping.deleted',
        entityType: 'tax_mapping',
        view: TaxMappingView.of,
        remove: () => tx.manager.delete(TaxMapping, { id }),
      });
    });
  }

  /**
   * 422 naming the field: rates that are not active, a mapping of a rate to itself, or an order type for which
   * another mapping already maps the same rate (one line would not know which to follow).
   */
  private async assertValid(manager: EntityManager, mapping: TaxMapping): Promise<void> {
    if (mapping.toTaxRateId === mapping.fromTaxRateId) {
      throw DomainError.invalidField('toTaxRateId', 'must differ from fromTaxRateId');
    }
    await this.rates.assertActive(manager, [
      { id: mapping.fromTaxRateId, field: 'fromTaxRateId' },
      ...(mapping.toTaxRateId === null ? [] : [{ id: mapping.toTaxRateId, field: 'toTaxRateId' }]),
    ]);
    const others = await manager.find(TaxMapping, {
      where: { fromTaxRateId: mapping.fromTaxRateId, id: Not(mapping.id) },
    });
    const problems = mapping.orderTypes.flatMap((type, i) => {
      const other = others.find((candidate) => candidate.orderTypes.includes(type));
      return other
        ? [{ field: `orderTypes[${i}]`, message: `"${other.name}" already maps this rate on ${type} orders` }]
        : [];
    });
    if (problems.length > 0) throw DomainError.validation(problems);
  }

  private async find(manager: EntityManager, id: string, forUpdate = false): Promise<TaxMapping> {
    const mapping = await manager.findOne(TaxMapping, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!mapping) throw DomainError.notFound('Tax mapping');
    return mapping;
  }
}
