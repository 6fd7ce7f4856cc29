/**
 * The check every spec's replies go through (test/support/contract.ts, hooked into supertest by
 * test/support/contract-hook.ts) can fail: replies that break the served OpenAPI document are named with their
 * operation, status and the schema's complaint, and a supertest call that receives one rejects.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Contract, Exchange } from './support/contract';

const contract = Contract.fromSetup();
const ORDER_ID = '5f0c2d11-3f1f-4f57-9a55-0b7e6c1e3f4a';

const payment = {
  id: '0b7e6c1e-3f1f-4f57-9a55-5f0c2d113f4a',
  orderId: ORDER_ID,
  methodId: '9a550b7e-6c1e-4f57-9a55-5f0c2d113f4a',
  amount: 1000,
  tendered: 1000,
  change: 0,
  tip: 150,
  refunded: 0,
  tipRefunded: 0,
  status: 'completed',
  card: null,
  createdAt: '2026-11-22T18:03:11.123Z',
};

const paid = (overrides: Partial<Exchange> = {}): Exchange => ({
  method: 'POST',
  url: `http://127.0.0.1/api/v1/orders/${ORDER_ID}/payments`,
  requestBody: { methodId: payment.methodId, amount: 1000, tip: 150 },
  status: 201,
  headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'r-1' },
  body: payment,
  hasBody: true,
  ...overrides,
});

describe('The OpenAPI check of every reply', () => {
  it('passes a reply as the document describes it, a null card included', () => {
    expect(contract.violations(paid())).toEqual([]);
  });

  it('names the operation, the status and the missing field of a reply without a required property', () => {
    const withoutTipRefunded: Partial<typeof payment> = { ...payment };
    delete withoutTipRefunded.tipRefunded;
    expect(contract.violations(paid({ body: withoutTipRefunded }))).toEqual([
      expect.stringMatching(
        /^POST \/api\/v1\/orders\/\{id\}\/payments \(PaymentsController_pay\) answered 201: body at \/ must have required property 'tipRefunded'/,
      ),
    ]);
  });

  it('refuses an undeclared status, an undeclared media type, a missing declared header and a bad request', () => {
    expect(contract.violations(paid({ status: 418 }))).toEqual([
      expect.stringContaining('status 418 is not declared'),
    ]);
    expect(
      contract.violations(paid({ headers: { 'content-type': 'text/plain', 'x-request-id': 'r-1' } })),
    ).toEqual([expect.stringContaining('media type text/plain is not declared (application/json)')]);
    expect(contract.violations(paid({ headers: { 'content-type': 'application/json' } }))).toEqual([
      expect.stringContaining('the declared header X-Request-Id is missing'),
    ]);
    expect(contract.violations(paid({ requestBody: { methodId: payment.methodId } }))).toEqual([
      expect.stringContaining("request body at / must have required property 'amount'"),
    ]);
  });

  it('holds the path and query parameters of a request the server took to their schemas', () => {
    const listed = (query: string, overrides: Partial<Exchange> = {}): Exchange => ({
      method: 'GET',
      url: `http://127.0.0.1/api/v1/orders?${query}`,
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'r-1' },
      body: { items: [], page: 1, perPage: 20, total: 0, pages: 0 },
      hasBody: true,
      ...overrides,
    });
    expect(contract.violations(listed(`perPage=100&status=open&tableId=${ORDER_ID}`))).toEqual([]);
    expect(contract.violations(listed('perPage=101&status=opened&tableId=7&page=1.5'))).toEqual([
      expect.stringContaining('query parameter page at / must be integer'),
      expect.stringContaining('query parameter perPage at / must be <= 100'),
      expect.stringContaining('query parameter status at / must be equal to one of the allowed values'),
      expect.stringContaining('query parameter tableId at / must match format "uuid"'),
    ]);
    expect(contract.violations(listed('perPage=20&perPage=30'))).toEqual([
      expect.stringContaining('query parameter perPage is sent 2 times'),
    ]);
    // Refused, or sent invalid on purpose: the reply alone is held to the document.
    expect(contract.violations(listed('perPage=101', { sentInvalid: true }))).toEqual([]);
    const zReport: Exchange = {
      ...listed('', { body: undefined, hasBody: false }),
      url: 'http://127.0.0.1/api/v1/business-days/2026-11-31/z-report',
    };
    expect(contract.violations(zReport)).toContainEqual(
      expect.stringContaining('path parameter day at / must match format "date"'),
    );
  });

  it('holds an event to its own type’s data, and a webhook delivery to its headers too', () => {
    const event = {
      seq: 7,
      type: 'order.paid',
      occurredAt: '2026-11-22T18:03:11.123Z',
      data: { id: ORDER_ID },
    };
    expect(contract.eventViolations('order.paid', event)).toContainEqual(
      expect.stringMatching(/^socket.io order.paid: event at \/data must have required property 'payment'/),
    );
    expect(contract.eventViolations('order.created', event)).toContainEqual(
      'socket.io order.created: the event order.created carries the type order.paid',
    );
    const menuUpdated = { ...event, type: 'menu.updated', data: { reason: 'schedule', edge: 'opened' } };
    expect(contract.eventViolations('menu.updated', menuUpdated)).toEqual([]);
    expect(contract.webhookViolations({ 'x-webhook-event': 'menu.updated' }, menuUpdated)).toEqual([
      'webhook menu.updated: the declared header X-Webhook-Id is missing',
      'webhook menu.updated: the declared header X-Webhook-Signature is missing',
      'webhook menu.updated: the declared header webhook-id is missing',
      'webhook menu.updated: the declared header webhook-timestamp is missing',
      'webhook menu.updated: the declared header webhook-signature is missing',
    ]);
  });

  it('fails the supertest call that receives a reply breaking the document', async () => {
    const server = http.createServer((_incoming, outgoing) => {
      outgoing.setHeader('X-Request-Id', 'r-2');
      outgoing.setHeader('Content-Type', 'application/json');
      outgoing.end(JSON.stringify({ id: ORDER_ID }));
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as AddressInfo;
    try {
      await expect(request(`http://127.0.0.1:${port}`).get(`/api/v1/orders/${ORDER_ID}`)).rejects.toThrow(
        /GET \/api\/v1\/orders\/\{id\} \(OrdersController_get\) answered 200: body at \/ must have required property/,
      );
    } finally {
      server.close();
    }
  });
});
