/**
 * The DSFinV-K export against the published layout (test/fixtures/dsfinvk/, with its sources): a night signed by
 * the simulated unit with a dine-in order of a dish with a modifier and a combo on `tablet_7`, a takeaway on a
 * device with a 60-character id refunded with a 398-character reason, a 40-line order, an order cancelled after
 * the kitchen had it, a gift card sold for cash and part of it redeemed, a drawer opened with 200.00 with 50.00 paid
 * in and 20.00 paid out, counted 1.00 short. The export's index.xml, its DTD,
 * every table and column (name, order, type, length, decimals) and Anhang G's mandatory fields are compared with
 * the reference, and the cases the layout names are checked where they land.
 */
import { X509Certificate } from 'node:crypto';
import { verifyDsfinvk } from '../src/fiscal/dsfinvk/dsfinvk-verification';
import { tillIdOf } from '../src/fiscal/till-ids';
import { uncompressedPointOf } from '../src/fiscal/tse-log-message';
import { as, NewStaff, Session } from './support/clients';
import {
  describedLayout,
  emptyMandatoryFields,
  minor,
  records,
  REFERENCE_DTD,
  REFERENCE_LAYOUT,
  ReferenceColumn,
  unzipExport,
} from './support/dsfinvk';
import type { Restaurant } from './support/factories';
import { FiscalNight, fiscalNight, sauceAndCombo } from './support/fiscal-sales';
import type { TestApp } from './support/test-app';

const LONG_DEVICE = `counter-terminal-${'x'.repeat(43)}`;
const REASON =
  `The guest found the beer flat. ${'Die Reklamation wurde am Tresen aufgenommen. '.repeat(10)}`.slice(
    0,
    398,
  );

type Row = Record<string, string>;

jest.setTimeout(240_000);

