/**
 * Receipts and the fiscal journal: one receipt per closed order however the closes race, numbers without a gap,
 * refund receipts that name the original, a hash chain that verifies, and one altered row named by both the verify
 * route and `npm run verify-journal`; the digital copy at /r/<token>.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { readPdf, svgLines, binary } from './support/document-readers';
import { decodeEscPos } from './support/escpos-decoder';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type Receipt = {
  id: string;
  number: number;
  kind: string;
  orderId: string;
  refundOf: string | null;
  refundOfNumber: number | null;
  total: number;
  lines: Array<{ total: number }>;
  taxes: Array<{ net: number; tax: number; gross: number }>;
  payments: Array<{ amount: number; method: string }>;
  previousHash: string;
  hash: string;
  signature: string | null;
  url: string;
};

const ROOT = join(__dirname, '..');

jest.setTimeout(180_000);

describe('Receipts and the fiscal journal', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let cashId: string;

  beforeAll(async () => {
    t = await startTestApp({
      FISCAL_SIGNER: 'hmac',
      FISCAL_SIGNING_KEY: 'a-signing-key-of-at-least-32-characters',
    });
    admin = await loginAdmin(t);
    await factories(t, admin).newTaxRate({ name: 'VAT', percent: 19, isDefault: true });
    r = await factories(t, admin).newRestaurant();
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Array<{ id: string; kind: string }>;
    cashId = methods.find((method) => method.kind === 'cash')!.id;
  });

  afterAll(() => t?.close());

  /** A takeaway order of `fries` portions, paid in full in cash (with 50 tendered over): ready to close. */
  async function paidOrder(fries = 2): Promise<{ id: string; total: number }> {
    const order = (
      await as(t, waiter.session)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: r.fries.id, quantity: fries }] })
        .expect(201)
    ).body as { id: string; total: number };
    await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: cashId, amount: order.total + 50, tip: 100 })
      .expect(201);
    return order;
  }

  const close = (orderId: string) =>
    as(t, waiter.session).patch(`/api/v1/orders/${orderId}/status`).send({ status: 'closed' });

  async function allReceipts(): Promise<Receipt[]> {
    const body = (await as(t, manager.session).get('/api/v1/fiscal/journal').expect(200)).body as {
      receipts: Receipt[];
    };
    return body.receipts;
  }

  const verify = async () =>
    (await as(t, manager.session).get('/api/v1/fiscal/journal/verify').expect(200)).body as {
      ok: boolean;
      checked: number;
      firstBrokenNumber: number | null;
    };

  it('issues 50 receipts numbered 1 to 50 without a gap for 50 orders closed at once, chained and signed', async () => {
    const orders: Array<{ id: string }> = [];
    for (let i = 0; i < 50; i++) orders.push(await paidOrder());
    const replies = await Promise.all(orders.map((order) => close(order.id)));
    expect(replies.map((reply) => reply.status)).toEqual(orders.map(() => 200));

    const receipts = await allReceipts();
    expect(receipts.map((receipt) => receipt.number)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(receipts.map((receipt) => receipt.orderId))).toEqual(
      new Set(orders.map((order) => order.id)),
    );
    receipts.forEach((receipt, i) => {
      expect(receipt.previousHash).toBe(i === 0 ? '0'.repeat(64) : receipts[i - 1].hash);
      expect(receipt.signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    });
    expect(await verify()).toEqual({ ok: true, checked: 50, firstBrokenNumber: null });
  });

  it('issues one receipt when two requests close the same order at once', async () => {
    const order = await paidOrder();
    const replies = await Promise.all([close(order.id), close(order.id)]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);
    const receipts = (await allReceipts()).filter((receipt) => receipt.orderId === order.id);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ kind: 'sale', total: order.total });
  });

  it('lists receipts for staff and shows one with its lines, taxes, payments, tips and change', async () => {
    const order = await paidOrder(3);
    await close(order.id).expect(200);
    const page = (await as(t, waiter.session).get('/api/v1/receipts?perPage=1').expect(200)).body as {
      items: Receipt[];
      total: number;
    };
    expect(page.total).toBe(52);
    const receipt = page.items[0];
    expect(receipt.orderId).toBe(order.id);
    const one = (await as(t, waiter.session).get(`/api/v1/receipts/${receipt.id}`).expect(200))
      .body as Receipt & Record<string, unknown>;
    expect(one).toMatchObject({ number: 52, kind: 'sale', total: order.total, tips: 100, change: 50 });
    expect(one.lines).toEqual([expect.objectContaining({ quantity: 3, total: 1350 })]);
    expect(one.taxes).toEqual([
      {
        taxRateId: expect.any(String),
        name: 'VAT',
        percent: 19,
        net: order.total - 216,
        tax: 216,
        gross: order.total,
      },
    ]);
    expect(one.payments).toEqual([expect.objectContaining({ amount: order.total, tip: 100, change: 50 })]);
    await as(t, waiter.session).get('/api/v1/receipts/no-such-receipt').expect(404);
  });

  it('issues a refund receipt with negative amounts that names the original', async () => {
    const order = await paidOrder();
    await close(order.id).expect(200);
    const original = (await allReceipts()).find((receipt) => receipt.orderId === order.id)!;
    const payments = (await as(t, manager.session).get(`/api/v1/orders/${order.id}`).expect(200)).body as {
      id: string;
    };
    expect(payments.id).toBe(order.id);
    const paymentId = (original.payments[0] as unknown as { paymentId: string }).paymentId;
    await as(t, manager.session)
      .post(`/api/v1/payments/${paymentId}/refund`)
      .send({ amount: 450, reason: 'cold fries' })
      .expect(201);
    const refund = (await allReceipts()).find((receipt) => receipt.refundOf === original.id)!;
    expect(refund).toMatchObject({
      kind: 'refund',
      orderId: order.id,
      refundOfNumber: original.number,
      number: original.number + 1,
      total: -450,
      lines: [expect.objectContaining({ total: -450 })],
      payments: [expect.objectContaining({ amount: -450 })],
    });
    // 450 of a 900 gross at 19 % included: tax 72 of the original 144 goes back.
    expect(refund.taxes).toEqual([
      { taxRateId: expect.any(String), name: 'VAT', percent: 19, net: -378, tax: -72, gross: -450 },
    ]);
    expect(await verify()).toMatchObject({ ok: true, firstBrokenNumber: null });
  });

  it('serves the digital copy at its token with the page CSP, and a 404 page for an unknown token', async () => {
    const [receipt] = await allReceipts();
    const path = new URL(receipt.url).pathname;
    expect(path).toMatch(/^\/r\/[A-Za-z0-9_-]{43}$/);
    expect(path).not.toContain(receipt.id);
    const page = await t.http().get(path).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.headers['content-security-policy']).toMatch(/style-src 'nonce-/);
    expect(page.text).toContain(`Receipt ${receipt.number}`);
    expect(page.text).toContain(receipt.hash);
    const unknown = await t.http().get('/r/not-a-receipt-token').expect(404);
    expect(unknown.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });

  it('renders a refund receipt as ESC/POS with its QR code, as SVG and as PDF, and refuses a bad width', async () => {
    const refund = (await allReceipts()).find((receipt) => receipt.kind === 'refund')!;
    const path = `/api/v1/receipts/${refund.id}`;
    const escpos = await as(t, waiter.session)
      .get(`${path}?format=escpos&width=42`)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', 'application/octet-stream');
    const printed = decodeEscPos(escpos.body as Buffer);
    expect(printed.widest).toBeLessThanOrEqual(42);
    expect(printed.images).toBe(1);
    const text = printed.lines.join('\n');
    for (const expected of [
      'REFUND RECEIPT',
      `No. ${refund.number}`,
      `Refund of receipt No. ${refund.refundOfNumber}`,
      '-€4.50',
    ]) {
      expect(text).toContain(expected);
    }
    const svg = await as(t, waiter.session).get(`${path}?format=svg`).buffer(true).parse(binary).expect(200);
    expect(svgLines((svg.body as Buffer).toString('utf8')).join('\n')).toContain(`No. ${refund.number}`);
    const pdf = await as(t, waiter.session).get(`${path}?format=pdf`).buffer(true).parse(binary).expect(200);
    expect(readPdf(pdf.body as Buffer).text).toContain('REFUND RECEIPT');
    const bad = await as(t, waiter.session).get(`${path}?format=escpos&width=40`).expect(422);
    expect(bad.body.error.details[0].field).toBe('width');
  });

  it('refuses to change or delete a receipt in the database itself', async () => {
    await expect(t.dataSource.query('UPDATE receipts SET total = 1 WHERE number = 1')).rejects.toThrow(
      /append-only/,
    );
    await expect(t.dataSource.query('DELETE FROM receipts WHERE number = 1')).rejects.toThrow(/append-only/);
  });

  it('names the one receipt altered behind its back, in the verify route and in npm run verify-journal', async () => {
    const postgres = t.config.database.kind === 'postgres';
    await t.dataSource.query(
      postgres
        ? 'ALTER TABLE receipts DISABLE TRIGGER receipts_append_only'
        : 'DROP TRIGGER receipts_no_update',
    );
    await t.dataSource.query('UPDATE receipts SET total = total - 100 WHERE number = 7');
    const checked = (await allReceipts()).length;
    expect(await verify()).toEqual({ ok: false, checked: 7, firstBrokenNumber: 7 });
    expect(checked).toBeGreaterThan(7);

    const databaseUrl =
      t.config.database.kind === 'postgres' ? t.config.database.url : `sqlite:${t.config.database.path}`;
    const child = spawn('npm', ['run', '-s', 'verify-journal'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? ROOT,
        NODE_ENV: 'development',
        DATABASE_URL: databaseUrl,
        FISCAL_SIGNER: 'hmac',
        FISCAL_SIGNING_KEY: 'a-signing-key-of-at-least-32-characters',
        JWT_SECRET: 'x'.repeat(40),
        PIN_PEPPER: 'p'.repeat(40),
        ENCRYPTION_KEY: 'e'.repeat(64),
      },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(stderr).toContain('broken at receipt 7 ');
    expect(code).toBe(1);
  });
});
