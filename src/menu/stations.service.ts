import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { assertNoLiveDishes } from './dish-rows';
import { StationInput, UpdateStationInput } from './dto/menu.inputs';
import { StationView } from './dto/menu.views';
import { Station } from './menu.entities';
import { MenuChangeLog } from './menu-change-log';

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

  create(principal: Principal, input: StationInput): Promise<StationView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const station = await tx.manager.save(
        tx.manager.create(Station, { id: randomUUID(), name: input.name, createdAt: now, updatedAt: now }),
      );
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
      return auditedChange(tx, this.changes, principal, station, {
        action: 'station.updated',
        entityType: 'station',
        view: StationView.of,
        change: () => {
          if (input.name !== undefined) station.name = input.name;
          station.updatedAt = this.clock.now();
        },
        skipIfUnchanged: true,
      });
    });
  }

  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const station = await this.findStation(tx.manager, id, true);
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
