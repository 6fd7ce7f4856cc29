import { Column, Entity, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '../common/money';
import { InstantColumn } from '../database/columns';
import { bigintAsNumber } from '../event-log/event-record.entity';

/**
 * One job's time on one of a site's business days, as the site's latest `labour_days` fact naming the day said:
 * a later fact replaces the day's rows (a correction supersedes), in the site's currency.
 */
@Entity('hq_labour_days')
export class HqLabourDay {
  @PrimaryColumn({ length: 36 })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  businessDay!: string;

  /** `site:<the job's id at the site>`, or `none` for shifts worked without a job. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  jobKey!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  job!: string | null;

  @Column({ length: 3 })
  currency!: string;

  /** The seq of the fact that brought it. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;

  @Column({ type: 'integer' })
  workedSeconds!: number;

  @Column({ type: 'integer' })
  overtimeSeconds!: number;

  @MoneyColumn()
  cost!: number;
}

/**
 * A site's business day as its latest `labour_days` fact naming it said: its tips (every person's added up) and
 * which fact that was. A day of no work and no tips has zeros.
 */
@Entity('hq_tip_days')
export class HqTipDay {
  @PrimaryColumn({ length: 36 })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  businessDay!: string;

  @Column({ length: 3 })
  currency!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;

  /** Card tips less their refunds, and declared cash tips. */
  @MoneyColumn()
  earned!: number;

  @MoneyColumn()
  givenOut!: number;

  @MoneyColumn()
  received!: number;

  @MoneyColumn()
  paidOut!: number;

  @InstantColumn()
  receivedAt!: Date;
}
