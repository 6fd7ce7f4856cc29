/**
 * One signature per signed transaction: the simulated unit's signature counter equals the signatures its own
 * database's journal holds, and none is signed twice, when orders close at once on two instances, and when another
 * database on the same machine signs with its default unit too (on PostgreSQL every database shares the data
 * folder: one unit for all of them counted every database's signatures).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/webhook-receiver';

type Unit = { serial: string; signatureCounter: number; signed: number; pending: number; failed: number };
type Receipt = { orderId: string; fiscal: { state: string } | null };

jest.setTimeout(180_000);

const CLOSES = 15;

/** A restaurant signing with the simulated unit in its default folder (no FISCAL_TSE_DIR). */
interface Shop {
  t: TestApp;
  waiter: NewStaff;
  manager: NewStaff;
  r: Restaurant;
  cashId: string;
}

async function shop(): Promise<Shop> {
  const t = await startTestApp({ FISCAL_SIGNER: 'simulated-tse' });
  const admin = await loginAdmin(t);
  await factories(t, admin).newTaxRate({ name: 'VAT', percent: 19, isDefault: true });
  const r = await factories(t, admin).newRestaurant();
  const [waiter, manager] = await Promise.all([newStaff(t, Role.Waiter), newStaff(t, Role.Manager)]);
  const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
    .items as Array<{ id: string; kind: string }>;
  return { t, waiter, manager, r, cashId: methods.find((method) => method.kind === 'cash')!.id };
}

/** Closes the shop's app and removes its unit's folder (on PostgreSQL it is under ./data). */
async function end(shop: Shop | undefined): Promise<void> {
  if (!shop) return;
  await shop.t.close();
  const signer = shop.t.config.fiscalSigner;
  if (signer.kind === 'simulated-tse') rmSync(signer.folder, { recursive: true, force: true });
}

/** A takeaway order from its own tablet, sent to the kitchen and paid in cash: its id. */
async function paidOrder({ t, waiter, r, cashId }: Shop, device: string): Promise<string> {
  const order = (
    await as(t, waiter.session)
      .post('/api/v1/orders')
      .set('X-Device-Id', device)
      .send({ type: 'takeaway', items: [{ dishId: r.fries.id, quantity: 2 }] })
      .expect(201)
  ).body as { id: string; total: number };
  await as(t, waiter.session)
    .post(`/api/v1/orders/${order.id}/payments`)
    .set('Idempotency-Key', randomUUID())
    .send({ methodId: cashId, amount: order.total })
    .expect(201);
  return order.id;
}

const close = (t: TestApp, { waiter }: Shop, orderId: string) =>
  as(t, waiter.session)
    .patch(`/api/v1/orders/${orderId}/status`)
    .set('Idempotency-Key', randomUUID())
    .send({ status: 'closed' })
    .expect(200);

/** Waits until each order's receipt is signed (signed last of its order), then answers the unit's row. */
async function signedUnit({ t, manager }: Shop, orderIds: string[]): Promise<Unit> {
  await eventually(
    'every receipt of the closes signed',
    async () => {
      const receipts = (
        (await as(t, manager.session).get('/api/v1/receipts?perPage=100').expect(200)).body.items as Receipt[]
      ).filter((receipt) => orderIds.includes(receipt.orderId));
      return (
        receipts.length === orderIds.length && receipts.every((receipt) => receipt.fiscal?.state === 'signed')
      );
    },
    60_000,
  );
  const [unit] = (await as(t, manager.session).get('/api/v1/fiscal/units').expect(200)).body.items as Unit[];
  return unit;
}

/** The unit's own log: one line per signature it made, whatever database asked. */
function finishesOf({ t }: Shop): Array<{ transactionId: string; signatureCounter: number }> {
  const signer = t.config.fiscalSigner;
  if (signer.kind !== 'simulated-tse') throw new Error('not the simulated unit');
  return readFileSync(join(signer.folder, 'log.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.includes('"finish"'))
    .map((line) => JSON.parse(line) as { transactionId: string; signatureCounter: number });
}

describe('One signature per signed transaction', () => {
  let first: Shop | undefined;
  let second: Shop | undefined;
  let twin: TestApp | undefined;
  let firstSerial = '';

  afterAll(async () => {
    await twin?.close();
    await end(first);
    await end(second);
  });

  it(`signs each of ${CLOSES} orders closed at once (on two instances with PostgreSQL) once, the counter the journal's count`, async () => {
    first = await shop();
    // Two instances share one database on PostgreSQL only: on SQLite the service runs as one process.
    if (first.t.config.database.kind === 'postgres') twin = await first.t.twin();
    const shop1 = first;
    const orderIds = await Promise.all(
      Array.from({ length: CLOSES }, (_, i) => paidOrder(shop1, `tablet-${i % 3}`)),
    );
    await Promise.all(orderIds.map((id, i) => close(i % 2 && twin ? twin : shop1.t, shop1, id)));
    const unit = await signedUnit(first, orderIds);
    expect(unit).toMatchObject({ pending: 0, failed: 0 });
    const finishes = finishesOf(first);
    expect(new Set(finishes.map((line) => line.transactionId)).size).toBe(finishes.length);
    expect(finishes.map((line) => line.signatureCounter)).toEqual(finishes.map((_, i) => i + 1));
    expect(unit.signatureCounter).toBe(unit.signed);
    expect(finishes).toHaveLength(unit.signed);
    firstSerial = unit.serial;
  });

  it("gives another database on the same machine a unit of its own, counting only that database's signatures", async () => {
    second = await shop();
    const orderId = await paidOrder(second, 'tablet-0');
    await close(second.t, second, orderId);
    const unit = await signedUnit(second, [orderId]);
    expect(unit.serial).not.toBe(firstSerial);
    expect(unit).toMatchObject({ pending: 0, failed: 0, signed: 2, signatureCounter: 2 });
    expect(finishesOf(second)).toHaveLength(unit.signed);
  });
});
