import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Transaction {
  serviceId: string;
  poiId: string;
  header: Json;
  /** The SaleTransactionID: the attempt's id. */
  reference: string;
  requested: number;
  askTip: boolean;
  state: 'in_progress' | 'approved' | 'refused' | 'aborted';
  pspReference: string;
  tip: number;
  /** What was authorised, when not what was asked (major units). */
  authorized?: number;
  currency: string;
}

const psp = () => randomBytes(8).toString('hex').toUpperCase();

/**
 * A local stand-in for Adyen's Cloud device API (Terminal API messages to /merchants/{account}/devices/{poi}/async
 * and /sync: PaymentRequest, AbortRequest, TransactionStatusRequest) and the Checkout API's refunds, checking
 * X-API-Key. As Adyen documents it (docs.adyen.com/point-of-sale/basic-tapi-integration/verify-transaction-status,
 * and the Terminal API's MessageHeader): a request without a reply is followed by a TransactionStatusRequest that
 * names its ServiceID, never by sending the payment again; a ServiceID names one message pair on a terminal, so a
 * PaymentRequest reusing one in use starts no second payment here (it is kept in `duplicates`, for tests to see
 * that it was sent again); the status answers InProgress, NotFound, or the PaymentResponse. Outcomes happen when the test says (approve, decline), and are told as Adyen tells them: a standard
 * AUTHORISATION webhook whose item carries additionalData.hmacSignature, the base64 HMAC-SHA256 (hex key) of
 * pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success.
 */
