import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { SalesSumColumns } from './sales-sum-columns';

/**
 * A site's sales of one business day through one channel, in its currency: the sums of its sale and refund facts,
 * kept as the facts arrive (in the transaction that keeps them), so that a report over a year of a hundred sites
 * reads a row per site, day and channel rather than every fact (docs/chain.md has the figures).
 */
@Entity('hq_sales_days')
@Index('hq_sales_days_business_day', ['businessDay'])
export class HqSalesDay {
  @PrimaryColumn({ length: 36 })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  businessDay!: string;

  @PrimaryColumn({ length: 3 })
  currency!: string;

  /** `own` or a delivery channel's code. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  channel!: string;

  @Column(() => SalesSumColumns, { prefix: false })
  sums!: SalesSumColumns;
}
