import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EntityTarget } from '../database/entity-target';
import { bigintAsNumber } from '../event-log/event-record.entity';
import { InstantColumn } from '../database/columns';
import type { ProcessType } from './fiscal-unit';
import type { OrderedLine } from './process-data';
import { CashRegister, RksvOrderTill, RksvReceipt } from './rksv.entities';

/** `pending`: recorded, not signed yet; `signed`; `unit_failed`: the unit was down or refused it (see `error`). */
export type FiscalState = 'pending' | 'signed' | 'unit_failed';

/**
 * One transaction of a till, recorded in the writer's transaction from its fact (FiscalRecorder), and signed by
 * the unit afterwards in `seq` order. The unit's answer is kept as the unit gave it: the DSFinV-K export's
 * TSE_Transaktionen and the receipt's QR code are read from here.
 */
@Entity('fiscal_transactions')
@Index('fiscal_transactions_state_seq', ['state', 'seq'])
@Index('fiscal_transactions_seq', ['seq'])
@Index('fiscal_transactions_occurred_at', ['occurredAt'])
export class FiscalTransaction {
  /** Our id of the transaction, given to the unit (idempotent by it). */
  @PrimaryColumn({ length: 36 })
  id!: string;

  /**
   * What it records, once: `order:<order id>:<seq>` (lines sent to the kitchen), `receipt:<receipt id>`,
   * `abort:<order id>` (a Vorgang ended without a receipt), `gift-card:<activity id>` (a gift card's value sold),
   * `drawer-open:<shift id>`, `drawer-movement:<movement id>` (cash paid in or out),
   * `drawer-difference:<shift id>`.
   */
  @Index('fiscal_transactions_subject', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  subject!: string;

  /**
   * The order it was recorded in, given by the fiscal module as it records (a PostgreSQL sequence; the next after
   * the largest on SQLite): the order of signing. One order's transactions are recorded under its row's lock, so
   * they are numbered in their order; one committed after a later number is signed in the next round.
   */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;

  @Column({ type: 'varchar', length: 20 })
  processType!: ProcessType;

  @Column({ type: 'text' })
  processData!: string;

  /** The till: a client of the unit (till-ids.ts; older rows may hold a device's id as it came). */
  @Column({ type: 'varchar', length: 100 })
  clientId!: string;

  /** The order of the Vorgang; null for what belongs to none (a gift card sold, the cash drawer). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  /** The receipt it signs; null for an order sent to the kitchen. */
  @Index('fiscal_transactions_receipt_id')
  @Column({ type: 'varchar', length: 36, nullable: true })
  receiptId!: string | null;

  /** When it was recorded: when the sale happened. */
  @InstantColumn()
  occurredAt!: Date;

  /**
   * A receipt's: when its sale began (the order opened), the Vorgang's start that the receipt prints and the
   * export's BON_START say; null for the rest.
   */
  @InstantColumn({ nullable: true })
  saleStartedAt!: Date | null;

  @Column({ type: 'varchar', length: 12 })
  state!: FiscalState;

  /**
   * Why the unit failed it, as the unit said: kept once it is signed later (DSFinV-K's TSE_TA_FEHLER), with the
   * time it first failed.
   */
  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  @InstantColumn({ nullable: true })
  failedAt!: Date | null;

  /** The unit refused this one transaction (not merely unreachable): it is not tried again. */
  @Column({ type: 'boolean', default: false })
  refused!: boolean;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unitSerial!: string | null;

  @Column({ type: 'integer', nullable: true })
  transactionNumber!: number | null;

  @InstantColumn({ nullable: true })
  startedAt!: Date | null;

  @InstantColumn({ nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  signatureCounter!: number | null;

  /** Base64. */
  @Column({ type: 'text', nullable: true })
  signature!: string | null;

  /** Base64 of the unit's log message. */
  @Column({ type: 'text', nullable: true })
  logMessage!: string | null;
}

/** A signing unit this service has used: who it is, and whether it answered last time. */
@Entity('fiscal_units')
export class FiscalUnitRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  serial!: string;

  /** What FISCAL_SIGNER named. */
  @Column({ type: 'varchar', length: 20 })
  kind!: string;

  /** Base64 of the uncompressed public key point. */
  @Column({ type: 'text' })
  publicKey!: string;

  @Column({ type: 'varchar', length: 40 })
  algorithm!: string;

  @Column({ type: 'varchar', length: 20 })
  timeFormat!: string;

  /** Base64 of the unit's certificate (DER); null when the unit did not give one. */
  @Column({ type: 'text', nullable: true })
  certificate!: string | null;

  /** Whether the last call reached it. */
  @Column({ type: 'boolean', default: true })
  reachable!: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @InstantColumn()
  firstUsedAt!: Date;

  @InstantColumn()
  checkedAt!: Date;
}

/**
 * Each order's till, and what of each of its lines has been recorded as sent to the kitchen, by item id: the
 * quantity, with the name and unit price it was recorded with (to void a line that has left the order).
 */
@Entity('fiscal_order_ledgers')
export class FiscalOrderLedger {
  @PrimaryColumn({ length: 36 })
  orderId!: string;

  @Column({ type: 'varchar', length: 100 })
  clientId!: string;

  @Column({ type: 'simple-json' })
  recorded!: Record<string, OrderedLine>;
}

/**
 * A device (X-Device-Id) that is a till of its own at the signing unit, for good: the first FISCAL_DEVICE_TILLS
 * devices that sold. Any later device sells at the shared till (docs/fiscal.md).
 */
@Entity('fiscal_tills')
export class FiscalTill {
  /** The device's X-Device-Id. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name!: string;

  /** Its till id at the unit (tillIdOf): letters and digits, at most 30. */
  @Column({ type: 'varchar', length: 30 })
  clientId!: string;

  @InstantColumn()
  createdAt!: Date;
}

export const FISCAL_ENTITIES: EntityTarget[] = [
  FiscalTransaction,
  FiscalUnitRecord,
  FiscalOrderLedger,
  FiscalTill,
  CashRegister,
  RksvReceipt,
  RksvOrderTill,
];