describe('The DSFinV-K export against the published layout', () => {
  let night: FiscalNight;
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let files: Record<string, string>;
  let tables: Record<string, Row[]>;
  let zip: Buffer;
  const ids: Record<string, string> = {};
  let counted = 0;
  let drawer: Record<string, number>;
  let dinnerReceipt: { id: string; fiscal: { start: string; qrCode: string } };

  const post = (path: string, body: object, device = 'tablet-1', session = waiter.session) =>
    as(t, session).post(path).set('X-Device-Id', device).send(body);
  async function settle(order: { id: string; total: number }, methodId: string, device: string) {
    const payment = (
      await post(`/api/v1/orders/${order.id}/payments`, { methodId, amount: order.total }, device).expect(201)
    ).body as { id: string };
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    return payment.id;
  }

  beforeAll(async () => {
    night = await fiscalNight();
    ({ t, admin, waiter, manager, r } = night);
    const { cash, card, giftCard } = night.methods;
    ({ aioli: ids.aioli, menu: ids.menu } = await sauceAndCombo(t, admin, r));
    const shift = (
      await as(t, manager.session).post('/api/v1/shifts/open').send({ openingCash: 20_000 }).expect(201)
    ).body as { id: string };
    const voucher = (
      await as(t, manager.session)
        .post('/api/v1/gift-cards')
        .send({ amount: 3000, sale: { methodId: cash } })
        .expect(201)
    ).body as { id: string; code: string };
    ids.voucher = voucher.id;
    for (const movement of [
      { kind: 'deposit', amount: 5000, reason: 'Wechselgeld von der Bank' },
      { kind: 'withdrawal', amount: 2000, reason: 'Lieferant bar bezahlt' },
    ]) {
      await as(t, manager.session).post(`/api/v1/shifts/${shift.id}/movements`).send(movement).expect(201);
    }
    const dinner = (
      await post(
        '/api/v1/orders',
        {
          type: 'dine_in',
          tableId: r.table.id,
          items: [
            { dishId: r.fries.id, quantity: 1, modifiers: [{ optionId: ids.aioli }] },
            {
              dishId: ids.menu,
              quantity: 1,
              comboChoices: [
                { slot: 0, dishId: r.burger.id },
                { slot: 1, dishId: r.beer.id },
              ],
            },
          ],
        },
        'tablet_7',
      ).expect(201)
    ).body as { id: string; total: number };
    ids.dinner = dinner.id;
    ids.dinnerOpened = (dinner as unknown as { createdAt: string }).createdAt;
    // The table sits a while: the sale began when the order opened, not when the unit signed its receipt.
    t.clock.advance(7 * 60_000);
    await settle(dinner, card, 'tablet_7');
    const takeaway = (
      await post(
        '/api/v1/orders',
        { type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 2 }] },
        LONG_DEVICE,
      ).expect(201)
    ).body as { id: string; total: number };
    ids.takeaway = takeaway.id;
    const cashPayment = await settle(takeaway, cash, LONG_DEVICE);
    const long = (
      await post('/api/v1/orders', {
        type: 'takeaway',
        items: Array.from({ length: 40 }, () => ({ dishId: r.fries.id, quantity: 1 })),
      }).expect(201)
    ).body as { id: string; total: number };
    ids.long = long.id;
    await post(`/api/v1/orders/${long.id}/payments`, {
      methodId: giftCard,
      amount: 1000,
      giftCardCode: voucher.code,
    }).expect(201);
    await settle({ id: long.id, total: long.total - 1000 }, card, 'tablet-1');
    const cancelled = (
      await post('/api/v1/orders', {
        type: 'dine_in',
        tableId: r.table.id,
        items: [{ dishId: r.beer.id, quantity: 1 }],
      }).expect(201)
    ).body as { id: string };
    ids.cancelled = cancelled.id;
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${cancelled.id}/status`)
      .send({ status: 'cancelled', reason: 'guest left' })
      .expect(200);
    await as(t, manager.session)
      .post(`/api/v1/payments/${cashPayment}/refund`)
      .send({ amount: 550, reason: REASON })
      .expect(201);
    const expected = (await as(t, manager.session).get(`/api/v1/shifts/${shift.id}`).expect(200)).body
      .expectedCash as number;
    counted = expected - 100;
    drawer = (
      await as(t, manager.session)
        .post(`/api/v1/shifts/${shift.id}/close`)
        .send({ countedCash: counted })
        .expect(200)
    ).body as Record<string, number>;
    const receipts = (await as(t, manager.session).get('/api/v1/receipts').expect(200)).body.items as Array<
      typeof dinnerReceipt & { orderId: string }
    >;
    expect(receipts).toHaveLength(4);
    dinnerReceipt = receipts.find((receipt) => receipt.orderId === dinner.id)!;
    zip = await night.closeAndExport();
    files = unzipExport(zip).text;
    tables = Object.fromEntries(REFERENCE_LAYOUT.map((table) => [table.file, records(files[table.file])]));
  });

  afterAll(() => night?.end());

  it('has the 20 tables, index.xml and the DTD as published, every column as index.xml declares it', () => {
    expect(
      Object.keys(files)
        .filter((name) => !name.startsWith('tse/'))
        .sort(),
    ).toEqual([...REFERENCE_LAYOUT.map((table) => table.file), 'index.xml', 'gdpdu-01-09-2004.dtd'].sort());
    expect(REFERENCE_LAYOUT).toHaveLength(20);
    expect(files['gdpdu-01-09-2004.dtd']).toBe(REFERENCE_DTD);
    const described = describedLayout(files['index.xml']);
    expect(described).toEqual(REFERENCE_LAYOUT);
    for (const table of REFERENCE_LAYOUT) {
      expect({ file: table.file, header: files[table.file].split('\r\n')[0] }).toEqual({
        file: table.file,
        header: table.columns.map((column) => column.name).join(';'),
      });
    }
  });

  it('fills every field within its length and with its decimals', () => {
    const fits = (column: ReferenceColumn, value: string) =>
      value === '' ||
      (column.type === 'AlphaNumeric'
        ? [...value].length <= column.maxLength!
        : new RegExp(column.accuracy ? `^-?\\d+,\\d{${column.accuracy}}$` : '^-?\\d+$').test(value));
    for (const table of REFERENCE_LAYOUT) {
      for (const row of tables[table.file]) {
        for (const column of table.columns) {
          expect({ [`${table.file} ${column.name}`]: fits(column, row[column.name]) }).toEqual({
            [`${table.file} ${column.name}`]: true,
          });
        }
      }
    }
    // Every table but the agencies' and price finding's has rows: the matrix below is put to the test.
    expect(
      REFERENCE_LAYOUT.filter((table) => tables[table.file].length === 0).map((table) => table.file),
    ).toEqual(['pa.csv', 'itemamounts.csv']);
  });

  it("fills Anhang G's mandatory fields in every row", () => {
    const empty = emptyMandatoryFields(tables);
    expect(empty).toEqual([]);
    // No receipt names a customer here: the customer fields are held to the matrix only where one is named.
    expect(tables['transactions.csv'].every((row) => row.KUNDE_NAME === '' && row.KUNDE_ID === '')).toBe(
      true,
    );
  });

  it('names the operator, the currency, the articles, where it was eaten, and what a line was made of', () => {
    const bons = tables['transactions.csv'];
    const dinner = bons.find((row) => row.BON_TYP === 'Beleg' && row.TERMINAL_ID === tillIdOf('tablet_7'))!;
    expect(dinner).toMatchObject({ BEDIENER_ID: waiter.id, BEDIENER_NAME: expect.any(String) });
    expect(dinner.BEDIENER_NAME).not.toBe('');
    expect(new Set(tables['datapayment.csv'].map((row) => row.ZAHLWAEH_CODE))).toEqual(new Set(['EUR']));
    const linesOf = (bon: Row) => tables['lines.csv'].filter((row) => row.BON_ID === bon.BON_ID);
    expect(linesOf(dinner).map((row) => [row.ART_NR, row.INHAUS])).toEqual([
      [r.fries.id, '1'],
      [ids.menu, '1'],
    ]);
    const takeaway = bons.find(
      (row) => row.BON_TYP === 'Beleg' && row.BON_NOTIZ === '' && row.TERMINAL_ID.startsWith('counter'),
    )!;
    expect(linesOf(takeaway).map((row) => row.INHAUS)).toEqual(['0']);
    const parts = tables['subitems.csv'].filter((row) => row.BON_ID === dinner.BON_ID);
    expect(parts.map((row) => [row.POS_ZEILE, row.ZI_ART_NR, row.ZI_MENGE])).toEqual([
      ['1', ids.aioli, '1,000'],
      ['2', r.burger.id, '1,000'],
      ['2', r.beer.id, '1,000'],
    ]);
    const [unit] = tables['tse.csv'];
    const certificate = new X509Certificate(
      Buffer.from(unit.TSE_ZERTIFIKAT_I + unit.TSE_ZERTIFIKAT_II, 'base64'),
    );
    expect(
      uncompressedPointOf(certificate.publicKey.export({ format: 'der', type: 'spki' })).toString('base64'),
    ).toBe(unit.TSE_PUBLIC_KEY);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
  });

  it('maps odd device ids to terminal ids the layout allows, and cuts a long refund reason to BON_NOTIZ', () => {
    const terminals = tables['slaves.csv'].map((row) => row.TERMINAL_ID);
    // Each device's till id at the unit (letters and digits, 30 at most) is its terminal id too.
    const long = tillIdOf(LONG_DEVICE);
    expect(long).toMatch(/^counterterminalx{7}[0-9a-f]{8}$/);
    expect(terminals).toEqual(expect.arrayContaining([tillIdOf('tablet_7'), tillIdOf('tablet-1'), long]));
    for (const id of terminals) expect(id).toMatch(/^[A-Za-z0-9.-]{1,50}$/);
    const refund = tables['transactions.csv'].find((row) => row.BON_NAME === 'Erstattung')!;
    expect(refund).toMatchObject({ BON_NOTIZ: REASON.slice(0, 255), TERMINAL_ID: expect.any(String) });
    expect(REASON).toHaveLength(398);
  });

  it('exports the cancelled order as AVBelegabbruch with its TSE rows, and no TSE row without its Vorgang', () => {
    const bons = tables['transactions.csv'];
    expect(bons.find((row) => row.BON_ID === ids.cancelled)).toMatchObject({
      BON_TYP: 'AVBelegabbruch',
      UMS_BRUTTO: '0,00',
      BON_NOTIZ: 'guest left',
    });
    const tse = tables['transactions_tse.csv'];
    expect(tse.filter((row) => row.BON_ID === ids.cancelled).map((row) => row.TSE_TA_VORGANGSART)).toContain(
      'Bestellung-V1',
    );
    const vorgaenge = new Set(bons.map((row) => row.BON_ID));
    expect(tse.filter((row) => !vorgaenge.has(row.BON_ID))).toEqual([]);
    // The 40-line order's kitchen send is longer than TSE_VORGANGSDATEN holds: it is signed in parts that fit.
    const sends = new Map<string, string[]>();
    for (const row of tse.filter((row) => row.TSE_TA_VORGANGSART === 'Bestellung-V1')) {
      sends.set(row.BON_ID, [...(sends.get(row.BON_ID) ?? []), row.TSE_VORGANGSDATEN]);
    }
    const long = [...sends.values()].find((data) => data.join('').length > 1000)!;
    expect(long.length).toBeGreaterThan(1);
    for (const data of long) {
      expect(data).not.toBe('');
      expect(data.length).toBeLessThanOrEqual(1000);
    }
  });

  it("shows the drawer: its float, cash paid in and out, the count's difference, and the cash it held", () => {
    const cases = tables['businesscases.csv'];
    const drawerCases = ['Anfangsbestand', 'Auszahlung', 'DifferenzSollIst', 'Einzahlung'];
    expect(cases.filter((row) => drawerCases.includes(row.GV_TYP))).toEqual([
      expect.objectContaining({ GV_TYP: 'Anfangsbestand', UST_SCHLUESSEL: '5', Z_UMS_BRUTTO: '200,00000' }),
      expect.objectContaining({ GV_TYP: 'Auszahlung', UST_SCHLUESSEL: '5', Z_UMS_BRUTTO: '-20,00000' }),
      expect.objectContaining({ GV_TYP: 'DifferenzSollIst', UST_SCHLUESSEL: '5', Z_UMS_BRUTTO: '-1,00000' }),
      expect.objectContaining({ GV_TYP: 'Einzahlung', UST_SCHLUESSEL: '5', Z_UMS_BRUTTO: '50,00000' }),
    ]);
    const paidOut = tables['transactions.csv'].find((row) => row.BON_NAME === 'Auszahlung')!;
    expect(paidOut).toMatchObject({
      BON_NOTIZ: 'Lieferant bar bezahlt',
      UMS_BRUTTO: '-20,00',
      BEDIENER_ID: manager.id,
    });
    expect(tables['transactions_tse.csv'].filter((row) => row.BON_ID === paidOut.BON_ID)).toEqual([
      expect.objectContaining({
        TSE_TA_VORGANGSART: 'Kassenbeleg-V1',
        TSE_VORGANGSDATEN: 'Beleg^0.00_0.00_0.00_0.00_-20.00^-20.00:Bar',
      }),
    ]);
    // What the drawer held, from its own numbers: the float, cash taken less change and refunds, gift cards sold
    // for cash, paid in less paid out, and the count's difference (1.00 short).
    expect(drawer).toMatchObject({
      deposits: 5000,
      withdrawals: 2000,
      difference: -100,
      countedCash: counted,
    });
    const held =
      drawer.openingCash +
      drawer.cashTendered -
      drawer.changeGiven -
      drawer.cashRefunds +
      drawer.giftCardCashSales +
      drawer.deposits -
      drawer.withdrawals +
      drawer.difference;
    expect(held).toBe(counted);
    const [cash] = tables['cash_per_currency.csv'];
    expect(cash).toMatchObject({ ZAHLART_WAEH: 'EUR' });
    expect(minor(cash.ZAHLART_BETRAG_WAEH)).toBe(counted);
    expect(minor(tables['cashpointclosing.csv'][0].Z_SE_BARZAHLUNGEN)).toBe(counted);
  });

  it('exports the gift card sold as MehrzweckgutscheinKauf and the part redeemed as MehrzweckgutscheinEinloesung', () => {
    const sold = tables['transactions.csv'].find((row) => row.BON_NAME === 'Gutscheinverkauf')!;
    expect(sold).toMatchObject({ UMS_BRUTTO: '30,00', BEDIENER_ID: manager.id });
    expect(tables['lines.csv'].filter((row) => row.BON_ID === sold.BON_ID)).toEqual([
      expect.objectContaining({ GV_TYP: 'MehrzweckgutscheinKauf', GUTSCHEIN_NR: ids.voucher }),
    ]);
    expect(tables['datapayment.csv'].filter((row) => row.BON_ID === sold.BON_ID)).toEqual([
      expect.objectContaining({ ZAHLART_TYP: 'Bar', BASISWAEH_BETRAG: '30,00' }),
    ]);
    expect(tables['transactions_tse.csv'].filter((row) => row.BON_ID === sold.BON_ID)).toEqual([
      expect.objectContaining({ TSE_VORGANGSDATEN: 'Beleg^0.00_0.00_0.00_0.00_30.00^30.00:Bar' }),
    ]);
    // The 40 portions of fries (180.00), 10.00 of it from the gift card: no payment, a negative position on key 5.
    const redeemedAt = tables['lines.csv'].find((row) => row.GV_TYP === 'MehrzweckgutscheinEinloesung')!;
    expect(redeemedAt.GUTSCHEIN_NR).toBe(ids.voucher);
    const long = tables['transactions.csv'].find((row) => row.BON_ID === redeemedAt.BON_ID)!;
    expect(tables['datapayment.csv'].filter((row) => row.BON_ID === long.BON_ID)).toEqual([
      expect.objectContaining({ ZAHLART_TYP: 'Unbar', BASISWAEH_BETRAG: long.UMS_BRUTTO }),
    ]);
    const signed = tables['transactions_tse.csv'].find(
      (row) => row.BON_ID === long.BON_ID && row.TSE_TA_VORGANGSART === 'Kassenbeleg-V1',
    )!;
    expect(signed.TSE_VORGANGSDATEN).toMatch(
      /^Beleg\^\d+\.\d{2}_0\.00_0\.00_0\.00_-10\.00\^\d+\.\d{2}:Unbar$/,
    );
    const cases = tables['businesscases.csv'];
    expect(cases.filter((row) => row.GV_TYP.startsWith('Mehrzweckgutschein'))).toEqual([
      expect.objectContaining({
        GV_TYP: 'MehrzweckgutscheinEinloesung',
        UST_SCHLUESSEL: '5',
        Z_UMS_BRUTTO: '-10,00000',
      }),
      expect.objectContaining({
        GV_TYP: 'MehrzweckgutscheinKauf',
        UST_SCHLUESSEL: '5',
        Z_UMS_BRUTTO: '30,00000',
      }),
    ]);
  });

  it("starts a receipt's Vorgang when its order opened: BON_START, the printed start and the QR code's", () => {
    const opened = new Date(ids.dinnerOpened);
    expect(dinnerReceipt.fiscal.start).toBe(opened.toISOString());
    expect(dinnerReceipt.fiscal.qrCode.split(';')[6]).toBe(opened.toISOString());
    const bon = tables['transactions.csv'].find((row) => row.BON_ID === dinnerReceipt.id)!;
    expect(bon.BON_START).toBe(opened.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    // The unit signed the receipt seven minutes later, at the payment.
    const receiptRow = tables['transactions_tse.csv'].find(
      (row) => row.BON_ID === bon.BON_ID && row.TSE_TA_VORGANGSART === 'Kassenbeleg-V1',
    )!;
    expect(new Date(receiptRow.TSE_TA_START).getTime() - opened.getTime()).toBeGreaterThanOrEqual(
      7 * 60_000 - 1000,
    );
  });

  it('holds for the verifier: layout, Anhang G, every TSE row under its Vorgang, the tables and the signed data', () => {
    expect(verifyDsfinvk(zip)).toMatchObject({ problem: null, ok: true, receipts: 4 });
  });
});
