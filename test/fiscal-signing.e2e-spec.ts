/**
 * Fiscal signing with the simulated unit: a night's orders sent to the kitchen (Bestellung-V1) and receipts
 * (Kassenbeleg-V1), sales and a refund, each signed once in order with a signature counter without a gap, each
 * receipt's QR code enough to check its signature; the unit pulled out mid-service (sales go on, receipts say the
 * unit failed) and put back (everything signed, none twice); a restart with transactions waiting.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../src/common/access/role';
import { OUT_OF_SERVICE_FILE } from '../src/fiscal/simulated-tse';
import { signatureHolds } from '../src/fiscal/tse-log-message';
import { binary } from './support/document-readers';
import { decodeEscPos } from './support/escpos-decoder';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/webhook-receiver';

type Fiscal = {
  state: 'signed' | 'pending' | 'unit_failed';
  unitSerial: string | null;
  clientId: string | null;
  transactionNumber: number | null;
  start: string | null;
  end: string | null;
  signatureCounter: number | null;
  signature: string | null;
  algorithm: string | null;
  publicKey: string | null;
  qrCode: string | null;
  error: string | null;
};
type Receipt = { id: string; orderId: string; kind: string; total: number; fiscal: Fiscal | null };
type Unit = {
  serial: string;
  kind: string;
  reachable: boolean;
  signatureCounter: number;
  signed: number;
  pending: number;
  failed: number;
  clients: string[];
  tills: Array<{ deviceId: string; clientId: string }>;
};

jest.setTimeout(120_000);

/** What the QR code says, checked against the unit's public key it carries: the paper alone proves the receipt. */
function qrCodeHolds(qrCode: string, serial: string): boolean {
  const [
    version,
    clientId,
    processType,
    processData,
    number,
    counter,
    ,
    end,
    algorithm,
    ,
    signature,
    publicKey,
  ] = qrCode.split(';');
  expect([version, algorithm]).toEqual(['V0', 'ecdsa-plain-SHA256']);
  return signatureHolds(
    {
      clientId,
      processType,
      processData,
      transactionNumber: Number(number),
      serial,
      signatureCounter: Number(counter),
      logTime: new Date(end),
    },
    signature,
    publicKey,
  );
}

