import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, FindOptionsWhere, IsNull } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { definedOnly } from '../common/patch';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { EventLog } from '../events/event-log.service';
import { EventType } from '../events/event-type';
import {
  CreateLocationInput,
  CreateTableInput,
  TableListQuery,
  UpdateLocationInput,
  UpdateTableInput,
} from './dto/floor.inputs';
import { LocationView, TableView } from './dto/floor.views';
import { Location } from './location.entity';
import { DiningTable, TableStatus } from './table.entity';

/** 192 random bits: a table's QR URL cannot be guessed from another's. */
export const newQrToken = (): string => randomBytes(24).toString('base64url');

@Injectable()
export class FloorService {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
  ) {}

  private get manager(): EntityManager {
    return this.database.reader;
  }

  async listLocations(query: PageQuery): Promise<Page<LocationView>> {
    const [locations, total] = await this.manager.findAndCount(Location, {
      order: { sortOrder: 'ASC', name: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(locations.map(LocationView.of), total, query);
  }

  async getLocation(id: string): Promise<LocationView> {
    return LocationView.of(await this.findLocation(this.manager, id));
  }

  async createLocation(actor: Principal, input: CreateLocationInput): Promise<LocationView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const location = await tx.manager.save(
        tx.manager.create(Location, {
          id: randomUUID(),
          name: input.name,
          sortOrder: input.sortOrder ?? 0,
          createdAt: now,
          updatedAt: now,
        }),
      );
      const after = LocationView.of(location);
      await this.auditLog.record(tx, actor, {
        action: 'location.created',
        entityType: 'location',
        entityId: location.id,
        after,
      });
      return after;
    });
  }

  async updateLocation(actor: Principal, id: string, input: UpdateLocationInput): Promise<LocationView> {
    return this.database.transaction(async (tx) => {
      const location = await this.findLocation(tx.manager, id, true);
      const before = LocationView.of(location);
      Object.assign(location, definedOnly(input), { updatedAt: this.clock.now() });
      const after = LocationView.of(await tx.manager.save(location));
      await this.auditLog.record(tx, actor, {
        action: 'location.updated',
        entityType: 'location',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async removeLocation(actor: Principal, id: string): Promise<void> {
    await this.database.transaction(async (tx) => {
      const location = await this.findLocation(tx.manager, id, true);
      if (await tx.manager.exists(DiningTable, { where: { locationId: id, deletedAt: IsNull() } })) {
        throw new DomainError(ErrorCode.Conflict, 'The location still has tables: move or delete them first');
      }
      if (await tx.manager.exists(DiningTable, { where: { locationId: id } })) {
        throw new DomainError(ErrorCode.Conflict, 'Past tables of this location are kept for order history');
      }
      await tx.manager.delete(Location, { id });
      await this.auditLog.record(tx, actor, {
        action: 'location.deleted',
        entityType: 'location',
        entityId: id,
        before: LocationView.of(location),
      });
    });
  }

  async listTables(query: TableListQuery): Promise<Page<TableView>> {
    const where: FindOptionsWhere<DiningTable> = { deletedAt: IsNull() };
    if (query.locationId) where.locationId = query.locationId;
    if (query.status) where.status = query.status;
    const [tables, total] = await this.manager.findAndCount(DiningTable, {
      where,
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(tables.map(TableView.of), total, query);
  }

  async tablesOfLocation(locationId: string): Promise<TableView[]> {
    await this.findLocation(this.manager, locationId);
    const tables = await this.manager.find(DiningTable, {
      where: { locationId, deletedAt: IsNull() },
      order: { name: 'ASC', id: 'ASC' },
    });
    return tables.map(TableView.of);
  }

  async getTable(id: string): Promise<TableView> {
    return TableView.of(await this.findTable(this.manager, id));
  }

  /** The live table behind a QR token, or null: an unknown, rotated or deleted token finds nothing. */
  tableByQrToken(qrToken: string): Promise<DiningTable | null> {
    return this.manager.findOne(DiningTable, { where: { qrToken, deletedAt: IsNull() } });
  }

  async createTable(actor: Principal, input: CreateTableInput): Promise<TableView> {
    return this.database.transaction(async (tx) => {
      await this.assertLocationExists(tx.manager, input.locationId);
      const now = this.clock.now();
      const table = await tx.manager.save(
        tx.manager.create(DiningTable, {
          id: randomUUID(),
          name: input.name,
          locationId: input.locationId,
          seats: input.seats,
          status: TableStatus.Free,
          qrToken: newQrToken(),
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
        }),
      );
      const after = TableView.of(table);
      await this.auditLog.record(tx, actor, {
        action: 'table.created',
        entityType: 'table',
        entityId: table.id,
        after,
      });
      return after;
    });
  }

  async updateTable(actor: Principal, id: string, input: UpdateTableInput): Promise<TableView> {
    return this.database.transaction(async (tx) => {
      const table = await this.findTable(tx.manager, id, true);
      if (input.locationId) await this.assertLocationExists(tx.manager, input.locationId);
      const before = TableView.of(table);
      Object.assign(table, definedOnly(input), { updatedAt: this.clock.now() });
      const after = TableView.of(await tx.manager.save(table));
      await this.auditLog.record(tx, actor, {
        action: 'table.updated',
        entityType: 'table',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async removeTable(actor: Principal, id: string): Promise<void> {
    await this.database.transaction(async (tx) => {
      const table = await this.findTable(tx.manager, id, true);
      const before = TableView.of(table);
      table.deletedAt = this.clock.now();
      await tx.manager.save(table);
      await this.auditLog.record(tx, actor, {
        action: 'table.deleted',
        entityType: 'table',
        entityId: id,
        before,
      });
    });
  }

  async setStatus(actor: Principal, id: string, status: TableStatus): Promise<TableView> {
    return this.database.transaction(async (tx) => {
      const table = await this.findTable(tx.manager, id, true);
      return this.changeStatus(tx, actor, table, status);
    });
  }

  /**
   * The one way a table's status changes, for staff and (later) for orders opening and closing on it: saves,
   * audits and tells waiters, managers and admins, inside the caller's transaction.
   */
  async changeStatus(
    tx: Tx,
    actor: Principal | null,
    table: DiningTable,
    status: TableStatus,
  ): Promise<TableView> {
    if (table.status === status) return TableView.of(table);
    const before = TableView.of(table);
    table.status = status;
    table.updatedAt = this.clock.now();
    await this.database.updateRows(tx, DiningTable, table);
    const after = TableView.of(table);
    await this.auditLog.record(tx, actor, {
      action: 'table.status_changed',
      entityType: 'table',
      entityId: table.id,
      before,
      after,
    });
    this.eventLog.append(tx, {
      type: EventType.TableStatusChanged,
      data: { ...after },
      audience: { roles: [Role.Waiter, Role.Manager, Role.Admin] },
    });
    return after;
  }

  async rotateQrToken(actor: Principal, id: string): Promise<TableView> {
    return this.database.transaction(async (tx) => {
      const table = await this.findTable(tx.manager, id, true);
      const before = TableView.of(table);
      table.qrToken = newQrToken();
      table.updatedAt = this.clock.now();
      const after = TableView.of(await tx.manager.save(table));
      await this.auditLog.record(tx, actor, {
        action: 'table.qr_rotated',
        entityType: 'table',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  private async findLocation(manager: EntityManager, id: string, forUpdate = false): Promise<Location> {
    const location = await manager.findOne(Location, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!location) throw DomainError.notFound('Location');
    return location;
  }

  private async findTable(manager: EntityManager, id: string, forUpdate = false): Promise<DiningTable> {
    const table = await manager.findOne(DiningTable, {
      where: { id, deletedAt: IsNull() },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!table) throw DomainError.notFound('Table');
    return table;
  }

  private async assertLocationExists(manager: EntityManager, locationId: string): Promise<void> {
    if (!(await manager.exists(Location, { where: { id: locationId } }))) {
      throw DomainError.invalidField('locationId', 'no such location');
    }
  }
}
