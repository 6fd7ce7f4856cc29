import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../database/columns';
import type { WeeklyWindow } from './schedule-window';

/** When categories and dishes that name it are on the menu (and, later, when price rules apply). */
@Entity('menu_schedules')
export class MenuSchedule {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  /** At least one window, in the restaurant's zone (see schedule-window.ts). */
  @Column({ type: 'simple-json' })
  windows!: WeeklyWindow[];

  /** The headquarters row it was made from (src/menu/hq-catalog); null: the site's own. */
  @Index('menu_schedules_hq_key', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  hqKey!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/**
 * A window edge that `menu.updated {reason: "schedule"}` was raised for: the row is the once-only key, so the
 * instances that all see the edge raise it once between them.
 */
@Entity('menu_schedule_edges')
export class MenuScheduleEdge {
  /** The edge instant as ISO 8601 text. */
  @PrimaryColumn({ length: 24 })
  edge!: string;

  @InstantColumn()
  announcedAt!: Date;
}
