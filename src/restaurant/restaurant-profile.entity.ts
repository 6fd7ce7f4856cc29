import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/** The one row of `restaurant_profile`: the restaurant's own details, seeded from the settings on the first start. */
export const PROFILE_ROW_ID = 1;

@Entity('restaurant_profile')
export class RestaurantProfileRow {
  /** Always PROFILE_ROW_ID: one restaurant per database. */
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** One entry per printed line. */
  @Column({ type: 'simple-json' })
  address!: string[];

  @Column({ type: 'varchar', length: 40, nullable: true })
  taxId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  timezone!: string;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ type: 'varchar', length: 2 })
  country!: string;

  @Column({ type: 'varchar', length: 35 })
  locale!: string;

  /** Minutes worked in a local day after which the rest is overtime; null: no daily overtime. */
  @Column({ type: 'integer', nullable: true })
  overtimeDailyAfterMinutes!: number | null;

  /** Minutes worked in a week (Monday to Sunday, local) after which the rest is overtime; null: none. */
  @Column({ type: 'integer', nullable: true })
  overtimeWeeklyAfterMinutes!: number | null;

  /** 1 when seeded, one more on each change: instances keep the highest they have seen. */
  @Column({ type: 'integer' })
  version!: number;

  @InstantColumn()
  updatedAt!: Date;
}