describe('Fiscal signing with the simulated unit', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let cashId: string;
  let cardId: string;
  const folder = mkdtempSync(join(tmpdir(), 'pos-tse-'));

  beforeAll(async () => {
    t = await startTestApp({ FISCAL_SIGNER: 'simulated-tse', FISCAL_TSE_DIR: folder });
    admin = await loginAdmin(t);
    await factories(t, admin).newTaxRate({ name: 'VAT', percent: 19, isDefault: true });
    r = await factories(t, admin).newRestaurant();
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Array<{ id: string; kind: string }>;
    cashId = methods.find((method) => method.kind === 'cash')!.id;
    cardId = methods.find((method) => method.kind === 'card')!.id;
  });

  afterAll(async () => {
    await t?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** A dine-in order from tablet-1, a line added, paid in cash and card, closed: its receipt. */
  async function servedOrder(device = 'tablet-1'): Promise<{ id: string; total: number }> {
    const order = (
      await as(t, waiter.session)
        .post('/api/v1/orders')
        .set('X-Device-Id', device)
        .send({ type: 'takeaway', items: [{ dishId: r.fries.id, quantity: 2 }] })
        .expect(201)
    ).body as { id: string; version: number };
    const added = (
      await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/items`)
        .send({ items: [{ dishId: r.beer.id, quantity: 1 }] })
        .expect(201)
    ).body as { total: number };
    await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: cashId, amount: 500 })
      .expect(201);
    await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: cardId, amount: added.total - 500 })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    return { id: order.id, total: added.total };
  }

  const receiptsOf = async (orderIds: string[]): Promise<Receipt[]> =>
    (
      (await as(t, manager.session).get('/api/v1/receipts?perPage=100').expect(200)).body.items as Receipt[]
    ).filter((receipt) => orderIds.includes(receipt.orderId));

  const units = async (): Promise<Unit[]> =>
    (await as(t, manager.session).get('/api/v1/fiscal/units').expect(200)).body.items as Unit[];

  const allSigned = (orderIds: string[], count: number) =>
    eventually(`${count} signed receipts`, async () => {
      const receipts = await receiptsOf(orderIds);
      return (
        receipts.length === count &&
        receipts.every((receipt) => receipt.fiscal?.state === 'signed') &&
        receipts
      );
    });

  it("signs a night's orders and receipts in order, once each, each receipt's QR code proving its signature", async () => {
    const orders = [await servedOrder(), await servedOrder('tablet-2'), await servedOrder()];
    const sale = (await receiptsOf([orders[0].id]))[0];
    const paymentId = (
      (await as(t, manager.session).get(`/api/v1/receipts/${sale.id}`).expect(200)).body as {
        payments: Array<{ paymentId: string; kind: string }>;
      }
    ).payments.find((payment) => payment.kind === 'cash')!.paymentId;
    await as(t, manager.session)
      .post(`/api/v1/payments/${paymentId}/refund`)
      .send({ amount: 200, reason: 'cold fries' })
      .expect(201);

    const receipts = await allSigned(
      orders.map((order) => order.id),
      4,
    );
    const [unit] = await units();
    expect(unit).toMatchObject({ kind: 'simulated-tse', reachable: true, pending: 0, failed: 0 });
    // Per order: the first send and the added line (Bestellung-V1), and its receipt; and the refund's receipt.
    expect(unit.signed).toBe(3 * 3 + 1);
    expect(unit.signatureCounter).toBe(unit.signed);
    // Each tablet's till at the unit: its X-Device-Id in letters and digits, mapped once.
    expect(unit.tills.map((till) => till.deviceId)).toEqual(['tablet-1', 'tablet-2']);
    for (const till of unit.tills) expect(till.clientId).toMatch(/^tablet[12][0-9a-f]{8}$/);
    const tillOf = (device: string) => unit.tills.find((till) => till.deviceId === device)!.clientId;
    expect(unit.clients).toEqual([tillOf('tablet-1'), tillOf('tablet-2')].sort());

    const counters = receipts.map((receipt) => receipt.fiscal!.signatureCounter!).sort((a, b) => a - b);
    expect(new Set(counters).size).toBe(4);
    for (const receipt of receipts) {
      const fiscal = receipt.fiscal!;
      expect(fiscal).toMatchObject({ unitSerial: unit.serial, algorithm: 'ecdsa-plain-SHA256', error: null });
      expect(qrCodeHolds(fiscal.qrCode!, unit.serial)).toBe(true);
      const altered = fiscal.qrCode!.replace(';Beleg^', ';Beleg^1');
      expect(altered).not.toBe(fiscal.qrCode);
      expect(qrCodeHolds(altered, unit.serial)).toBe(false);
    }
    const refund = receipts.find((receipt) => receipt.kind === 'refund')!;
    expect(refund.fiscal!.qrCode).toContain(';Kassenbeleg-V1;Beleg^-2.00_0.00_0.00_0.00_0.00^-2.00:Bar;');
    const byOrder = receipts.find((receipt) => receipt.orderId === orders[1].id)!;
    expect(byOrder.fiscal!.clientId).toBe(tillOf('tablet-2'));

    // The digital copy prints the unit's data too.
    const copy = (await as(t, manager.session).get(`/api/v1/receipts/${byOrder.id}`).expect(200))
      .body as Receipt;
    expect(copy.fiscal).toEqual(byOrder.fiscal);
  });

  it('goes on selling while the unit is out, says so on the receipts, and signs them all once it is back', async () => {
    const before = (await units())[0];
    writeFileSync(join(folder, OUT_OF_SERVICE_FILE), '');
    const during = [await servedOrder(), await servedOrder()];
    const failed = await eventually('receipts that say the unit failed', async () => {
      const receipts = await receiptsOf(during.map((order) => order.id));
      return (
        receipts.length === 2 &&
        receipts.every((receipt) => receipt.fiscal?.state === 'unit_failed') &&
        receipts
      );
    });
    expect(failed[0].fiscal).toMatchObject({ qrCode: null, signature: null });
    expect(failed[0].fiscal!.error).toContain('out of service');
    const paper = await as(t, waiter.session)
      .get(`/api/v1/receipts/${failed[0].id}?format=escpos&width=42`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(decodeEscPos(paper.body as Buffer).lines.join('\n')).toContain(
      'Signing unit failed (TSE ausgefallen)',
    );
    expect((await units())[0]).toMatchObject({ reachable: false, signed: before.signed });

    rmSync(join(folder, OUT_OF_SERVICE_FILE));
    t.clock.advance(15_000);
    const signedLater = await allSigned(
      during.map((order) => order.id),
      2,
    );
    // The outage leaves its trace: each keeps why the unit failed it (DSFinV-K's TSE_TA_FEHLER).
    for (const receipt of signedLater) expect(receipt.fiscal!.error).toContain('out of service');
    const after = (await units())[0];
    expect(after).toMatchObject({ reachable: true, pending: 0, failed: 0, signed: before.signed + 6 });
    expect(after.signatureCounter).toBe(after.signed);

    const finishes = readFileSync(join(folder, 'log.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('"finish"'))
      .map((line) => JSON.parse(line) as { transactionId: string; signatureCounter: number });
    expect(new Set(finishes.map((line) => line.transactionId)).size).toBe(finishes.length);
    expect(finishes.map((line) => line.signatureCounter)).toEqual(finishes.map((_, i) => i + 1));
  });

  it('signs after a restart what was recorded before it', async () => {
    writeFileSync(join(folder, OUT_OF_SERVICE_FILE), '');
    const order = await servedOrder();
    await eventually('the receipt waiting for the unit', async () => {
      const [receipt] = await receiptsOf([order.id]);
      return receipt?.fiscal?.state === 'unit_failed';
    });
    t = await t.restart();
    rmSync(join(folder, OUT_OF_SERVICE_FILE));
    t.clock.advance(15_000);
    const [receipt] = await allSigned([order.id], 1);
    expect(qrCodeHolds(receipt.fiscal!.qrCode!, receipt.fiscal!.unitSerial!)).toBe(true);
  });
});
