import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '../common/money';
import type { EntityTarget } from '../database/entity-target';
import { InstantColumn } from '../database/columns';
import type { CardDetails } from '../payments/payment.entities';

/** The providers a terminal can belong to (docs/terminals.md). */
export enum TerminalProvider {
  Simulator = 'simulator',
  Stripe = 'stripe',
  SumUp = 'sumup',
  Adyen = 'adyen',
}

/** Where a terminal payment attempt stands (docs/terminals.md has what each provider maps to them). */
export enum TerminalPaymentStatus {
  Pending = 'pending',
  InProgress = 'in_progress',
  Succeeded = 'succeeded',
  Failed = 'failed',
  Cancelled = 'cancelled',
  /** The provider did not answer in time: resolved by asking it, never by charging again. */
  Unknown = 'unknown',
  /**
   * The provider approved another amount or currency than the attempt asked for (a partial approval): nothing is
   * booked, `failure` says what was charged, a manager settles it at the provider (docs/terminals.md).
   */
  NeedsReview = 'needs_review',
}

/** Attempts the terminal may still take money for: they hold their order and their terminal. */
export const RUNNING_STATUSES: readonly TerminalPaymentStatus[] = [
  TerminalPaymentStatus.Pending,
  TerminalPaymentStatus.InProgress,
  TerminalPaymentStatus.Unknown,
];

@Entity('terminals')
export class Terminal {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  provider!: TerminalProvider;

  /** The device's id at its provider (a Stripe reader's tmr_…, a SumUp reader's id); any text for the simulator. */
  @Column({ length: 100 })
  providerDeviceId!: string;

  /** The terminal asks the guest for a tip; the tip it reports is the payment's. */
  @Column({ default: false })
  tipOnTerminal!: boolean;

  @Column({ default: true })
  active!: boolean;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/** One amount sent to one terminal for one order, and what became of it. */
@Entity('terminal_payments')
@Index('terminal_payments_order_id', ['orderId'])
@Index('terminal_payments_terminal_id_status', ['terminalId', 'status'])
@Index('terminal_payments_status', ['status'])
@Index('terminal_payments_payment_id_unique', ['paymentId'], { unique: true })
export class TerminalPayment {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 36 })
  orderId!: string;

  @Column({ length: 36 })
  terminalId!: string;

  /** The terminal's provider when the attempt started. */
  @Column({ type: 'varchar', length: 16 })
  provider!: TerminalProvider;

  /** Minor units towards the bill. */
  @MoneyColumn({ default: 0 })
  amount!: number;

  /** Minor units of tip: asked for by the waiter, then as the terminal reports it. */
  @MoneyColumn({ default: 0 })
  tip!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: TerminalPaymentStatus;

  /** Why it failed, was cancelled or needs review, as the provider said it (card_declined, …). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  failure!: string | null;

  /** The payment it becomes when it succeeds, chosen at the start: a second report meets the same id. */
  @Column({ length: 36 })
  paymentId!: string;

  @Column({ type: 'simple-json', nullable: true })
  card!: CardDetails | null;

  /** The provider's reference of the charge (a PaymentIntent's pi_…). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  providerRef!: string | null;

  @InstantColumn({ nullable: true })
  cancelRequestedAt!: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/** A provider's webhook event already handled, by its own id: a second delivery changes nothing. */
@Entity('terminal_webhook_events')
export class TerminalWebhookEvent {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  provider!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  eventId!: string;

  @InstantColumn()
  receivedAt!: Date;
}

export const TERMINAL_ENTITIES: EntityTarget[] = [Terminal, TerminalPayment, TerminalWebhookEvent];
