import type { CardDetails } from '../../payments/payment.entities';
import type { Terminal, TerminalPayment, TerminalProvider } from '../terminal.entities';

/** The card as a provider reports it; the provider and its reference are added by the service. */
export type ReportedCard = Omit<CardDetails, 'provider' | 'providerRef'>;

/** What a provider says of an attempt, whichever way it said it (an answer, a poll, a webhook). */
export type ProviderReport =
  | { status: 'in_progress'; providerRef?: string }
  | {
      status: 'succeeded';
      /** What the card was charged in all (minor units), the tip included, as the provider reports it. */
      charged: number;
      /** The currency it was charged in (ISO 4217, any case). */
      currency: string;
      /** The tip within `charged` where the provider names it apart; otherwise `charged` less the amount. */
      tip?: number;
      card: ReportedCard;
      providerRef?: string;
    }
  | { status: 'failed'; failure: string }
  | { status: 'cancelled'; failure: string }
  /** No answer in time: the attempt turns unknown and is asked about later, never charged again. */
  | { status: 'unknown' };

/** A verified webhook: the provider's event id (for deduplication) and what it says of which charge. */
export interface WebhookReport {
  eventId: string;
  /** The provider's reference of the charge (an attempt's providerRef); null: the event is about none of ours. */
  providerRef: string | null;
  /** What it says; null: it only says that something happened, and the provider is asked (status()). */
  report: ProviderReport | null;
}

/** What the adapter may read of an attempt and its terminal. */
export interface AttemptOnTerminal {
  attempt: TerminalPayment;
  terminal: Terminal;
}

/**
 * One card terminal provider (Odoo's PaymentInterface has the same shape): send the amount, cancel, ask for the
 * status, refund, and read a webhook. Every call is idempotent by the attempt's id: sending twice, or asking after
 * a restart, never charges twice.
 */
export abstract class TerminalAdapter {
  abstract readonly provider: TerminalProvider;

  /** Puts the amount (and tip) on the terminal; answers its reference there, or what it already knows. */
  abstract send(on: AttemptOnTerminal): Promise<ProviderReport>;

  /** Asks the terminal to stop; it may still approve (the next report says). */
  abstract cancel(on: AttemptOnTerminal): Promise<void>;

  /** What the provider knows of the attempt now. */
  abstract status(on: AttemptOnTerminal): Promise<ProviderReport>;

  /** Gives `amount` of a charge back to the card, once per idempotency key. */
  abstract refund(card: CardDetails, amount: number, idempotencyKey: string): Promise<void>;

  /** Checks the signature (throws 401 when it is wrong) and reads the event. */
  abstract webhook(rawBody: Buffer, headers: Record<string, string | undefined>): WebhookReport;
}
