/**
 * Fiscal signing where it meets the other features, read from the DSFinV-K export as an auditor would: a merge
 * records the moved lines as a void on the merged order and as sent on the kept one; lines moved to another check
 * likewise; a refund after the close is its own negative Kassenbeleg-V1 on the next day; an erased guest appears
 * nowhere in the export; and the two days' exports each hold on their own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../src/common/access/role';
import { verifyDsfinvk } from '../src/fiscal/dsfinvk/dsfinvk-verification';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { binary } from './support/document-readers';
import { records, unzipExport } from './support/dsfinvk';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/webhook-receiver';

const DAY_MS = 24 * 60 * 60_000;

type Order = { id: string; total: number; items: Array<{ id: string; name: string; quantity: number }> };
type Receipt = { id: string; kind: string; orderId: string; fiscal: { state: string } | null };
type TseRow = Record<string, string>;

jest.setTimeout(180_000);

describe('Fiscal signing where it meets merges, moves, refunds, erasure and the close', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let cashId: string;
  const folder = mkdtempSync(join(tmpdir(), 'pos-fiscal-meets-'));

  beforeAll(async () => {
    t = await startTestApp({
      FISCAL_SIGNER: 'simulated-tse',
      FISCAL_TSE_DIR: folder,
      // The master data the DSFinV-K asks for: the export's verifier names an address left out.
      RESTAURANT_ADDRESS: 'Lindenstraße 1\\n10115 Berlin',
      RESTAURANT_TAX_ID: 'DE123456789',
    });
    t.clock.moveToMidBusinessDay();
    admin = await loginAdmin(t);
    await factories(t, admin).newTaxRate({ name: 'MwSt', percent: 19, isDefault: true });
    r = await factories(t, admin).newRestaurant();
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Array<{ id: string; kind: string }>;
    cashId = methods.find((method) => method.kind === 'cash')!.id;
  });

  afterAll(async () => {
    await t?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const api = () => as(t, waiter.session);

  async function open(
    items: Array<{ dishId: string; variationId?: string; quantity: number }>,
  ): Promise<Order> {
    return (
      await api()
        .post('/api/v1/orders')
        .set('X-Device-Id', 'tablet-1')
        .send({ type: 'takeaway', items })
        .expect(201)
    ).body as Order;
  }

  async function payAndClose(orderId: string): Promise<string> {
    const order = (await api().get(`/api/v1/orders/${orderId}`).expect(200)).body as Order & { due: number };
    const payment = (
      await api()
        .post(`/api/v1/orders/${orderId}/payments`)
        .send({ methodId: cashId, amount: order.due })
        .expect(201)
    ).body as { id: string };
    await api().patch(`/api/v1/orders/${orderId}/status`).send({ status: 'closed' }).expect(200);
    return payment.id;
  }

  /** Closes the business day once every receipt is signed; answers the day's export as its rows. */
  async function closeAndExport(
    receipts: number,
  ): Promise<{ zip: Buffer; tse: TseRow[]; text: Record<string, string> }> {
    await eventually(`${receipts} signed receipts`, async () => {
      const all = (await as(t, manager.session).get('/api/v1/receipts?perPage=100').expect(200)).body
        .items as Receipt[];
      return all.length === receipts && all.every((receipt) => receipt.fiscal?.state === 'signed');
    });
    const { businessDay } = (
      await as(t, manager.session)
        .post('/api/v1/business-days/close')
        .send({ uncountedCashConfirmed: true })
        .expect(201)
    ).body as { businessDay: string };
    t.clock.advance(DAY_MS);
    const zip = (
      await as(t, manager.session)
        .get(`/api/v1/fiscal/dsfinvk?from=${businessDay}&to=${businessDay}`)
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;
    const { text } = unzipExport(zip);
    return { zip, tse: records(text['transactions_tse.csv']), text };
  }

  /** An order's Bestellung-V1 lines as the export carries them, in the order they were signed. */
  const orderLines = (tse: TseRow[], bonId: string): string[] =>
    tse
      .filter((row) => row.BON_ID === bonId && row.TSE_TA_VORGANGSART === 'Bestellung-V1')
      .sort((a, b) => Number(a.TSE_TANR) - Number(b.TSE_TANR))
      .flatMap((row) => row.TSE_VORGANGSDATEN.split('\r'));

  it('records merged and moved lines as voided where they left and sent where they went, each export holding', async () => {
    const customer = (
      await api()
        .post('/api/v1/customers')
        .send({ name: 'Erika Mustermann', phone: '+4915112345678' })
        .expect(201)
    ).body as { id: string };
    const kept = await open([{ dishId: r.fries.id, quantity: 2 }]);
    const merged = await open([{ dishId: r.beer.id, quantity: 1 }]);
    await api().post(`/api/v1/orders/${kept.id}/customer`).send({ customerId: customer.id }).expect(200);
    await api()
      .post(`/api/v1/orders/${kept.id}/merge`)
      .send({ fromOrderIds: [merged.id] })
      .expect(200);
    const other = await open([{ dishId: r.burger.id, variationId: r.burger.variations[0].id, quantity: 1 }]);
    const fries = kept.items.find((item) => item.name === r.fries.name)!;
    await api()
      .post(`/api/v1/orders/${kept.id}/items/move`)
      .send({ toOrderId: other.id, items: [{ itemId: fries.id, quantity: 1 }] })
      .expect(200);
    const payment = await payAndClose(kept.id);
    await payAndClose(other.id);

    const first = await closeAndExport(2);
    const beer = `;"${r.beer.name} ${r.beer.variations[0].name}";`;
    const friesName = `;"${r.fries.name} ${r.fries.variations[0].name}";`;
    // The merged order's beer went back from it (it closed with no receipt: listed under its id)…
    expect(orderLines(first.tse, merged.id)).toEqual([
      expect.stringMatching(new RegExp(`^1${beer}`)),
      expect.stringMatching(new RegExp(`^-1${beer}`)),
    ]);
    const receipts = (await as(t, manager.session).get('/api/v1/receipts?perPage=100').expect(200)).body
      .items as Receipt[];
    const receiptOf = (orderId: string) => receipts.find((receipt) => receipt.orderId === orderId)!.id;
    const keptLines = orderLines(first.tse, receiptOf(kept.id));
    const otherLines = orderLines(first.tse, receiptOf(other.id));
    // …and reached the kept order; one fries moved on to the other check: sent there, voided here.
    expect(keptLines.filter((line) => line.includes(beer))).toEqual([
      expect.stringMatching(new RegExp(`^1${beer}`)),
    ]);
    expect(
      keptLines.filter((line) => line.includes(friesName)).map((line) => Number(line.split(';')[0])),
    ).toEqual([2, -1]);
    expect(otherLines.filter((line) => line.includes(friesName))).toEqual([
      expect.stringMatching(new RegExp(`^1${friesName}`)),
    ]);
    expect(verifyDsfinvk(first.zip)).toMatchObject({ problem: null, ok: true, receipts: 2 });

    // The next day: a refund of the closed order, and the guest erased.
    await as(t, manager.session)
      .post(`/api/v1/payments/${payment}/refund`)
      .send({ amount: 100, reason: 'cold' })
      .expect(201);
    await as(t, admin).delete(`/api/v1/customers/${customer.id}`).expect(204);
    const second = await closeAndExport(3);
    const refund = second.tse.filter((row) => row.TSE_TA_VORGANGSART === 'Kassenbeleg-V1');
    expect(refund.map((row) => row.TSE_VORGANGSDATEN)).toEqual(['Beleg^-1.00_0.00_0.00_0.00_0.00^-1.00:Bar']);
    expect(verifyDsfinvk(second.zip)).toMatchObject({ problem: null, ok: true, receipts: 1 });
    for (const text of [...Object.values(first.text), ...Object.values(second.text)]) {
      expect(text).not.toContain('Mustermann');
    }
  });
});
