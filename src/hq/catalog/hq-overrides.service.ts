import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../../audit/audit-log.service';
import type { Principal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { Clock } from '../../common/time/clock';
import { Database } from '../../database/database.service';
import { percentToPpm } from '../../money';
import { HqSitesService } from '../hq-sites.service';
import { PutOverrideInput } from './dto/hq-catalog.inputs';
import { HqOverrideView } from './dto/hq-catalog.views';
import { HqCatalogService } from './hq-catalog.service';
import { HqOverride } from './hq-catalog.entities';
import { mustHold, optionOwners, variationOwners } from './hq-catalog-keys';
import { scopeKeyOf } from './override-precedence';

/** The fields of an override, and the kinds of entry each may be set on. */
const OVERRIDE_FIELDS = {
  price: ['variation', 'modifierOption'],
  available: ['dish', 'modifierOption'],
  absent: ['category', 'dish', 'variation', 'modifierGroup', 'modifierOption', 'priceLevel'],
  stationKey: ['dish'],
  taxRateKey: ['dish'],
  percent: ['taxMapping'],
} as const;
type OverrideField = keyof typeof OVERRIDE_FIELDS;
/** The column each field is kept in: a percent as parts per million, as the sites' tax rates keep it. */
const STORED = (field: OverrideField) => (field === 'percent' ? 'partsPerMillion' : field);
const stored = (field: OverrideField, value: unknown): unknown =>
  field === 'percent' && typeof value === 'number' ? percentToPpm(value) : value;

/** The master catalog's overrides: an entry's fields replaced for one site or one group. */
@Injectable()
export class HqOverridesService {
  constructor(
    private readonly database: Database,
    private readonly catalog: HqCatalogService,
    private readonly sites: HqSitesService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * Sets an override's fields for one site or group: a field sent null is inherited again, one left out stays;
   * an override left with none set is removed. 422 for a field the entry's kind has not, or an unknown target.
   */
  putOverride(principal: Principal, input: PutOverrideInput): Promise<HqOverrideView> {
    return this.database.transaction(async (tx) => {
      await this.catalog.writing(tx);
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
        if (!(await variationOwners(tx.manager)).has(input.hqKey))
          throw DomainError.invalidField('hqKey', 'is no variation of the catalog');
        if (typeof input.price === 'number' && input.price < 0)
          throw DomainError.invalidField('price', 'must not be less than 0 for a variation');
      } else if (input.kind === 'modifierOption') {
        if (!(await optionOwners(tx.manager)).has(input.hqKey))
          throw DomainError.invalidField('hqKey', 'is no modifier option of the catalog');
      } else {
        await mustHold(tx.manager, input.kind, input.hqKey, 'hqKey');
      }
      if (input.stationKey) await mustHold(tx.manager, 'station', input.stationKey, 'stationKey');
      if (input.taxRateKey) await mustHold(tx.manager, 'taxMapping', input.taxRateKey, 'taxRateKey');
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
}
