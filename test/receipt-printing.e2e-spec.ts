/**
 * POST /receipts/:id/print: a receipt or a refund receipt on a receipt printer, the bytes its download renders at
 * the printer's width; reprinted like any job; refused (nothing written) for an unknown receipt or a printer that
 * cannot take it.
 */
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { FakePrinter } from './support/fake-printers';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/webhook-receiver';

interface Receipt {
  id: string;
  number: number;
  kind: 'sale' | 'refund';
  orderId: string;
  total: number;
  refundOf: string | null;
  payments: Array<{ paymentId: string }>;
}

interface PrintJob {
  id: string;
  printerId: string;
  kind: string;
  orderId: string | null;
  status: string;
  reprintOf: string | null;
}

const euros = (minor: number) => `${minor < 0 ? '-' : ''}€${(Math.abs(minor) / 100).toFixed(2)}`;

describe('Printing receipts', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let cashId: string;
  let counter: FakePrinter;
  let counterId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    const make = factories(t, admin);
    await make.newTaxRate({ name: 'VAT', percent: 19, isDefault: true });
    r = await make.newRestaurant();
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Array<{ id: string; kind: string }>;
    cashId = methods.find((method) => method.kind === 'cash')!.id;
    counter = await FakePrinter.start();
  });

  afterAll(async () => {
    await t.close();
    await counter.down();
  });

  async function addPrinter(body: Record<string, unknown>): Promise<string> {
    const response = await as(t, admin)
      .post('/api/v1/printers')
      .send({ kind: 'receipt', widthChars: 42, ...body });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  /** A takeaway order of fries, paid in cash and closed: its receipt. */
  async function closedOrderReceipt(fries: number): Promise<Receipt> {
    const order = (
      await as(t, waiter.session)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: r.fries.id, quantity: fries }] })
        .expect(201)
    ).body as { id: string; total: number };
    await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: cashId, amount: order.total })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    return receiptWhere((receipt) => receipt.orderId === order.id && receipt.kind === 'sale');
  }

  async function receiptWhere(match: (receipt: Receipt) => boolean): Promise<Receipt> {
    const page = await as(t, waiter.session).get('/api/v1/receipts').query({ perPage: 100 }).expect(200);
    return (page.body.items as Receipt[]).find(match)!;
  }

  const print = (receiptId: string, body: object = {}) =>
    as(t, waiter.session).post(`/api/v1/receipts/${receiptId}/print`).send(body);

  const jobCount = async () =>
    (await as(t, waiter.session).get('/api/v1/print-jobs').expect(200)).body.total as number;

  const printed = (id: string) =>
    eventually(`print job ${id} printed`, async () => {
      const list = await as(t, waiter.session)
        .get('/api/v1/print-jobs')
        .query({ status: 'printed', perPage: 100 })
        .expect(200);
      return (list.body.items as PrintJob[]).find((job) => job.id === id);
    });

  it('refuses a receipt with no receipt printer set up, and writes no job', async () => {
    const receipt = await closedOrderReceipt(1);
    const refused = await print(receipt.id);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0].field).toBe('printerId');
    expect(await jobCount()).toBe(0);
    counterId = await addPrinter({ name: 'Counter', widthChars: 32, connection: counter.connection() });
  });

  it('prints a receipt on the default receipt printer, at its width, with its number and total', async () => {
    const receipt = await closedOrderReceipt(2);
    const before = counter.received.length;
    const response = await print(receipt.id);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      printerId: counterId,
      kind: 'receipt',
      orderId: receipt.orderId,
      reprintOf: null,
    });
    await counter.waitFor(before + 1);
    const text = counter.tickets[before].join('\n');
    expect(text).toContain(`No. ${receipt.number}`);
    expect(text).toContain(euros(receipt.total));
    expect(text).not.toMatch(/not a receipt/i);
    expect(counter.widths[before]).toBeLessThanOrEqual(32);

    await printed(response.body.id);
    const reprint = await as(t, waiter.session)
      .post(`/api/v1/print-jobs/${response.body.id}/reprint`)
      .send({});
    expect(reprint.status).toBe(201);
    expect(reprint.body).toMatchObject({
      kind: 'receipt',
      reprintOf: response.body.id,
      printerId: counterId,
    });
    await counter.waitFor(before + 2);
    expect(counter.tickets[before + 1][0]).toBe('*** REPRINT ***');
    expect(counter.tickets[before + 1].slice(1)).toEqual(counter.tickets[before]);
  });

  it('prints a refund receipt, naming the original, on the printer asked for', async () => {
    const original = await closedOrderReceipt(2);
    await as(t, manager.session)
      .post(`/api/v1/payments/${original.payments[0].paymentId}/refund`)
      .send({ amount: 450, reason: 'cold fries' })
      .expect(201);
    const refund = await eventually('the refund receipt', () =>
      receiptWhere((receipt) => receipt.refundOf === original.id),
    );
    const wide = await FakePrinter.start();
    try {
      const wideId = await addPrinter({ name: 'Wide', widthChars: 48, connection: wide.connection() });
      const response = await print(refund.id, { printerId: wideId });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ printerId: wideId, kind: 'receipt', orderId: original.orderId });
      await wide.waitFor(1);
      const text = wide.tickets[0].join('\n');
      expect(text).toContain('REFUND RECEIPT');
      expect(text).toContain(`No. ${refund.number}`);
      expect(text).toContain(`Refund of receipt No. ${original.number}`);
      expect(text).toContain(euros(-450));
      expect(wide.widths[0]).toBeGreaterThan(42);
    } finally {
      await wide.down();
    }
  });

  it('refuses an unknown receipt and an unknown, inactive or kitchen printer: nothing written', async () => {
    const receipt = await closedOrderReceipt(1);
    const kitchenId = await addPrinter({
      name: 'Grill',
      kind: 'kitchen',
      connection: { type: 'agent' },
      stationIds: [r.grill.id],
    });
    const asleepId = await addPrinter({ name: 'Asleep', connection: { type: 'agent' } });
    await as(t, admin).patch(`/api/v1/printers/${asleepId}`).send({ active: false }).expect(200);
    const before = await jobCount();

    const unknownReceipt = await print('00000000-0000-4000-8000-000000000000');
    expect(unknownReceipt.status).toBe(404);
    expect(unknownReceipt.body.error.code).toBe('NOT_FOUND');
    for (const printerId of ['00000000-0000-4000-8000-000000000000', asleepId, kitchenId, 'not-a-uuid']) {
      const refused = await print(receipt.id, { printerId });
      expect(refused.status).toBe(422);
      expect(refused.body.error.details[0].field).toBe('printerId');
    }
    const bill = await as(t, waiter.session)
      .post(`/api/v1/orders/${receipt.orderId}/print-bill`)
      .send({ printerId: kitchenId });
    expect(bill.status).toBe(422);
    expect(await jobCount()).toBe(before);
  });
});