export async function startFakeAdyen(options: { apiKey: string; hmacKey: string; merchantAccount: string }) {
  const transactions = new Map<string, Transaction>();
  const refunds: Array<{ paymentPspReference: string; amount: number; idempotencyKey: string | undefined }> =
    [];
  const requests: Array<{ path: string; category: string | undefined }> = [];
  const state = { webhookUrl: '' };
  let failNext = 0;
  let loseNextReply = false;
  let holdNextReply = false;
  const held: http.ServerResponse[] = [];
  /** Every PaymentRequest received, a ServiceID reused included. */
  const paymentRequests: Array<{ serviceId: string; reference: string }> = [];
  const duplicates: Array<{ serviceId: string; reference: string }> = [];
  /** What the next approval charges instead of what was asked (major units, as the Terminal API writes them). */
  let nextCharge: { amount?: number; currency?: string } = {};

  function paymentResponse(t: Transaction): Json {
    if (t.state !== 'approved') {
      const condition = t.state === 'aborted' ? 'Aborted' : 'Refusal';
      return {
        POIData: {
          POITransactionID: {
            TransactionID: `tender.${t.pspReference}`,
            TimeStamp: new Date().toISOString(),
          },
        },
        Response: {
          Result: 'Failure',
          ErrorCondition: condition,
          AdditionalResponse: t.state === 'refused' ? 'refusalReason=Not%20enough%20balance' : '',
        },
      };
    }
    return {
      POIData: {
        POITransactionID: { TransactionID: `tender.${t.pspReference}`, TimeStamp: new Date().toISOString() },
      },
      PaymentResult: {
        AmountsResp: {
          Currency: t.currency,
          AuthorizedAmount: t.authorized ?? t.requested + t.tip / 100,
          TipAmount: t.tip / 100,
        },
        PaymentInstrumentData: {
          PaymentInstrumentType: 'Card',
          CardData: { PaymentBrand: 'mc', MaskedPan: '541333 **** 9999', EntryMode: ['Contactless'] },
        },
        PaymentAcquirerData: { ApprovalCode: '123456', AcquirerPOIID: t.poiId },
      },
      Response: {
        Result: 'Success',
        AdditionalResponse: 'AID=A0000000041010&applicationPreferredName=mc%20debit&authCode=123456',
      },
    };
  }

  function terminalApi(poiId: string, mode: string, body: Json): { status: number; body: unknown } {
    const request = body.SaleToPOIRequest as Json;
    const header = request.MessageHeader as Json;
    requests.push({ path: mode, category: header?.MessageCategory });
    if (request.PaymentRequest) {
      const amounts = request.PaymentRequest.PaymentTransaction.AmountsReq as Json;
      const sent = {
        serviceId: header.ServiceID as string,
        reference: request.PaymentRequest.SaleData.SaleTransactionID.TransactionID as string,
      };
      paymentRequests.push(sent);
      if (transactions.has(header.ServiceID)) {
        duplicates.push(sent);
        return { status: 200, body: 'ok' };
      }
      transactions.set(header.ServiceID, {
        serviceId: header.ServiceID,
        poiId,
        header,
        reference: request.PaymentRequest.SaleData.SaleTransactionID.TransactionID,
        requested: Number(amounts.RequestedAmount),
        askTip: String(request.PaymentRequest.SaleData.SaleToAcquirerData ?? '').includes('AskGratuity'),
        state: 'in_progress',
        pspReference: psp(),
        tip: 0,
        currency: String(amounts.Currency),
      });
      return { status: 200, body: 'ok' };
    }
    if (request.AbortRequest) {
      const t = transactions.get(request.AbortRequest.MessageReference.ServiceID);
      if (t?.state === 'in_progress') t.state = 'aborted';
      return { status: 200, body: 'ok' };
    }
    if (request.TransactionStatusRequest) {
      const t = transactions.get(request.TransactionStatusRequest.MessageReference.ServiceID);
      const reply = (response: Json) => ({
        status: 200,
        body: {
          SaleToPOIResponse: {
            MessageHeader: { ...header, MessageType: 'Response' },
            TransactionStatusResponse: response,
          },
        },
      });
      if (!t) return reply({ Response: { Result: 'Failure', ErrorCondition: 'NotFound' } });
      if (t.state === 'in_progress')
        return reply({ Response: { Result: 'Failure', ErrorCondition: 'InProgress' } });
      return reply({
        Response: { Result: 'Success' },
        MessageReference: { MessageCategory: 'Payment', SaleID: header.SaleID, ServiceID: t.serviceId },
        RepeatedMessageResponse: {
          MessageHeader: { ...t.header, MessageType: 'Response' },
          RepeatedResponseMessageBody: { PaymentResponse: paymentResponse(t) },
        },
      });
    }
    return { status: 422, body: { errorCode: '000', message: 'Unsupported message' } };
  }

  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const send = (status: number, body: unknown) => {
        response.writeHead(status, {
          'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json',
        });
        response.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      if (request.headers['x-api-key'] !== options.apiKey)
        return send(401, { status: 401, errorCode: '000' });
      if (failNext > 0) {
        failNext -= 1;
        return send(500, { status: 500, errorCode: '905', message: 'Internal error' });
      }
      const path = new URL(request.url ?? '/', 'http://fake').pathname;
      const device = path.match(/^\/v1\/merchants\/([^/]+)\/devices\/([^/]+)\/(sync|async)$/);
      const refund = path.match(/^\/v71\/payments\/([^/]+)\/refunds$/);
      let reply: { status: number; body: unknown };
      if (device && decodeURIComponent(device[1]) === options.merchantAccount) {
        reply = terminalApi(decodeURIComponent(device[2]), device[3], JSON.parse(text) as Json);
      } else if (refund) {
        const body = JSON.parse(text) as Json;
        refunds.push({
          paymentPspReference: refund[1],
          amount: Number(body.amount.value),
          idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        });
        reply = {
          status: 201,
          body: { pspReference: psp(), paymentPspReference: refund[1], status: 'received', ...body },
        };
      } else {
        reply = { status: 404, body: { status: 404, errorCode: '000', message: 'Not found' } };
      }
      if (holdNextReply && device) {
        holdNextReply = false;
        held.push(response);
        return;
      }
      if (loseNextReply) {
        loseNextReply = false;
        return send(500, { status: 500, errorCode: '905', message: 'Lost on the way back' });
      }
      send(reply.status, reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  function notification(t: Transaction, success: boolean, reason = ''): Json {
    const item: Json = {
      amount: { currency: t.currency, value: Math.round((t.authorized ?? t.requested) * 100) + t.tip },
      eventCode: 'AUTHORISATION',
      eventDate: new Date().toISOString(),
      merchantAccountCode: options.merchantAccount,
      merchantReference: t.reference,
      pspReference: t.pspReference,
      reason,
      success: String(success),
      additionalData: {},
    };
    item.additionalData.hmacSignature = sign(item, options.hmacKey);
    return { live: 'false', notificationItems: [{ NotificationRequestItem: item }] };
  }

  const byReference = (attemptId: string) =>
    [...transactions.values()].find((t) => t.reference === attemptId)!;

  return {
    url: `http://127.0.0.1:${port}`,
    state,
    refunds,
    requests,
    transactions,
    paymentRequestsOf: (attemptId: string) =>
      [...transactions.values()].filter((t) => t.reference === attemptId),
    paymentRequests,
    duplicates,
    failNext: (count: number) => void (failNext = count),
    /** The next Terminal API request is handled, but its reply waits until releaseHeld() (a 500 then). */
    holdNextReply: () => void (holdNextReply = true),
    releaseHeld: () => {
      for (const response of held.splice(0)) {
        response.writeHead(500, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ status: 500, errorCode: '905', message: 'Timed out' }));
      }
    },
    /** The next approval authorises `amount` (major units) or another currency: a partial approval, say. */
    chargeNext: (charge: { amount?: number; currency?: string }) => void (nextCharge = charge),
    loseNextReply: () => void (loseNextReply = true),
    /** The shopper paid, with `tip` chosen on the terminal: the signed webhook, not yet delivered. */
    approve(attemptId: string, tip = 0) {
      const t = byReference(attemptId);
      t.state = 'approved';
      t.tip = tip;
      t.authorized = nextCharge.amount;
      t.currency = nextCharge.currency ?? t.currency;
      nextCharge = {};
      return notification(t, true);
    },
    decline(attemptId: string) {
      const t = byReference(attemptId);
      t.state = 'refused';
      return notification(t, false, 'Not enough balance');
    },
    async deliver(body: Json): Promise<{ status: number; body: unknown }> {
      const response = await fetch(state.webhookUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    close: () => {
      for (const response of held.splice(0)) response.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Adyen's HMAC signature of a standard webhook item. */
export function sign(item: Json, hexKey: string): string {
  const amount = (item.amount ?? {}) as Json;
  const payload = [
    item.pspReference,
    item.originalReference,
    item.merchantAccountCode,
    item.merchantReference,
    amount.value,
    amount.currency,
    item.eventCode,
    item.success,
  ]
    .map((field) => (field === undefined || field === null ? '' : String(field)))
    .join(':');
  return createHmac('sha256', Buffer.from(hexKey, 'hex')).update(payload).digest('base64');
}

export type FakeAdyen = Awaited<ReturnType<typeof startFakeAdyen>>;
