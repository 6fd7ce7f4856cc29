import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '../common/money';
import { InstantColumn } from '../database/columns';

export enum TaxLedgerKind {
  /** The order's breakdown when it closed. */
  Sale = 'sale',
  /** A refund after the close, negative, spread over the sale's rows. */
  Refund = 'refund',
}

/**
 * The tax ledger: one row per rate of a closed order's breakdown, and negative rows for refunds after the close,
 * on the order's business day (where the sales report counts its money). Written in the closing or refunding
 * transaction and never changed, so /reports/taxes sums what was filed whatever rates become later.
 */
@Entity('tax_ledger')
@Index('tax_ledger_business_day', ['businessDay'])
@Index('tax_ledger_order_id', ['orderId'])
export class TaxLedgerEntry {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 36 })
  orderId!: string;

  /** YYYY-MM-DD, the order's business day. */
  @Column({ type: 'varchar', length: 10 })
  businessDay!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: TaxLedgerKind;

  /** null: the exempt row (money no rate taxed). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  taxRateId!: string | null;

  @Column({ length: 100 })
  name!: string;

  /** The percent × 10,000, as the order's items copied it. */
  @Column({ type: 'integer' })
  partsPerMillion!: number;

  @MoneyColumn()
  net!: number;

  @MoneyColumn()
  tax!: number;

  @MoneyColumn()
  gross!: number;

  @InstantColumn()
  createdAt!: Date;
}
