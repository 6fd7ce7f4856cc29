/**
 * Austria (RKSV): a night at two tills, each its own cash register, checked by a verifier written from the finance
 * ministry's reference (test/fixtures/rksv/README.md and rules.json): every signature against the certificate the
 * DEP carries, the chain from the start receipt, the decrypted turnover counter equal to the running sum, each
 * receipt's QR code equal to its DEP entry. Sales at 20 % and 10 %, a refund (Storno), the signature device out
 * for an hour (receipts marked, then the collective receipt), a month and year boundary in Vienna; the paper
 * prints the code.
 */
import { verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { binary } from './support/document-readers';
import { factories, Restaurant } from './support/factories';
import { soldOn } from './support/fiscal-sales';
import { Container, Dep, qrCodesOn, qrOf, verifyDep } from './support/rksv-verifier';
import { startTestApp, TestApp } from './support/test-app';

type Fiscal = {
  regime: string;
  state: string;
  cashRegisterId: string;
  receiptNumber: string;
  jws: string;
  qrCode: string;
  chainingValue: string;
};
type Receipt = { id: string; orderId: string; kind: string; total: number; fiscal: Fiscal | null };
type Register = {
  cashRegisterId: string;
  certificateSerial: string;
  turnoverCounter: number;
  lastReceiptId: string | null;
  state: string;
  deviceFailedAt: string | null;
  reportBy: string | null;
};
jest.setTimeout(120_000);

const HOUR_MS = 3_600_000;

describe('Austria: RKSV cash registers', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let schnitzelId: string;
  let cashId: string;
  const folder = mkdtempSync(join(tmpdir(), 'pos-rksv-'));

  beforeAll(async () => {
    t = await startTestApp({
      FISCAL_SIGNER: 'simulated-rksv',
      FISCAL_TSE_DIR: folder,
      RESTAURANT_COUNTRY: 'AT',
      RESTAURANT_TIMEZONE: 'Europe/Vienna',
    });
    // 23:10 in Vienna on the last evening of the year: the night runs into the new month and year.
    t.clock.moveTo('2026-12-31T22:10:00Z');
    admin = await loginAdmin(t);
    await factories(t, admin).newTaxRate({ name: 'USt 20 %', percent: 20, isDefault: true });
    const food = await factories(t, admin).newTaxRate({ name: 'USt 10 %', percent: 10 });
    r = await factories(t, admin).newRestaurant();
    schnitzelId = (
      await factories(t, admin).newDish({
        name: 'Schnitzel',
        categoryId: r.category.id,
        stationId: r.grill.id,
        price: 1490,
        taxRateIds: [food.id],
      })
    ).id;
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

  const receiptsOf = async (): Promise<Receipt[]> =>
    (await as(t, manager.session).get('/api/v1/receipts?perPage=100').expect(200)).body.items as Receipt[];

  const registers = async (): Promise<Register[]> =>
    (await as(t, manager.session).get('/api/v1/fiscal/registers').expect(200)).body.items as Register[];

  const sell = (device: string, dishId: string, quantity = 1) =>
    soldOn(t, waiter.session, { device, dishId, quantity, cashId });

  it('signs and chains a night at two tills that the reference’s rules accept, with its QR codes', async () => {
    await sell('tablet-1', r.beer.id, 2);
    await sell('tablet-1', schnitzelId);
    const orderAt2 = await sell('tablet-2', schnitzelId, 2);

    // A refund of 5.50 on tablet-1's beer: a Storno receipt.
    const beerReceipt = (await receiptsOf()).find((receipt) => receipt.total === 1100)!;
    const { payments } = (await as(t, manager.session).get(`/api/v1/receipts/${beerReceipt.id}`).expect(200))
      .body as { payments: Array<{ paymentId: string }> };
    await as(t, manager.session)
      .post(`/api/v1/payments/${payments[0].paymentId}/refund`)
      .send({ amount: 550, reason: 'spilt' })
      .expect(201);

    const tills = await registers();
    expect(tills).toHaveLength(2);
    const [one, two] = tills;
    expect(one).toMatchObject({ state: 'signing', lastReceiptId: '4', turnoverCounter: 1100 + 1490 - 550 });
    expect(two).toMatchObject({ state: 'signing', lastReceiptId: '2', turnoverCounter: 2980 });

    // Tablet-1's device fails for an hour across midnight: sales go on, marked; then the collective receipt.
    await as(t, admin)
      .put(`/api/v1/fiscal/registers/${one.cashRegisterId}/device`)
      .send({ available: false })
      .expect(200);
    await sell('tablet-1', r.fries.id);
    const outage = (await registers()).find((register) => register.cashRegisterId === one.cashRegisterId)!;
    expect(outage.state).toBe('device_failed');
    expect(new Date(outage.reportBy!).getTime() - new Date(outage.deviceFailedAt!).getTime()).toBe(
      48 * HOUR_MS,
    );
    const failedReceipt = (await receiptsOf()).find((receipt) => receipt.total === 450)!;
    expect(failedReceipt.fiscal).toMatchObject({
      regime: 'AT-RKSV',
      state: 'device_failed',
      receiptNumber: '5',
    });
    const paper = await as(t, waiter.session)
      .get(`/api/v1/receipts/${failedReceipt.id}?format=escpos&width=42`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((paper.body as Buffer).toString('latin1')).toContain('Sicherheitseinrichtung ausgefallen');
    // A start receipt needs the device.
    await as(t, admin)
      .post(`/api/v1/fiscal/registers/${one.cashRegisterId}/zero-receipt`)
      .send({ kind: 'year' })
      .expect(409);
    t.clock.advance(HOUR_MS);
    await as(t, admin)
      .put(`/api/v1/fiscal/registers/${one.cashRegisterId}/device`)
      .send({ available: true })
      .expect(200);
    // The new year: its zero receipt, then a sale at each till.
    await as(t, admin)
      .post(`/api/v1/fiscal/registers/${one.cashRegisterId}/zero-receipt`)
      .send({ kind: 'year' })
      .expect(201);
    await sell('tablet-1', r.beer.id);
    await sell('tablet-2', r.fries.id);
    await as(t, admin)
      .post(`/api/v1/fiscal/registers/${two.cashRegisterId}/zero-receipt`)
      .send({ kind: 'start' })
      .expect(409);

    const receipts = await receiptsOf();
    for (const register of await registers()) {
      const dep = (
        await as(t, manager.session)
          .get(`/api/v1/fiscal/dep?registerId=${register.cashRegisterId}`)
          .expect(200)
      ).body as Dep;
      const container = (
        await as(t, admin)
          .get(`/api/v1/fiscal/registers/${register.cashRegisterId}/crypto-container`)
          .expect(200)
      ).body as Container;
      const verified = verifyDep(register.cashRegisterId, dep, container);
      expect(verified.turnover).toBe(register.turnoverCounter);
      expect(verified.receipts[0]).toMatchObject({ number: '1', kind: 'zero', failed: false });
      // Each receipt's QR code is its DEP entry's; each DEP entry but the zero receipts is a receipt's.
      const entries = dep['Belege-Gruppe'][0]['Belege-kompakt'];
      const own = receipts.filter((receipt) => receipt.fiscal?.cashRegisterId === register.cashRegisterId);
      for (const receipt of own) {
        const entry = entries[Number(receipt.fiscal!.receiptNumber) - 1];
        expect(receipt.fiscal!.jws).toBe(entry);
        expect(receipt.fiscal!.qrCode).toBe(qrOf(entry));
      }
      expect(own).toHaveLength(verified.receipts.filter((receipt) => receipt.kind !== 'zero').length);
      if (register.cashRegisterId === one.cashRegisterId) {
        expect(verified.receipts.map(({ kind, failed }) => `${kind}${failed ? '!' : ''}`)).toEqual([
          'zero',
          'sale',
          'sale',
          'storno',
          'sale!',
          'zero',
          'zero',
          'sale',
        ]);
        expect(register.state).toBe('signing');
        // The months: two receipts dated in December, the rest in January of the next year.
        const months = entries.map((jws) =>
          Buffer.from(jws.split('.')[1], 'base64url').toString().split('_')[4].slice(0, 7),
        );
        expect(months).toEqual([
          '2026-12',
          '2026-12',
          '2026-12',
          '2026-12',
          '2026-12',
          '2027-01',
          '2027-01',
          '2027-01',
        ]);
        const january = (
          await as(t, manager.session)
            .get(`/api/v1/fiscal/dep?registerId=${register.cashRegisterId}&from=2027-01-01&to=2027-01-31`)
            .expect(200)
        ).body as Dep;
        expect(january['Belege-Gruppe'][0]['Belege-kompakt']).toEqual(entries.slice(5));
      }
    }

    // The paper of tablet-2's sale carries its QR code as the code the DEP holds.
    const sold = receipts.find((receipt) => receipt.orderId === orderAt2)!;
    const escpos = await as(t, waiter.session)
      .get(`/api/v1/receipts/${sold.id}?format=escpos&width=42`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(qrCodesOn(escpos.body as Buffer)[0]).toBe(sold.fiscal!.qrCode);
    // A tampered amount breaks the signature the verifier checks.
    const [header, payload, signature] = sold.fiscal!.jws.split('.');
    const tampered = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace('29,80', '19,80'),
    ).toString('base64url');
    expect(tampered).not.toBe(payload);
    const cert = (
      (await as(t, manager.session).get(`/api/v1/fiscal/dep?registerId=${two.cashRegisterId}`).expect(200))
        .body as Dep
    )['Belege-Gruppe'][0].Signaturzertifikat;
    expect(
      verify(
        'sha256',
        Buffer.from(`${header}.${tampered}`),
        { key: new X509Certificate(Buffer.from(cert, 'base64')).publicKey, dsaEncoding: 'ieee-p1363' },
        Buffer.from(signature, 'base64url'),
      ),
    ).toBe(false);
  });

  it('keeps the key material to admins and refuses bad input', async () => {
    const [one] = await registers();
    await as(t, manager.session)
      .get(`/api/v1/fiscal/registers/${one.cashRegisterId}/crypto-container`)
      .expect(403);
    await as(t, waiter.session).get('/api/v1/fiscal/registers').expect(403);
    await as(t, admin).get('/api/v1/fiscal/registers/nope/crypto-container').expect(404);
    await as(t, admin)
      .post(`/api/v1/fiscal/registers/${one.cashRegisterId}/zero-receipt`)
      .send({ kind: 'daily' })
      .expect(422);
    await as(t, manager.session).get('/api/v1/fiscal/dep?registerId=bad_id').expect(422);
    const audit = (await as(t, admin).get('/api/v1/audit-log?perPage=100').expect(200)).body.items as Array<{
      action: string;
      entityId: string;
    }>;
    expect(audit.some((entry) => entry.action === 'cash_register.crypto_container_read')).toBe(true);
  });
});
