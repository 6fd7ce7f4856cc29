import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { assertNoLiveDishes } from './dish-rows';
import { StationInput, UpdateStationInput } from './dto/station.inputs';
import { StationView } from './dto/menu.views';
import { Station } from './menu.entities';
import { changedFields, refuseHqOwned } from '../common/errors/managed-by-hq';
import { MenuChangeLog } from './menu-change-log';

const DEFAULT_WARN_MINUTES = 5;
const DEFAULT_LATE_MINUTES = 8;

/**
 * A ticket turns "getting late" before it turns "late": 422 otherwise, on warnAfterMinutes unless only
 * lateAfterMinutes was sent (then the stored warn threshold is what it clashes with).
 */
function checkTimers(station: Station, input: StationInput | UpdateStationInput): void {
  const { warnAfterMinutes: warn, lateAfterMinutes: late } = station;
  if (warn < late) return;
  if (input.lateAfterMinutes !== undefined && input.warnAfterMinutes === undefined) {
    throw DomainError.invalidField('lateAfterMinutes', `must be more than warnAfterMinutes (${warn})`);
  }
  throw DomainError.invalidField('warnAfterMinutes', `must be less than lateAfterMinutes (${late})`);
}

/** A new station; its timers take the defaults unless given. */
export function newStation(
  manager: EntityManager,
  fields: Pick<Station, 'name'> & Partial<Pick<Station, 'warnAfterMinutes' | 'lateAfterMinutes' | 'hqKey'>>,
  now: Date,
): Station {
  return manager.create(Station, {
    id: randomUUID(),
    name: fields.name,
    warnAfterMinutes: fields.warnAfterMinutes ?? DEFAULT_WARN_MINUTES,
    lateAfterMinutes: fields.lateAfterMinutes ?? DEFAULT_LATE_MINUTES,
    hqKey: fields.hqKey ?? null,
    createdAt: now,
    updatedAt: now,
  });
}

/** Kitchen stations: where a dish is prepared, and so which kitchen screens see its tickets. */
@Injectable()
export class StationsService {
  constructor(
    private readonly database: Database,
    private readonly changes: MenuChangeLog,
    private readonly clock: Clock,
  ) {}

  async list(query: PageQuery): Promise<Page<StationView>> {
    const [stations, total] = await this.database.reader.findAndCount(Station, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(stations.map(StationView.of), total, query);
  }

  async get(id: string): Promise<StationView> {
    return StationView.of(await this.findStation(this.database.reader, id));
  }

  /** The stations of `ids` that exist (every station when `ids` is null), by name: for kitchen screens' set-up. */
  async views(ids: string[] | null): Promise<StationView[]> {
    if (ids?.length === 0) return [];
    const stations = await this.database.reader.find(Station, {
      where: ids ? { id: In(ids) } : {},
      order: { name: 'ASC', id: 'ASC' },
    });
    return stations.map(StationView.of);
  }

  create(principal: Principal, input: StationInput): Promise<StationView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const station = newStation(tx.manager, input, now);
      checkTimers(station, input);
      await tx.manager.save(station);
      const after = StationView.of(station);
      await this.changes.record(tx, principal, {
        action: 'station.created',
        entityType: 'station',
        entityId: station.id,
        after,
      });
      return after;
    });
  }

  update(principal: Principal, id: string, input: UpdateStationInput): Promise<StationView> {
    return this.database.transaction(async (tx) => {
      const station = await this.findStation(tx.manager, id, true);
      refuseHqOwned(station, 'station', changedFields(station, input, ['name']));
      return auditedChange(tx, this.changes, principal, station, {
        action: 'station.updated',
        entityType: 'station',
        view: StationView.of,
        change: () => {
          if (input.name !== undefined) station.name = input.name;
          if (input.warnAfterMinutes !== undefined) station.warnAfterMinutes = input.warnAfterMinutes;
          if (input.lateAfterMinutes !== undefined) station.lateAfterMinutes = input.lateAfterMinutes;
          checkTimers(station, input);
          station.updatedAt = this.clock.now();
        },
        skipIfUnchanged: true,
      });
    });
  }

  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const station = await this.findStation(tx.manager, id, true);
      refuseHqOwned(station, 'station', ['delete']);
      await assertNoLiveDishes(tx.manager, { stationId: id }, 'station');
      await auditedChange(tx, this.changes, principal, station, {
        action: 'station.deleted',
        entityType: 'station',
        view: StationView.of,
        remove: () => tx.manager.delete(Station, { id }),
      });
    });
  }

  private async findStation(manager: EntityManager, id: string, forUpdate = false): Promise<Station> {
    const station = await manager.findOne(Station, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!station) throw DomainError.notFound('Station');
    return station;
  }
}
