import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SalesSumColumns } from './sales-sum-columns';
import { InstantColumn } from '../database/columns';
import { bigintAsNumber } from '../event-log/event-record.entity';
import type { SalesFactType } from './dto/sales-facts.inputs';

/**
 * One fact of a site's sales, as the site sent it: kept once per (site, stream, seq of the site's event log),
 * whatever the number of times it arrives. A stream is one database's log: a site whose database is replaced and
 * linked again starts a new one, its seqs from 1. Its figures are the site's own report's (a sale counts on its order's business day,
 * a refund after the close on its own), in the site's currency; headquarters only sums them (HqSalesDay).
 */
@Entity('hq_sales_facts')
export class HqSalesFact {
  @PrimaryColumn({ length: 36 })
  siteId!: string;

  /** The site database's stream (SalesFactsInput.stream); empty for the facts of a site that sent none. */
  @PrimaryColumn({ type: 'varchar', length: 36, default: '' })
  stream!: string;

  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;

  /** SHA-256 of the fact as it came (hex): a fact sent again must be this one. Null for facts kept before it. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  digest!: string | null;

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
