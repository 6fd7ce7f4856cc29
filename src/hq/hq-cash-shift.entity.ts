import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '../common/money';
import { InstantColumn } from '../database/columns';
import { bigintAsNumber } from '../event-log/event-record.entity';

/**
 * A site's drawer shift as the site counted and closed it, sent with its `cash_shift_closed` fact: kept once per
 * site and shift (the first that came), in the site's currency.
 */
@Entity('hq_cash_shifts')
@Index('hq_cash_shifts_site_day', ['siteId', 'businessDay'])
export class HqCashShift {
  @PrimaryColumn({ length: 36 })
  siteId!: string;

  @PrimaryColumn({ length: 36 })
  shiftId!: string;

  /** The business day it opened on, at the site. */
  @Column({ type: 'varchar', length: 10 })
  businessDay!: string;

  @Column({ length: 3 })
  currency!: string;

  /** The seq of the fact that brought it. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;

  @InstantColumn()
  closedAt!: Date;

  @MoneyColumn()
  expectedCash!: number;

  @MoneyColumn()
  countedCash!: number;

  /** countedCash - expectedCash: negative when the drawer was short. */
  @MoneyColumn()
  difference!: number;

  /** The shift's JSON, as the site's GET /shifts/{id} answers it. */
  @Column({ type: 'text' })
  shift!: string;

  @InstantColumn()
  receivedAt!: Date;
}
