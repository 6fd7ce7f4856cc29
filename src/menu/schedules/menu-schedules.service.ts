import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull, Not } from 'typeorm';
import { auditedChange } from '../../audit/audited-change';
import type { Principal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { refuseHqOwned } from '../../common/errors/managed-by-hq';
import { ErrorCode } from '../../common/errors/error-code';
import { Page, pageOf } from '../../common/pagination/page';
import { Clock } from '../../common/time/clock';
import { Database, Tx } from '../../database/database.service';
import { Category, Dish } from '../menu.entities';
import { MenuChangeLog } from '../menu-change-log';
import { heldKey, type HeldRows } from '../hq-catalog-rows';
import {
  CreateMenuScheduleInput,
  MenuScheduleListQuery,
  UpdateMenuScheduleInput,
} from './dto/schedule.inputs';
import { MenuScheduleView } from './dto/schedule.views';
import { MenuSchedule } from './menu-schedule.entity';
import { ScheduleReferences } from './schedule-references';
import type { WeeklyWindow } from './schedule-window';

/** Menu schedules (dayparts): a change is a menu change, so every instance rebuilds its menu. */
@Injectable()
export class MenuSchedulesService implements OnModuleInit {
  constructor(
    private readonly database: Database,
    private readonly changes: MenuChangeLog,
    private readonly references: ScheduleReferences,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.references.register(async (tx, scheduleId) =>
      (await tx.manager.exists(Category, { where: { scheduleId } })) ? 'categories name it' : null,
    );
    this.references.register(async (tx, scheduleId) =>
      (await tx.manager.exists(Dish, { where: { scheduleId, deletedAt: IsNull() } }))
        ? 'dishes name it'
        : null,
    );
  }

  async list(query: MenuScheduleListQuery): Promise<Page<MenuScheduleView>> {
    const [schedules, total] = await this.database.reader.findAndCount(MenuSchedule, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(schedules.map(MenuScheduleView.of), total, query);
  }

  async get(id: string): Promise<MenuScheduleView> {
    return MenuScheduleView.of(await this.find(this.database.reader, id));
  }

  create(principal: Principal, input: CreateMenuScheduleInput): Promise<MenuScheduleView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const schedule = await tx.manager.save(
        tx.manager.create(MenuSchedule, {
          id: randomUUID(),
          name: input.name,
          windows: windowsOf(input.windows),
          hqKey: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      const after = MenuScheduleView.of(schedule);
      await this.changes.record(tx, principal, {
        action: 'menu_schedule.created',
        entityType: 'menu_schedule',
        entityId: schedule.id,
        after,
      });
      return after;
    });
  }

  update(principal: Principal, id: string, input: UpdateMenuScheduleInput): Promise<MenuScheduleView> {
    return this.database.transaction(async (tx) => {
      const schedule = await this.find(tx.manager, id, true);
      const windows = input.windows && windowsOf(input.windows);
      const changed = [
        ...(input.name !== undefined && input.name !== schedule.name ? ['name'] : []),
        ...(windows && JSON.stringify(windows) !== JSON.stringify(schedule.windows) ? ['windows'] : []),
      ];
      refuseHqOwned(schedule, 'menu schedule', changed);
      return auditedChange(tx, this.changes, principal, schedule, {
        action: 'menu_schedule.updated',
        entityType: 'menu_schedule',
        view: MenuScheduleView.of,
        change: () => {
          if (input.name !== undefined) schedule.name = input.name;
          if (windows) schedule.windows = windows;
          schedule.updatedAt = this.clock.now();
        },
        skipIfUnchanged: true,
      });
    });
  }

  /** 409 while a category, a live dish or anything registered with ScheduleReferences names it. */
  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      // Locked first: a writer naming it (assertExists share-locks it) commits before the check sees it, or waits.
      const schedule = await this.find(tx.manager, id, true);
      refuseHqOwned(schedule, 'menu schedule', ['delete']);
      const reference = await this.references.blocking(tx, id);
      if (reference) {
        throw new DomainError(ErrorCode.Conflict, `Cannot delete the schedule: ${reference}`);
      }
      await auditedChange(tx, this.changes, principal, schedule, {
        action: 'menu_schedule.deleted',
        entityType: 'menu_schedule',
        view: MenuScheduleView.of,
        remove: () => tx.manager.delete(MenuSchedule, { id }),
      });
    });
  }

  /**
   * Makes the site's schedules from headquarters what its catalog says, in the caller's transaction (audited by
   * the system, a menu change): matched by hqKey, made or rewritten. One headquarters no longer publishes stays
   * as the site's own (its hqKey cleared): the site's own dishes may name it. Answers each key's schedule id.
   */
  async applyHq(
    tx: Tx,
    schedules: ReadonlyArray<{ hqKey: string; name: string; windows: readonly WeeklyWindow[] }>,
    held: HeldRows = new Set(),
  ): Promise<Map<string, string>> {
    const existing = await tx.manager.find(MenuSchedule, {
      where: { hqKey: Not(IsNull()) },
      order: { id: 'ASC' },
      ...this.database.forUpdate,
    });
    const byKey = new Map(existing.map((schedule) => [schedule.hqKey as string, schedule]));
    const ids = new Map<string, string>();
    const now = this.clock.now();
    for (const { hqKey, name, windows } of schedules) {
      const schedule =
        byKey.get(hqKey) ?? tx.manager.create(MenuSchedule, { id: randomUUID(), hqKey, createdAt: now });
      ids.set(hqKey, schedule.id);
      const before = byKey.has(hqKey) ? MenuScheduleView.of(schedule) : undefined;
      Object.assign(schedule, { name, windows: windowsOf(windows), updatedAt: now });
      const after = MenuScheduleView.of(schedule);
      if (before && JSON.stringify(before) === JSON.stringify(after)) continue;
      await tx.manager.save(schedule);
      await this.changes.record(tx, null, {
        action: before ? 'menu_schedule.updated' : 'menu_schedule.created',
        entityType: 'menu_schedule',
        entityId: schedule.id,
        before,
        after,
      });
    }
    const unpublished = existing.filter(
      ({ hqKey }) => !ids.has(hqKey as string) && !held.has(heldKey('schedules', hqKey)),
    );
    for (const schedule of unpublished) {
      await tx.manager.update(MenuSchedule, { id: schedule.id }, { hqKey: null, updatedAt: now });
    }
    return ids;
  }

  /**
   * 422 naming `field` when the id is not a schedule. Share-locked on PostgreSQL, so a concurrent delete waits
   * for the writer and then sees it named.
   */
  async assertExists(manager: EntityManager, id: string, field: string): Promise<void> {
    const lock = this.database.kind === 'postgres' ? { lock: { mode: 'pessimistic_read' as const } } : {};
    if (!(await manager.findOne(MenuSchedule, { where: { id }, ...lock }))) {
      throw DomainError.invalidField(field, 'no such menu schedule');
    }
  }

  private async find(manager: EntityManager, id: string, forUpdate = false): Promise<MenuSchedule> {
    const schedule = await manager.findOne(MenuSchedule, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!schedule) throw DomainError.notFound('Menu schedule');
    return schedule;
  }
}

/** The windows as stored: plain objects, each one's weekdays in order. */
function windowsOf(windows: readonly WeeklyWindow[]): WeeklyWindow[] {
  return windows.map(({ days, from, to }) => ({ days: [...days].sort((a, b) => a - b), from, to }));
}
