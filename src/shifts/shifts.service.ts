import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { And, EntityManager, FindOptionsWhere, In, LessThan, MoreThanOrEqual } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { auditedChange } from '../audit/audited-change';
import { EventLog } from '../event-log/event-log.service';
import { DRAWER_COUNTED, DRAWER_MOVED, DRAWER_OPENED } from './drawer-facts';
import type { StaffPrincipal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { BusinessCalendar } from '../orders/business-calendar';
import { CashDrawerMovement, CashMovements, CashShift, HOUSE_DRAWER, ShiftStatus } from './cash-shift.entity';
import { Role } from '../common/access/role';
import {
  CloseShiftInput,
  CountShiftInput,
  countedCashOf,
  DrawerMovementInput,
  OpenShiftInput,
  ShiftListQuery,
} from './dto/shift.inputs';
import { DrawerMovementView, ShiftView } from './dto/shift.view';
import { EventType } from '../event-log/event-type';
import { cashMovementsQuery } from './cash-movements-query';
import { audienceOf } from '../event-log/event-audiences';

const ENTITY_TYPE = 'cash_shift';

const NO_MOVEMENTS: CashMovements = {
  cashTendered: 0,
  changeGiven: 0,
  cashRefunds: 0,
  cashTips: 0,
  giftCardCashSales: 0,
};

/**
 * The cash drawer's shifts. A shift's cash movements are the payments in cash and the refunds of cash payments
 * made from its opening on: the drawer is the one place cash goes in and out, so time decides which shift
 * handled it. Cash taken while no shift is open belongs to none.
 */
@Injectable()
export class ShiftsService {
  constructor(
    private readonly database: Database,
    private readonly auditLog: AuditLog,
    private readonly eventLog: EventLog,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
  ) {}

  /**
   * Opens the drawer of `deviceId` (the back office's house drawer when null) with its float. A waiter opens only a
   * device's drawer: the one of the tablet they work on.
   */
  async open(actor: StaffPrincipal, input: OpenShiftInput, deviceId: string | null): Promise<ShiftView> {
    if (actor.role === Role.Waiter && deviceId === null) {
      throw DomainError.invalidField(
        'X-Device-Id',
        'a waiter opens the drawer of the device they work on: send its id',
      );
    }
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const shift = Object.assign(new CashShift(), {
        id: randomUUID(),
        status: ShiftStatus.Open,
        drawer: deviceId ?? HOUSE_DRAWER,
        businessDay: this.calendar.openDayAt(now),
        openingCash: input.openingCash,
        openedBy: actor.userId,
        openedAt: now,
        countedCash: null,
        note: null,
        closedBy: null,
        closedAt: null,
        cashTendered: null,
        changeGiven: null,
        cashRefunds: null,
        cashTips: null,
        giftCardCashSales: null,
        updatedAt: now,
      });
      // The unique index on the open shift decides between concurrent opens, on every instance.
      const inserted = await this.database.insertRows(
        tx,
        CashShift,
        shift,
        'ON CONFLICT DO NOTHING RETURNING id',
      );
      if (inserted.length === 0) throw await this.stillOpen(tx, shift.drawer);
      if (shift.openingCash !== 0) {
        this.eventLog.raise(tx, DRAWER_OPENED, { shiftId: shift.id, openingCash: shift.openingCash });
      }
      const view = ShiftView.of(shift, NO_MOVEMENTS, []);
      await this.auditLog.record(tx, actor, {
        action: 'cash_shift.opened',
        entityType: ENTITY_TYPE,
        entityId: shift.id,
        after: view,
      });
      return view;
    });
  }

  /**
   * Records cash paid into or out of the drawer of an open shift, with its reason: it counts towards the shift's
   * expected cash, and is signed and exported as the fiscal module reads the fact (Einzahlung, Auszahlung).
   */
  async recordMovement(
    actor: StaffPrincipal,
    id: string,
    input: DrawerMovementInput,
    deviceId: string | null,
  ): Promise<ShiftView> {
    return this.database.transaction(async (tx) => {
      const shift = await this.lockedOpenShift(tx, actor, deviceId, id, 'record cash paid in or out of');
      const movement = Object.assign(new CashDrawerMovement(), {
        id: randomUUID(),
        shiftId: shift.id,
        kind: input.kind,
        amount: input.amount,
        reason: input.reason,
        recordedBy: actor.userId,
        recordedAt: this.clock.now(),
      });
      await this.database.insertRows(tx, CashDrawerMovement, movement);
      this.eventLog.raise(tx, DRAWER_MOVED, {
        movementId: movement.id,
        shiftId: shift.id,
        kind: movement.kind,
        amount: movement.amount,
      });
      const view = await this.viewOf(tx.manager, shift);
      await this.auditLog.record(tx, actor, {
        action: 'cash_shift.movement_recorded',
        entityType: ENTITY_TYPE,
        entityId: shift.id,
        after: DrawerMovementView.of(movement),
      });
      this.eventLog.append(tx, {
        type: EventType.DrawerMovementRecorded,
        data: { shift: view, movement: DrawerMovementView.of(movement) },
        audience: audienceOf(EventType.DrawerMovementRecorded),
      });
      return view;
    });
  }

  /** Counts the drawer: the movements summed now are kept with the count, and the shift never changes again. */
  async close(
    actor: StaffPrincipal,
    id: string,
    input: CloseShiftInput,
    deviceId: string | null,
  ): Promise<ShiftView> {
    return this.database.transaction(async (tx) => {
      const shift = await this.lockedOpenShift(tx, actor, deviceId, id, 'close');
      const counted = await auditedChange(tx, this.auditLog, actor, shift, {
        action: 'cash_shift.closed',
        entityType: ENTITY_TYPE,
        view: (row) => this.viewOf(tx.manager, row),
        change: (before) => {
          const now = this.clock.now();
          Object.assign(shift, {
            status: ShiftStatus.Closed,
            countedCash: input.countedCash,
            note: input.note ?? null,
            closedBy: actor.userId,
            closedAt: now,
            cashTendered: before.cashTendered,
            changeGiven: before.changeGiven,
            cashRefunds: before.cashRefunds,
            cashTips: before.cashTips,
            giftCardCashSales: before.giftCardCashSales,
            updatedAt: now,
          });
        },
      });
      if (counted.difference) {
        this.eventLog.raise(tx, DRAWER_COUNTED, { shiftId: shift.id, difference: counted.difference });
      }
      this.eventLog.append(tx, {
        type: EventType.ShiftClosed,
        data: { ...counted },
        audience: audienceOf(EventType.ShiftClosed),
      });
      return counted;
    });
  }

  /** Counts the drawer by its total or by denominations, and closes it: the same as a close with what was counted. */
  count(
    actor: StaffPrincipal,
    id: string,
    input: CountShiftInput,
    deviceId: string | null,
  ): Promise<ShiftView> {
    const countedCash = countedCashOf(input);
    return this.close(actor, id, { countedCash, note: input.note }, deviceId);
  }

  /**
   * The shift open on the drawer of `deviceId` (the house drawer when null); 404 when none is open there, and to a
   * waiter who names no device (the house drawer is not theirs).
   */
  async current(actor: StaffPrincipal, deviceId: string | null): Promise<ShiftView> {
    if (actor.role === Role.Waiter && !deviceId)
      throw DomainError.notFound('Open drawer shift on this device');
    const manager = this.database.reader;
    const shift = await manager.findOne(CashShift, {
      where: { drawer: deviceId ?? HOUSE_DRAWER, status: ShiftStatus.Open },
    });
    if (!shift) throw DomainError.notFound('Open drawer shift on this device');
    return this.viewOf(manager, shift);
  }

  async get(id: string): Promise<ShiftView> {
    const manager = this.database.reader;
    const shift = await manager.findOne(CashShift, { where: { id } });
    if (!shift) throw DomainError.notFound('Shift');
    return this.viewOf(manager, shift);
  }

  /** Newest first; a period is half-open, [from, to), on the opening time. */
  async list(query: ShiftListQuery): Promise<Page<ShiftView>> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from > to) throw DomainError.invalidField('from', 'must not be after to');
    const where: FindOptionsWhere<CashShift> = {};
    if (query.status) where.status = query.status;
    if (from && to) where.openedAt = And(MoreThanOrEqual(from), LessThan(to));
    else if (from) where.openedAt = MoreThanOrEqual(from);
    else if (to) where.openedAt = LessThan(to);
    const manager = this.database.reader;
    const [shifts, total] = await manager.findAndCount(CashShift, {
      where,
      order: { openedAt: 'DESC', id: 'DESC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(await this.viewsOf(manager, shifts), total, query);
  }

  /** The shifts that opened on a business day (YYYY-MM-DD), in opening order: for the X and Z reports. */
  async shiftsOfBusinessDay(businessDay: string): Promise<ShiftView[]> {
    const manager = this.database.reader;
    const shifts = await manager.find(CashShift, {
      where: { businessDay },
      order: { openedAt: 'ASC', id: 'ASC' },
    });
    return this.viewsOf(manager, shifts);
  }

  private async viewsOf(manager: EntityManager, shifts: CashShift[]): Promise<ShiftView[]> {
    const ids = shifts.map((shift) => shift.id);
    const movements =
      ids.length === 0
        ? []
        : await manager.find(CashDrawerMovement, {
            where: { shiftId: In(ids) },
            order: { recordedAt: 'ASC', id: 'ASC' },
          });
    return Promise.all(
      shifts.map((shift) =>
        this.viewOf(
          manager,
          shift,
          movements.filter((movement) => movement.shiftId === shift.id),
        ),
      ),
    );
  }

  /**
   * A closed shift as it was counted; an open one with its cash movements up to now (one statement). Cash paid in
   * and out is read with it unless given.
   */
  private async viewOf(
    manager: EntityManager,
    shift: CashShift,
    given?: CashDrawerMovement[],
  ): Promise<ShiftView> {
    const drawerMovements =
      given ??
      (await manager.find(CashDrawerMovement, {
        where: { shiftId: shift.id },
        order: { recordedAt: 'ASC', id: 'ASC' },
      }));
    if (shift.status === ShiftStatus.Closed) {
      return ShiftView.of(
        shift,
        {
          cashTendered: shift.cashTendered ?? 0,
          changeGiven: shift.changeGiven ?? 0,
          cashRefunds: shift.cashRefunds ?? 0,
          cashTips: shift.cashTips ?? 0,
          giftCardCashSales: shift.giftCardCashSales ?? 0,
        },
        drawerMovements,
      );
    }
    return ShiftView.of(shift, await this.movementsSince(manager, shift), drawerMovements);
  }

  private async movementsSince(manager: EntityManager, shift: CashShift): Promise<CashMovements> {
    const row = await cashMovementsQuery(manager, shift.openedAt, shift.drawer).getRawOne<
      Record<keyof CashMovements, string | number>
    >();
    return {
      cashTendered: Number(row?.cashTendered ?? 0),
      changeGiven: Number(row?.changeGiven ?? 0),
      cashRefunds: Number(row?.cashRefunds ?? 0),
      cashTips: Number(row?.cashTips ?? 0),
      giftCardCashSales: Number(row?.giftCardCashSales ?? 0),
    };
  }

  /**
   * The shift, locked to the commit; 404 when there is none (or it is not the drawer of the device a waiter sends
   * from: a waiter handles only the drawer of their tablet), 409 when it is closed.
   */
  private async lockedOpenShift(
    tx: Tx,
    actor: StaffPrincipal,
    deviceId: string | null,
    id: string,
    toDo: string,
  ): Promise<CashShift> {
    const shift = await tx.manager.findOne(CashShift, { where: { id }, ...this.database.forUpdate });
    if (!shift || (actor.role === Role.Waiter && shift.drawer !== deviceId)) {
      throw DomainError.notFound('Shift');
    }
    if (shift.status === ShiftStatus.Closed) {
      throw new DomainError(
        ErrorCode.InvalidTransition,
        `Cannot ${toDo} shift ${id}: it was closed already, at ${shift.closedAt!.toISOString()}`,
      );
    }
    return shift;
  }

  private async stillOpen(tx: Tx, drawer: string): Promise<DomainError> {
    const open = await tx.manager.findOne(CashShift, { where: { drawer, status: ShiftStatus.Open } });
    const which = open
      ? `shift ${open.id}, opened at ${open.openedAt.toISOString()}, is still open`
      : 'another shift was opened at the same moment';
    const where = drawer === HOUSE_DRAWER ? 'the house drawer' : `device ${drawer}`;
    return new DomainError(
      ErrorCode.Conflict,
      `A drawer shift is open already on ${where}: ${which}; close it first`,
    );
  }
}
