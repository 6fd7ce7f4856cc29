import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-code';
import { AppConfig } from '../../config/app-config';
import { RestaurantProfile } from '../../restaurant/restaurant-profile';
import type { CardDetails } from '../../payments/payment.entities';
import { TerminalPayment, TerminalProvider } from '../terminal.entities';
import { AttemptOnTerminal, ProviderReport, TerminalAdapter, WebhookReport } from './terminal-adapter';

/** How long one call to Stripe may take before the attempt counts as unknown (and is asked about later). */
const STRIPE_TIMEOUT_MS = 10_000;

/**
 * Stripe Terminal's server-driven integration: a PaymentIntent of `card_present` for the amount (and the keyed
 * tip), handed to the reader with process_payment_intent (on-reader tipping when the terminal asks for a tip);
 * cancel_action then cancelling the PaymentIntent; the outcome from the PaymentIntent and its latest charge, and
 * from the webhooks terminal.reader.action_succeeded and action_failed (Stripe-Signature checked). Every write
 * carries an idempotency key of the attempt: sent again after a restart, it charges once.
 */
@Injectable()
export class StripeAdapter extends TerminalAdapter {
  readonly provider = TerminalProvider.Stripe;
  private readonly stripe: Stripe | null;
  private readonly webhookSecret: string;

  constructor(
    config: AppConfig,
    private readonly restaurant: RestaurantProfile,
  ) {
    super();
    const settings = config.terminals.stripe;
    this.webhookSecret = settings?.webhookSecret ?? '';
    if (!settings) {
      this.stripe = null;
      return;
    }
    const base = new URL(settings.apiBase);
    const StripeClient = loadStripe();
    this.stripe = new StripeClient(settings.apiKey, {
      host: base.hostname,
      port: base.port || (base.protocol === 'https:' ? 443 : 80),
      protocol: base.protocol === 'https:' ? 'https' : 'http',
      maxNetworkRetries: 0,
      timeout: STRIPE_TIMEOUT_MS,
      telemetry: false,
    });
  }

  get configured(): boolean {
    return this.stripe !== null;
  }

  private get api(): Stripe {
    if (!this.stripe) throw new DomainError(ErrorCode.Conflict, 'Stripe is not configured');
    return this.stripe;
  }

