import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SalesSumColumns } from './sales-sum-columns';
import { InstantColumn } from '../database/columns';
import { bigintAsNumber } from '../event-log/event-record.entity';
import type { SalesFactType } from './dto/sales-facts.inputs';

/**
 * One fact of a site's sales, as the site sent it: kept once per (site, seq of the site's event log), whatever the
 * number of times it arrives. Its figures are the site's own report's (a sale counts on its order's business day,
 * a refund after the close on its own), in the site's currency; headquarters only sums them (HqSalesDay).
 */
@Entity('hq_sales_facts')
export class HqSalesFact {
  @PrimaryColumn({ length: 36 })
  siteId!: string;

  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;

  @Column({ type: 'varchar', length: 32 })
  type!: SalesFactType;

  @InstantColumn()
  occurredAt!: Date;

  /** The site's business day, YYYY-MM-DD in its time zone. */
  @Column({ type: 'varchar', length: 10 })
  businessDay!: string;

  @Column({ length: 3 })
  currency!: string;

  /** `own` or a delivery channel's code; null for a fact of no order (a day closed). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  channel!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  @Column(() => SalesSumColumns, { prefix: false })
  sums!: SalesSumColumns;

  /** The whole fact as the site described it (a receipt, a day's Z report), JSON: for reports to come. */
  @Column({ type: 'text' })
  detail!: string;

  @InstantColumn()
  receivedAt!: Date;
}
