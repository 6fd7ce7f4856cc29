import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, FindOptionsWhere, IsNull } from 'typeorm';
import { auditedChange } from '../audit/audited-change';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { definedOnly } from '../common/patch';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { NOBODY } from '../event-log/audience';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { PriceLevelsService } from '../pricing/price-levels.service';
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
import { audienceOf } from '../event-log/event-audiences';

/** 192 random bits: a table's QR URL cannot be guessed from another's. */
export const newQrToken = (): string => randomBytes(24).toString('base64url');

/** What events and sockets keep of a QR token: enough to tell tokens apart, useless to open the page. */
export const qrTokenHash = (qrToken: string): string => createHash('sha256').update(qrToken).digest('hex');

/** Managers and admins print QR codes, so they may see the token; for everyone else it stays hidden. */
const mayPrintQr = (viewer: Principal | null): boolean =>
  viewer?.kind === 'staff' && (viewer.role === Role.Admin || viewer.role === Role.Manager);

@Injectable()
export class FloorService {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly auditLog: AuditLog,
    private readonly priceLevels: PriceLevelsService,
    private readonly clock: Clock,
  ) {}

  async listLocations(query: PageQuery): Promise<Page<LocationView>> {
    const [locations, total] = await this.database.reader.findAndCount(Location, {
      order: { sortOrder: 'ASC', name: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(locations.map(LocationView.of), total, query);
  }

  async getLocation(id: string): Promise<LocationView> {
    return LocationView.of(await this.findLocation(this.database.reader, id));
  }

  async createLocation(actor: Principal, input: CreateLocationInput): Promise<LocationView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const priceLevelId = input.priceLevelId ?? null;
      if (priceLevelId !== null) await this.priceLevels.areaLevelSet(tx, priceLevelId, 'priceLevelId');
      const location = await tx.manager.save(
        tx.manager.create(Location, {
          id: randomUUID(),
          name: input.name,
          sortOrder: input.sortOrder ?? 0,
          priceLevelId,
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
      return auditedChange(tx, this.auditLog, actor, location, {
        action: 'location.updated',
        entityType: 'location',
        view: LocationView.of,
        change: async () => {
          if (input.priceLevelId !== undefined)
            await this.priceLevels.areaLevelSet(tx, input.priceLevelId, 'priceLevelId');
          Object.assign(location, definedOnly(input), { updatedAt: this.clock.now() });
        },
      });
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
      await auditedChange(tx, this.auditLog, actor, location, {
        action: 'location.deleted',
        entityType: 'location',
        view: LocationView.of,
        remove: () => tx.manager.delete(Location, { id }),
      });
    });
  }

  async listTables(viewer: Principal, query: TableListQuery): Promise<Page<TableView>> {
    const where: FindOptionsWhere<DiningTable> = { deletedAt: IsNull() };
    if (query.locationId) where.locationId = query.locationId;
    if (query.status) where.status = query.status;
    const [tables, total] = await this.database.reader.findAndCount(DiningTable, {
      where,
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    const showQrToken = mayPrintQr(viewer);
    return pageOf(
      tables.map((table) => TableView.of(table, showQrToken)),
      total,
      query,
    );
  }

  async tablesOfLocation(viewer: Principal, locationId: string, query: PageQuery): Promise<Page<TableView>> {
    await this.findLocation(this.database.reader, locationId);
    const [tables, total] = await this.database.reader.findAndCount(DiningTable, {
      where: { locationId, deletedAt: IsNull() },
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    const showQrToken = mayPrintQr(viewer);
    return pageOf(
      tables.map((table) => TableView.of(table, showQrToken)),
      total,
      query,
    );
  }

  async getTable(viewer: Principal, id: string): Promise<TableView> {
    return TableView.of(await this.findTable(this.database.reader, id), mayPrintQr(viewer));
  }

  /** What the printed QR code needs. */
  async printableTable(id: string): Promise<{ name: string; qrToken: string }> {
    const { name, qrToken } = await this.findTable(this.database.reader, id);
    return { name, qrToken };
  }

  /** Every live table with its room's name, by room and name: what the QR sheet prints. */
  async printableTables(): Promise<Array<{ name: string; location: string; qrToken: string }>> {
    const [tables, locations] = await Promise.all([
      this.database.reader.find(DiningTable, { where: { deletedAt: IsNull() } }),
      this.database.reader.find(Location),
    ]);
    const roomOf = new Map(locations.map((location) => [location.id, location.name]));
    return tables
      .map((table) => ({
        name: table.name,
        location: roomOf.get(table.locationId) ?? '',
        qrToken: table.qrToken,
      }))
      .sort(
        (a, b) =>
          a.location.localeCompare(b.location) || a.name.localeCompare(b.name, undefined, { numeric: true }),
      );
  }

  /** The live table behind a QR token, or null: an unknown, rotated or deleted token finds nothing. */
  tableByQrToken(qrToken: string): Promise<DiningTable | null> {
    return this.database.reader.findOne(DiningTable, { where: { qrToken, deletedAt: IsNull() } });
  }

  async createTable(actor: Principal, input: CreateTableInput): Promise<TableView> {
    return this.database.transaction(async (tx) => {
      await this.assertLocationExists(tx.manager, input.locationId);
      await this.assertTableNameFree(tx, input.locationId, input.name, null);
      const now = this.clock.now();
      const table = await tx.manager.save(
        tx.manager.create(DiningTable, {
          id: randomUUID(),
          name: input.name,
          locationId: input.locationId,
          seats: input.seats,
          status: TableStatus.Free,
          seating: 1,
          qrToken: newQrToken(),
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
        }),
      );
      await this.auditLog.record(tx, actor, {
        action: 'table.created',
        entityType: 'table',
        entityId: table.id,
        after: TableView.of(table),
      });
      this.tableChanged(tx, table, false);
      return TableView.of(table, mayPrintQr(actor));
    });
  }

  async updateTable(actor: Principal, id: string, input: UpdateTableInput): Promise<TableView> {
    return this.database.transaction(async (tx) => {
      const table = await this.findTable(tx.manager, id, true);
      if (input.locationId) await this.assertLocationExists(tx.manager, input.locationId);
      if (input.name !== undefined || input.locationId !== undefined) {
        await this.assertTableNameFree(
          tx,
          input.locationId ?? table.locationId,
          input.name ?? table.name,
          id,
        );
      }
      await auditedChange(tx, this.auditLog, actor, table, {
        action: 'table.updated',
        entityType: 'table',
        view: TableView.of,
        change: () => {
          Object.assign(table, definedOnly(input), { updatedAt: this.clock.now() });
        },
      });
      this.tableChanged(tx, table, false);
      return TableView.of(table, mayPrintQr(actor));
    });
  }

  async removeTable(actor: Principal, id: string): Promise<void> {
    await this.database.transaction(async (tx) => {
      const table = await this.findTable(tx.manager, id, true);
      await auditedChange(tx, this.auditLog, actor, table, {
        action: 'table.deleted',
        entityType: 'table',
        view: TableView.of,
        remove: async () => {
          table.deletedAt = this.clock.now();
          await tx.manager.save(table);
        },
      });
      this.qrTokenChanged(tx, table, null);
      this.tableChanged(tx, table, true);
    });
  }

  async setStatus(actor: Principal, id: string, status: TableStatus): Promise<TableView> {
    return this.database.transaction(async (tx) => {
      const table = await this.findTable(tx.manager, id, true);
      await this.changeStatus(tx, actor, table, status);
      return TableView.of(table, mayPrintQr(actor));
    });
  }

  /**
   * The one way a table's status changes, for staff and for orders opening and closing on it: saves, audits and
   * tells waiters, managers and admins, inside the caller's transaction. A table that becomes free starts a new
   * seating: the next party's guests see none of the orders before it.
   */
  async changeStatus(
    tx: Tx,
    actor: Principal | null,
    table: DiningTable,
    status: TableStatus,
  ): Promise<void> {
    if (table.status === status) return;
    const before = TableView.of(table);
    table.status = status;
    if (status === TableStatus.Free) table.seating += 1;
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
      audience: audienceOf(EventType.TableStatusChanged),
    });
  }

  async rotateQrToken(actor: Principal, id: string): Promise<TableView> {
    return this.database.transaction(async (tx) => {
      const table = await this.findTable(tx.manager, id, true);
      table.qrToken = newQrToken();
      table.updatedAt = this.clock.now();
      await tx.manager.save(table);
      await this.auditLog.record(tx, actor, {
        action: 'table.qr_rotated',
        entityType: 'table',
        entityId: id,
      });
      this.qrTokenChanged(tx, table, table.qrToken);
      return TableView.of(table, mayPrintQr(actor));
    });
  }

  /** The floor's tablets follow the tables added, changed and retired during service. */
  private tableChanged(tx: Tx, table: DiningTable, retired: boolean): void {
    this.eventLog.append(tx, {
      type: EventType.TableChanged,
      data: { ...TableView.of(table), retired },
      audience: audienceOf(EventType.TableChanged),
    });
  }

  /** Guests' sockets opened with any other token of this table must go, on every instance. */
  private qrTokenChanged(tx: Tx, table: DiningTable, current: string | null): void {
    this.eventLog.append(tx, {
      type: EventType.TableQrTokenChanged,
      data: { tableId: table.id, qrTokenHash: current === null ? null : qrTokenHash(current) },
      audience: NOBODY,
    });
  }

  /** Table names are unique per location, whatever their case; the unique index settles a race. */
  private async assertTableNameFree(
    tx: Tx,
    locationId: string,
    name: string,
    exceptId: string | null,
  ): Promise<void> {
    const [taken] = await tx.sql(
      'SELECT id FROM tables WHERE location_id = $1 AND lower(name) = lower($2) AND deleted_at IS NULL AND id <> $3',
      [locationId, name, exceptId ?? ''],
    );
    if (taken) throw new DomainError(ErrorCode.Conflict, `This location already has a table named ${name}`);
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
