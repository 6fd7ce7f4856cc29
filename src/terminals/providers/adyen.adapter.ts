import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-code';
import { AppConfig, TerminalsConfig } from '../../config/app-config';
import { RestaurantProfile } from '../../restaurant/restaurant-profile';
import type { CardDetails } from '../../payments/payment.entities';
import { TerminalProvider } from '../terminal.entities';
import { AttemptOnTerminal, ProviderReport, TerminalAdapter, WebhookReport } from './terminal-adapter';

const ADYEN_TIMEOUT_MS = 10_000;
/** The POS system's id in the Terminal API's MessageHeader. */
const SALE_ID = 'restaurant-pos';

type Json = Record<string, unknown>;

/** The value at `path` in a parsed JSON reply, or undefined. */
function at(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** A string or number field as text; anything else (absent, an object) as undefined. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** The attempt's ServiceID: at most 10 characters, the same whenever it is computed (a status request names it). */
const serviceIdOf = (attemptId: string) => attemptId.replace(/-/g, '').slice(0, 10);

/**
 * Adyen's Terminal API over the Cloud device API (docs.adyen.com/api-explorer/cloud-device-api): a PaymentRequest
 * sent to /async (the terminal answers later), a TransactionStatusRequest to /sync to learn the outcome (Adyen's
 * rule: ask for the status, never resend), an AbortRequest to cancel; refunds through the Checkout API
 * (/payments/{pspReference}/refunds); standard webhooks (AUTHORISATION) checked by their HMAC signature.
 * The attempt's id is the SaleTransactionID, and the webhooks' merchantReference.
 */
@Injectable()
export class AdyenAdapter extends TerminalAdapter {
  readonly provider = TerminalProvider.Adyen;
  private readonly settings: NonNullable<TerminalsConfig['adyen']> | null;

  constructor(
    config: AppConfig,
    private readonly restaurant: RestaurantProfile,
  ) {
    super();
    this.settings = config.terminals.adyen;
  }

  get configured(): boolean {
    return this.settings !== null;
  }

  async send({ attempt, terminal }: AttemptOnTerminal): Promise<ProviderReport> {
    const request = this.message(terminal.providerDeviceId, 'Payment', serviceIdOf(attempt.id), {
      PaymentRequest: {
        SaleData: {
          SaleTransactionID: { TransactionID: attempt.id, TimeStamp: attempt.createdAt.toISOString() },
          ...(terminal.tipOnTerminal ? { SaleToAcquirerData: 'tenderOption=AskGratuity' } : {}),
        },
        PaymentTransaction: {
          AmountsReq: {
            Currency: this.restaurant.currency,
            RequestedAmount: (attempt.amount + (terminal.tipOnTerminal ? 0 : attempt.tip)) / 100,
          },
        },
      },
    });
    await this.device(terminal.providerDeviceId, 'async', request);
    return { status: 'in_progress', providerRef: attempt.id };
  }

  async cancel({ attempt, terminal }: AttemptOnTerminal): Promise<void> {
    const abort = this.message(terminal.providerDeviceId, 'Abort', `a${serviceIdOf(attempt.id).slice(1)}`, {
      AbortRequest: {
        AbortReason: 'MerchantAbort',
        MessageReference: { MessageCategory: 'Payment', SaleID: SALE_ID, ServiceID: serviceIdOf(attempt.id) },
      },
    });
    await this.device(terminal.providerDeviceId, 'async', abort);
  }

  async status({ attempt, terminal }: AttemptOnTerminal): Promise<ProviderReport> {
    const request = this.message(
      terminal.providerDeviceId,
      'TransactionStatus',
      `s${serviceIdOf(attempt.id).slice(1)}`,
      {
        TransactionStatusRequest: {
          ReceiptReprintFlag: false,
          MessageReference: {
            MessageCategory: 'Payment',
            SaleID: SALE_ID,
            ServiceID: serviceIdOf(attempt.id),
          },
        },
      },
    );
    const reply = await this.device(terminal.providerDeviceId, 'sync', request);
    const status = at(reply, 'SaleToPOIResponse', 'TransactionStatusResponse');
    if (!status) throw new Error('Adyen answered no TransactionStatusResponse');
    if (at(status, 'Response', 'Result') !== 'Success') {
      const condition = text(at(status, 'Response', 'ErrorCondition')) ?? 'Unknown';
      if (condition === 'InProgress') return { status: 'in_progress' };
      if (condition === 'NotFound') return { status: 'failed', failure: 'not_found_on_terminal' };
      throw new Error(`Adyen transaction status: ${condition}`);
    }
    const payment = at(status, 'RepeatedMessageResponse', 'RepeatedResponseMessageBody', 'PaymentResponse');
    return paymentOutcome(payment);
  }

  async refund(card: CardDetails, amount: number, idempotencyKey: string): Promise<void> {
    const pspReference = card.providerRef.split('.').pop()!;
    const response = await fetch(
      `${this.api.checkoutApi}/payments/${encodeURIComponent(pspReference)}/refunds`,
      {
        method: 'POST',
        headers: this.headers({ 'Idempotency-Key': idempotencyKey }),
        body: JSON.stringify({
          merchantAccount: this.api.merchantAccount,
          amount: { value: amount, currency: this.restaurant.currency },
          reference: idempotencyKey,
        }),
        signal: AbortSignal.timeout(ADYEN_TIMEOUT_MS),
      },
    );
    if (!response.ok)
      throw new Error(`Adyen refused the refund: ${response.status} ${await response.text()}`);
  }

  webhook(rawBody: Buffer): WebhookReport {
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new DomainError(ErrorCode.BadRequest, 'The Adyen webhook is not JSON');
    }
    const item = at(body, 'notificationItems', 0, 'NotificationRequestItem');
    if (!item || !this.signed(item)) {
      throw new DomainError(ErrorCode.Unauthorized, 'The Adyen webhook HMAC signature does not match');
    }
    const [pspReference, eventCode, success] = ['pspReference', 'eventCode', 'success'].map((key) =>
      text(at(item, key)),
    );
    const eventId = `${pspReference}:${eventCode}:${success}`;
    if (eventCode !== 'AUTHORISATION') return { eventId, providerRef: null, report: null };
    const providerRef = text(at(item, 'merchantReference')) ?? null;
    if (success === 'true') return { eventId, providerRef, report: null };
    return {
      eventId,
      providerRef,
      report: { status: 'failed', failure: text(at(item, 'reason')) || 'refused' },
    };
  }

  /** Adyen's HMAC of a standard webhook item: HMAC-SHA256 with the hex key over its fields joined by ':'. */
  private signed(item: unknown): boolean {
    const payload = [
      ['pspReference'],
      ['originalReference'],
      ['merchantAccountCode'],
      ['merchantReference'],
      ['amount', 'value'],
      ['amount', 'currency'],
      ['eventCode'],
      ['success'],
    ]
      .map((path) => text(at(item, ...path)) ?? '')
      .join(':');
    const expected = createHmac('sha256', Buffer.from(this.api.hmacKey, 'hex')).update(payload).digest();
    const given = Buffer.from(text(at(item, 'additionalData', 'hmacSignature')) ?? '', 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private get api(): NonNullable<TerminalsConfig['adyen']> {
    if (!this.settings) throw new DomainError(ErrorCode.Conflict, 'Adyen is not configured');
    return this.settings;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { 'Content-Type': 'application/json', 'X-API-Key': this.api.apiKey, ...extra };
  }

  private message(poiId: string, category: string, serviceId: string, body: Json): Json {
    return {
      SaleToPOIRequest: {
        MessageHeader: {
          ProtocolVersion: '3.0',
          MessageClass: 'Service',
          MessageCategory: category,
          MessageType: 'Request',
          SaleID: SALE_ID,
          ServiceID: serviceId,
          POIID: poiId,
        },
        ...body,
      },
    };
  }

  /** A Terminal API message through the Cloud device API; a 4xx or 5xx throws (the attempt turns unknown). */
  private async device(poiId: string, mode: 'sync' | 'async', message: Json): Promise<unknown> {
    const { deviceApi, merchantAccount } = this.api;
    const url = `${deviceApi}/merchants/${encodeURIComponent(merchantAccount)}/devices/${encodeURIComponent(poiId)}/${mode}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(ADYEN_TIMEOUT_MS),
    });
    const reply = await response.text();
    if (!response.ok) throw new Error(`Adyen answered ${response.status}: ${reply.slice(0, 200)}`);
    return mode === 'sync' ? (JSON.parse(reply) as unknown) : reply;
  }
}

/** A PaymentResponse as a report: approved with the amounts (checked by the service), card and receipt fields it carries, or refused. */
function paymentOutcome(payment: unknown): ProviderReport {
  if (!payment) return { status: 'in_progress' };
  const additional = new URLSearchParams(text(at(payment, 'Response', 'AdditionalResponse')) ?? '');
  if (at(payment, 'Response', 'Result') !== 'Success') {
    const condition = text(at(payment, 'Response', 'ErrorCondition')) ?? 'Refusal';
    if (condition === 'Cancel' || condition === 'Aborted') return { status: 'cancelled', failure: condition };
    return { status: 'failed', failure: additional.get('refusalReason') ?? condition };
  }
  const result = at(payment, 'PaymentResult');
  const card = at(result, 'PaymentInstrumentData', 'CardData');
  const minor = (value: unknown) => Math.round(Number(text(value) ?? 0) * 100);
  const tipAmount = at(result, 'AmountsResp', 'TipAmount');
  return {
    status: 'succeeded',
    charged: minor(at(result, 'AmountsResp', 'AuthorizedAmount')),
    currency: text(at(result, 'AmountsResp', 'Currency')) ?? '',
    tip: tipAmount === undefined ? undefined : minor(tipAmount),
    providerRef: text(at(payment, 'POIData', 'POITransactionID', 'TransactionID')),
    card: {
      brand: text(at(card, 'PaymentBrand')) ?? 'unknown',
      last4: (text(at(card, 'MaskedPan')) ?? '????').slice(-4),
      entryMode: text(at(card, 'EntryMode', 0)) ?? 'unknown',
      authCode: text(at(result, 'PaymentAcquirerData', 'ApprovalCode')) ?? null,
      emv: { aid: additional.get('AID'), applicationLabel: additional.get('applicationPreferredName') },
    },
  };
}
