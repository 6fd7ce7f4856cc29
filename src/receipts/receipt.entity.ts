import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '../common/money';
import { InstantColumn } from '../database/columns';

export type ReceiptKind = 'sale' | 'refund';

/**
 * One receipt of the fiscal journal: append-only (database triggers refuse UPDATE and DELETE), numbered without a
 * gap across sales and refunds, each chained to the one before by its hash. The columns below and `content` (the
 * rest of the receipt, as canonical JSON) are exactly what the hash covers.
 */
@Entity('receipts')
@Index('receipts_order_id', ['orderId'])
@Index('receipts_issued_at', ['issuedAt'])
export class Receipt {
  @PrimaryColumn({ length: 36 })
  id!: string;

  /** 1, 2, 3…: one counter for sales and refunds alike. */
  @Index('receipts_number', { unique: true })
  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 8 })
  kind!: ReceiptKind;

  @ForeignKey('Order', { name: 'receipts_order_fk', onDelete: 'RESTRICT' })
  @Column({ length: 36 })
  orderId!: string;

  /** A refund receipt: the sale receipt it gives money back from. */
  @ForeignKey(() => Receipt, { name: 'receipts_refund_of_fk', onDelete: 'RESTRICT' })
  @Column({ type: 'varchar', length: 36, nullable: true })
  refundOf!: string | null;

  /**
   * What it was issued for, `order:<id>` (a close) or `refund:<id>`: unique, so a close or a refund that two
   * requests race for issues one receipt whatever the timing.
   */
  @Index('receipts_issued_for', { unique: true })
  @Column({ type: 'varchar', length: 48 })
  issuedFor!: string;

  @InstantColumn()
  issuedAt!: Date;

  /** Minor units; negative on a refund receipt. */
  @MoneyColumn()
  total!: number;

  /** Lines, taxes, payments, tips, change and the rest, as canonical JSON. */
  @Column({ type: 'text' })
  content!: string;

  /** The hash of the receipt numbered one less; 64 zeros for the first. */
  @Column({ type: 'varchar', length: 64 })
  previousHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  /** The signer's signature of `hash`; null with FISCAL_SIGNER=none. */
  @Column({ type: 'text', nullable: true })
  signature!: string | null;

  /** The digital copy's address, `/r/<token>`: 256 random bits, never the id. */
  @Index('receipts_token', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  token!: string;
}