  async send(on: AttemptOnTerminal): Promise<ProviderReport> {
    const { attempt, terminal } = on;
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.intentOf(on);
      await this.api.terminal.readers.processPaymentIntent(
        terminal.providerDeviceId,
        {
          payment_intent: intent.id,
          process_config: terminal.tipOnTerminal
            ? { tipping: { amount_eligible: attempt.amount } }
            : { skip_tipping: true },
        },
        { idempotencyKey: `process-${attempt.id}` },
      );
    } catch (error) {
      return this.refusal(error);
    }
    return { status: 'in_progress', providerRef: intent.id };
  }

  /**
   * The attempt's PaymentIntent, made once: the creation carries the attempt's key, so Stripe answers a repeat
   * with the PaymentIntent it made (its saved response). A PaymentIntent alone charges no one.
   */
  private intentOf({ attempt, terminal }: AttemptOnTerminal): Promise<Stripe.PaymentIntent> {
    return this.api.paymentIntents.create(
      {
        amount: attempt.amount + (terminal.tipOnTerminal ? 0 : attempt.tip),
        currency: this.restaurant.currency.toLowerCase(),
        allowed_payment_method_types: ['card_present'],
        capture_method: 'automatic',
        metadata: { attempt_id: attempt.id, order_id: attempt.orderId },
      },
      { idempotencyKey: `pi-${attempt.id}` },
    );
  }

  /**
   * An attempt not known to have reached Stripe (no answer to sending, or a process stopped while sending): asked,
   * never handed to the reader again. Its PaymentIntent is found (or made, uncharged); on the reader or ended, it
   * is followed; otherwise it never reached the reader and is cancelled, so that it can never be charged.
   */
  private async unsent(on: AttemptOnTerminal): Promise<ProviderReport> {
    const intent = await this.intentOf(on);
    const found = {
      ...on,
      attempt: Object.assign(new TerminalPayment(), on.attempt, { providerRef: intent.id }),
    };
    const reader = await this.api.terminal.readers.retrieve(on.terminal.providerDeviceId);
    const action = 'action' in reader ? reader.action : null;
    const onReader = action?.process_payment_intent?.payment_intent === intent.id;
    if (!onReader && intent.status === 'requires_payment_method' && !intent.last_payment_error) {
      try {
        await this.api.paymentIntents.cancel(intent.id);
        return { status: 'cancelled', failure: 'not_on_reader' };
      } catch (error) {
        // Refused: it moved meanwhile (approved on a reader after all); what it says now is asked below.
        if (!(error instanceof this.api.errors.StripeInvalidRequestError)) throw error;
      }
    }
    const report = await this.status(found);
    return report.status === 'in_progress' ? { ...report, providerRef: intent.id } : report;
  }

  async cancel({ attempt, terminal }: AttemptOnTerminal): Promise<void> {
    await this.api.terminal.readers.cancelAction(terminal.providerDeviceId);
    // Once the reader has stopped, the PaymentIntent is cancelled too: it can no longer succeed later. When it
    // already has (the cancel raced the approval), Stripe refuses, and the next status() says succeeded.
    if (attempt.providerRef) {
      await this.api.paymentIntents.cancel(attempt.providerRef).catch(() => undefined);
    }
  }

  async status(on: AttemptOnTerminal): Promise<ProviderReport> {
    const { attempt, terminal } = on;
    if (!attempt.providerRef) return this.unsent(on);
    const intent = await this.api.paymentIntents.retrieve(attempt.providerRef, { expand: ['latest_charge'] });
    switch (intent.status) {
      case 'succeeded':
        return succeeded(intent);
      case 'canceled':
        return { status: 'cancelled', failure: intent.cancellation_reason ?? 'canceled' };
      case 'requires_payment_method': {
        if (intent.last_payment_error) {
          const error = intent.last_payment_error;
          return { status: 'failed', failure: error.decline_code ?? error.code ?? 'card_declined' };
        }
        const reader = await this.api.terminal.readers.retrieve(terminal.providerDeviceId);
        const action = 'action' in reader ? reader.action : null;
        if (action?.process_payment_intent?.payment_intent === intent.id && action.status === 'failed') {
          return { status: 'failed', failure: action.failure_code ?? 'failed' };
        }
        if (attempt.cancelRequestedAt !== null && action?.status !== 'in_progress') {
          // The reader stopped, but the PaymentIntent could still be charged: only once Stripe says it is
          // cancelled does the attempt end (and release its order). No answer: unknown, asked again later.
          const cancelled = await this.api.paymentIntents.cancel(intent.id);
          if (cancelled.status === 'canceled') {
            return { status: 'cancelled', failure: cancelled.cancellation_reason ?? 'canceled' };
          }
        }
        return { status: 'in_progress' };
      }
      default:
        return { status: 'in_progress' };
    }
  }

  async refund(card: CardDetails, amount: number, idempotencyKey: string): Promise<void> {
    await this.api.refunds.create({ payment_intent: card.providerRef, amount }, { idempotencyKey });
  }

  /** Stripe refused the request (a 4xx: the reader is offline or busy): the attempt fails with its reason. */
  private refusal(error: unknown): ProviderReport {
    if (
      error instanceof this.api.errors.StripeError &&
      error.statusCode !== undefined &&
      error.statusCode < 500
    ) {
      return { status: 'failed', failure: error.code ?? error.type };
    }
    throw error;
  }

  webhook(rawBody: Buffer, headers: Record<string, string | undefined>): WebhookReport {
    let event: Stripe.Event;
    try {
      event = this.api.webhooks.constructEvent(
        rawBody,
        headers['stripe-signature'] ?? '',
        this.webhookSecret,
      );
    } catch {
      throw new DomainError(ErrorCode.Unauthorized, 'The Stripe-Signature does not match this webhook');
    }
    if (event.type !== 'terminal.reader.action_succeeded' && event.type !== 'terminal.reader.action_failed') {
      return { eventId: event.id, providerRef: null, report: null };
    }
    const action = event.data.object.action;
    const intent = action?.process_payment_intent?.payment_intent;
    const providerRef = typeof intent === 'string' ? intent : (intent?.id ?? null);
    if (event.type === 'terminal.reader.action_failed') {
      return {
        eventId: event.id,
        providerRef,
        report: { status: 'failed', failure: action?.failure_code ?? 'failed' },
      };
    }
    // The reader's event carries no card: the PaymentIntent and its charge are asked for.
    return { eventId: event.id, providerRef, report: null };
  }
}

/**
 * The Stripe SDK, loaded only where Stripe is configured: 1.1 MB of source that every other restaurant's heap would
 * keep from start (and every full garbage collection mark). The adapter is built at start, synchronously.
 */
function loadStripe(): typeof Stripe {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on use, see above
  return require('stripe') as typeof Stripe;
}

function succeeded(intent: Stripe.PaymentIntent): ProviderReport {
  const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  const present = charge?.payment_method_details?.card_present;
  const receipt = present?.receipt;
  return {
    status: 'succeeded',
    charged: intent.amount_received,
    currency: intent.currency,
    tip: intent.amount_details?.tip?.amount ?? undefined,
    providerRef: intent.id,
    card: {
      brand: present?.brand ?? 'unknown',
      last4: present?.last4 ?? '????',
      entryMode: present?.read_method ?? 'unknown',
      authCode: receipt?.authorization_code ?? null,
      emv: {
        aid: receipt?.dedicated_file_name ?? null,
        applicationLabel: receipt?.application_preferred_name ?? null,
        cryptogram: receipt?.application_cryptogram ?? null,
      },
    },
  };
}
