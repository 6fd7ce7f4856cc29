import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/**
 * A closed business day. Its Z report is stored as the JSON and CSV text served at the close, so reading it back
 * answers the same bytes whatever happens later: no route changes or deletes a row.
 */
@Entity('business_day_closes')
export class BusinessDayClose {
  /** YYYY-MM-DD, as orders store their business day. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  businessDay!: string;

  /** The Z number: 1 for the first day ever closed, then one more per close. */
  @Index('business_day_closes_number', { unique: true })
  @Column({ type: 'integer' })
  number!: number;

  @InstantColumn()
  closedAt!: Date;

  @Column({ type: 'varchar', length: 36 })
  closedBy!: string;

  @Column({ type: 'text' })
  reportJson!: string;

  @Column({ type: 'text' })
  reportCsv!: string;
}
