import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '../common/money';
import { InstantColumn } from '../database/columns';

/** What a receipt of the register is: a sale, a Storno, a training sale, or one of the zero receipts. */
export type RksvReceiptKind =
  'sale' | 'storno' | 'training' | 'start' | 'month' | 'year' | 'closing' | 'collective';

/**
 * An Austrian cash register (Registrierkasse): one per till, named by its Kassen-ID (the till's id). It holds its
 * receipt series, the end of its signature chain, its turnover counter and the AES-256 key that encrypts it, and
 * whether its signature device is in service. Written only under its row's lock (LockKind.CashRegister).
 */
@Entity('cash_registers')
export class CashRegister {
  /** The Kassen-ID. */
  @PrimaryColumn({ type: 'varchar', length: 30 })
  id!: string;

  /** The AES-256 key (base64), sealed with ENCRYPTION_KEY under the Kassen-ID. */
  @Column({ type: 'varchar', length: 255 })
  aesKeySealed!: string;

  /** The turnover counter, in cents: every sale and Storno so far. */
  @MoneyColumn()
  turnover!: number;

  /** The last Belegnummer given (the series counts 1, 2, …). */
  @Column({ type: 'integer' })
  lastReceiptNumber!: number;

  /** The last receipt's JWS: the next receipt chains to it. */
  @Column({ type: 'text', nullable: true })
  lastJws!: string | null;

  /** Whether the signature device is in service for this register. */
  @Column({ type: 'boolean', default: true })
  deviceAvailable!: boolean;

  /** When the device went out of service: the outage to report within 48 hours; null while it signs. */
  @InstantColumn({ nullable: true })
  deviceFailedAt!: Date | null;

  @InstantColumn()
  createdAt!: Date;
}

/** One receipt of a register, in its series: the JWS as signed (or marked failed), and what it was. */
@Entity('rksv_receipts')
@Index('rksv_receipts_register_number', ['cashRegisterId', 'receiptNumber'], { unique: true })
@Index('rksv_receipts_register_date', ['cashRegisterId', 'businessDate'])
export class RksvReceipt {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 30 })
  cashRegisterId!: string;

  @Column({ type: 'integer' })
  receiptNumber!: number;

  /** The receipt of the sale or refund; null for a zero receipt. */
  @Index('rksv_receipts_receipt_id', { unique: true })
  @Column({ type: 'varchar', length: 36, nullable: true })
  receiptId!: string | null;

  @Column({ type: 'varchar', length: 12 })
  kind!: RksvReceiptKind;

  @Column({ type: 'text' })
  jws!: string;

  /** Signed with the failure marker: the device was out. */
  @Column({ type: 'boolean', default: false })
  deviceFailed!: boolean;

  /** The restaurant's date of the receipt (`yyyy-MM-dd`), as the payload's date: the DEP's period. */
  @Column({ type: 'varchar', length: 10 })
  businessDate!: string;

  @InstantColumn()
  signedAt!: Date;
}

/** The register an order is sold at: its till, noted as it is first sent to the kitchen. */
@Entity('rksv_order_tills')
export class RksvOrderTill {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  orderId!: string;

  @Column({ type: 'varchar', length: 30 })
  cashRegisterId!: string;
}
