/**
 * The DSFinV-K export: a night with two VAT rates, cash and card with a tip, a refund on the same day and one on
 * the next, two closed days; the ZIP's files and every CSV's header row against the DSFinV-K layout, index.xml
 * describing them, the rows' amounts against the receipts, and who may export what.
 */
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { binary } from './support/document-readers';
import { DSFINVK_COLUMNS, indexTables, minor, records, unzipExport } from './support/dsfinvk';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60_000;

type Receipt = {
  id: string;
  number: number;
  kind: 'sale' | 'refund';
  refundOf: string | null;
  businessDay: string;
  total: number;
  tips: number;
  taxes: Array<{ percent: number; net: number; tax: number; gross: number }>;
  payments: Array<{ paymentId: string; method: string; kind: string; amount: number; tip: number }>;
};
type Method = { id: string; kind: string; name: string };

/** DSFinV-K's keys of the two German rates (Anhang B) and of tips, which are not taxable. */
const KEY_OF_PERCENT: Record<number, string> = { 19: '1', 7: '2' };
const TIPS_KEY = '5';

jest.setTimeout(120_000);

describe('The DSFinV-K export', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let soup: { id: string };
  let cash: Method;
  let card: Method;
  let days: string[];

  const exportOf = (from: string, to: string, session: Session = manager.session) =>
    as(t, session).get(`/api/v1/fiscal/dsfinvk?from=${from}&to=${to}`).buffer(true).parse(binary);

  async function order(
    items: Array<{ dishId: string; quantity: number }>,
  ): Promise<{ id: string; total: number }> {
    return (await as(t, waiter.session).post('/api/v1/orders').send({ type: 'takeaway', items }).expect(201))
      .body as { id: string; total: number };
  }
  const pay = async (orderId: string, body: { methodId: string; amount: number; tip?: number }) =>
    (await as(t, waiter.session).post(`/api/v1/orders/${orderId}/payments`).send(body).expect(201)).body as {
      id: string;
    };
  const close = (orderId: string) =>
    as(t, waiter.session).patch(`/api/v1/orders/${orderId}/status`).send({ status: 'closed' }).expect(200);
  const refund = (paymentId: string, amount: number) =>
    as(t, manager.session)
      .post(`/api/v1/payments/${paymentId}/refund`)
      .send({ amount, reason: 'cold soup' })
      .expect(201);
  const closeDay = async () =>
    (
      await as(t, manager.session)
        .post('/api/v1/business-days/close')
        .send({ uncountedCashConfirmed: true })
        .expect(201)
    ).body as {
      businessDay: string;
      number: number;
    };

  beforeAll(async () => {
    t = await startTestApp({
      RESTAURANT_NAME: 'Zur Linde',
      RESTAURANT_ADDRESS: 'Lindenstraße 1\\n10115 Berlin',
      RESTAURANT_TAX_ID: 'DE123456789',
    });
    t.clock.moveToMidBusinessDay();
    admin = await loginAdmin(t);
    const make = factories(t, admin);
    await make.newTaxRate({ name: 'MwSt 19 %', percent: 19, isDefault: true });
    const reduced = await make.newTaxRate({ name: 'MwSt 7 %', percent: 7 });
    r = await make.newRestaurant();
    soup = await make.newDish({
      name: 'Soup',
      categoryId: r.category.id,
      stationId: r.grill.id,
      price: 700,
      taxRateIds: [reduced.id],
    });
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Method[];
    cash = methods.find((method) => method.kind === 'cash')!;
    card = methods.find((method) => method.kind === 'card')!;

    // The first night: a burger and a soup paid part cash, part card with a tip; two beers in cash, one refunded.
    const dinner = await order([
      { dishId: r.fries.id, quantity: 2 },
      { dishId: soup.id, quantity: 1 },
    ]);
    const dinnerCash = await pay(dinner.id, { methodId: cash.id, amount: 1000 });
    await pay(dinner.id, { methodId: card.id, amount: dinner.total - 1000, tip: 200 });
    await close(dinner.id);
    const drinks = await order([{ dishId: r.beer.id, quantity: 2 }]);
    const drinksCash = await pay(drinks.id, { methodId: cash.id, amount: drinks.total });
    await close(drinks.id);
    await refund(drinksCash.id, 550);
    const first = await closeDay();
    // The next night: the first night's soup refunded, and the day closed empty of sales otherwise.
    t.clock.advance(DAY_MS);
    await refund(dinnerCash.id, 700);
    const second = await closeDay();
    days = [first.businessDay, second.businessDay];
    expect([first.number, second.number]).toEqual([1, 2]);
  });

  afterAll(() => t?.close());

  async function receipts(): Promise<Receipt[]> {
    return (
      (await as(t, manager.session).get('/api/v1/fiscal/journal').expect(200)).body as { receipts: Receipt[] }
    ).receipts;
  }

  it('answers a ZIP with every DSFinV-K table in its layout and index.xml describing each', async () => {
    const response = await exportOf(days[0], days[1]).expect(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="dsfinvk-${days[0]}-${days[1]}.zip"`,
    );
    const { text } = unzipExport(response.body as Buffer);
    expect(Object.keys(text).sort()).toEqual(
      [...Object.keys(DSFINVK_COLUMNS), 'index.xml', 'gdpdu-01-09-2004.dtd'].sort(),
    );
    for (const [file, columns] of Object.entries(DSFINVK_COLUMNS)) {
      expect({ file, header: text[file].split('\r\n')[0].split(';') }).toEqual({ file, header: columns });
      expect(text[file].endsWith('\r\n')).toBe(true);
      expect(text[file].replace(/\r\n/g, '')).not.toMatch(/\n/);
    }
    expect(text['index.xml']).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<!DOCTYPE DataSet SYSTEM "gdpdu-01-09-2004.dtd">/,
    );
    const tables = indexTables(text['index.xml']);
    expect(tables.map((table) => table.url).sort()).toEqual(Object.keys(DSFINVK_COLUMNS).sort());
    for (const table of tables)
      expect({ [table.url]: table.columns }).toEqual({ [table.url]: DSFINVK_COLUMNS[table.url] });
    expect(tables.find((table) => table.url === 'transactions.csv')!.name).toBe('Bonkopf');
  });

  it('writes each receipt with the amounts it carries: per rate, per payment, per line, and per closing', async () => {
    const { text } = unzipExport((await exportOf(days[0], days[1]).expect(200)).body as Buffer);
    const all = await receipts();
    expect(all.map((receipt) => receipt.kind)).toEqual(['sale', 'sale', 'refund', 'refund']);
    const closings = records(text['cashpointclosing.csv']);
    expect(closings.map((row) => [row.Z_NR, row.Z_BUCHUNGSTAG])).toEqual([
      ['1', days[0]],
      ['2', days[1]],
    ]);
    expect(closings[0]).toMatchObject({
      Z_KASSE_ID: 'KASSE-1',
      NAME: 'Zur Linde',
      STRASSE: 'Lindenstraße 1',
    });
    expect(closings[0]).toMatchObject({ PLZ: '10115', ORT: 'Berlin', LAND: 'DEU', USTID: 'DE123456789' });

    const heads = records(text['transactions.csv']);
    expect(heads.map((row) => [row.BON_ID, row.BON_NR])).toEqual(
      all.map((receipt) => [receipt.id, String(receipt.number)]),
    );
    const zOf = (receipt: Receipt) => (receipt.businessDay === days[0] ? '1' : '2');
    for (const receipt of all) {
      const head = heads.find((row) => row.BON_ID === receipt.id)!;
      expect(head).toMatchObject({ Z_NR: zOf(receipt), BON_TYP: 'Beleg', BON_STORNO: '0' });
      expect(minor(head.UMS_BRUTTO)).toBe(receipt.total + receipt.tips);

      const vat = records(text['transactions_vat.csv']).filter((row) => row.BON_ID === receipt.id);
      const expectedVat = receipt.taxes.map((row) => ({
        key: KEY_OF_PERCENT[row.percent],
        gross: row.gross,
        net: row.net,
        tax: row.tax,
      }));
      if (receipt.tips !== 0)
        expectedVat.push({ key: TIPS_KEY, gross: receipt.tips, net: receipt.tips, tax: 0 });
      const exportedVat = vat.map((row) => ({
        key: row.UST_SCHLUESSEL,
        gross: minor(row.BON_BRUTTO),
        net: minor(row.BON_NETTO),
        tax: minor(row.BON_UST),
      }));
      expect(exportedVat.sort((a, b) => a.key.localeCompare(b.key))).toEqual(
        expectedVat.sort((a, b) => a.key.localeCompare(b.key)),
      );

      // The positions add up to the receipt, rate by rate, to the cent.
      const lineVat = records(text['lines_vat.csv']).filter((row) => row.BON_ID === receipt.id);
      for (const rate of expectedVat) {
        const ofRate = lineVat.filter((row) => row.UST_SCHLUESSEL === rate.key);
        expect([rate.key, ofRate.reduce((sum, row) => sum + minor(row.POS_BRUTTO), 0)]).toEqual([
          rate.key,
          rate.gross,
        ]);
        expect([rate.key, ofRate.reduce((sum, row) => sum + minor(row.POS_UST), 0)]).toEqual([
          rate.key,
          rate.tax,
        ]);
      }

      const paid = records(text['datapayment.csv']).filter((row) => row.BON_ID === receipt.id);
      expect(paid.map((row) => [row.ZAHLART_TYP, row.ZAHLART_NAME, minor(row.BASISWAEH_BETRAG)])).toEqual(
        receipt.payments.map((payment) => [
          payment.kind === 'cash' ? 'Bar' : 'Unbar',
          payment.method,
          payment.amount + payment.tip,
        ]),
      );
    }
    const [dinner, drinks] = all;
    expect(dinner.taxes.map((row) => row.percent).sort()).toEqual([19, 7]);
    const dinnerLines = records(text['lines.csv']).filter((row) => row.BON_ID === dinner.id);
    expect(dinnerLines.map((row) => row.GV_TYP)).toEqual(['Umsatz', 'Umsatz', 'TrinkgeldAN']);
    // Each line at its own rate, as its order item was: the fries at 19 %, the soup at 7 %, the tip not taxable.
    const dinnerVat = records(text['lines_vat.csv']).filter((row) => row.BON_ID === dinner.id);
    expect(dinnerVat.map((row) => [row.POS_ZEILE, row.UST_SCHLUESSEL, minor(row.POS_BRUTTO)])).toEqual([
      ['1', '1', 900],
      ['2', '2', 700],
      ['3', '5', 200],
    ]);

    // A refund names the sale it gives money back from, in that sale's closing.
    const references = records(text['references.csv']);
    expect(references.map((row) => [row.BON_ID, row.REF_TYP, row.REF_Z_NR, row.REF_BON_ID])).toEqual([
      [all[2].id, 'Transaktion', '1', drinks.id],
      [all[3].id, 'Transaktion', '1', dinner.id],
    ]);

    // Each closing's sums are its receipts' sums.
    for (const z of ['1', '2']) {
      const ofZ = all.filter((receipt) => zOf(receipt) === z);
      const payments = ofZ.flatMap((receipt) => receipt.payments);
      const cashPaid = payments.filter((payment) => payment.kind === 'cash');
      const total = (list: typeof payments) =>
        list.reduce((sum, payment) => sum + payment.amount + payment.tip, 0);
      const closing = closings.find((row) => row.Z_NR === z)!;
      expect(minor(closing.Z_SE_ZAHLUNGEN)).toBe(total(payments));
      expect(minor(closing.Z_SE_BARZAHLUNGEN)).toBe(total(cashPaid));
      const byMethod = records(text['payment.csv']).filter((row) => row.Z_NR === z);
      expect(byMethod.reduce((sum, row) => sum + minor(row.Z_ZAHLART_BETRAG), 0)).toBe(total(payments));
      const perCurrency = records(text['cash_per_currency.csv']).filter((row) => row.Z_NR === z);
      expect(perCurrency.map((row) => [row.ZAHLART_WAEH, minor(row.ZAHLART_BETRAG_WAEH)])).toEqual([
        ['EUR', total(cashPaid)],
      ]);
      const cases = records(text['businesscases.csv']).filter((row) => row.Z_NR === z);
      const turnover = cases.filter((row) => row.GV_TYP !== 'TrinkgeldAN');
      expect(turnover.reduce((sum, row) => sum + minor(row.Z_UMS_BRUTTO), 0)).toBe(
        ofZ.reduce((sum, receipt) => sum + receipt.total, 0),
      );
      expect(turnover.reduce((sum, row) => sum + minor(row.Z_UST), 0)).toBe(
        ofZ.flatMap((receipt) => receipt.taxes).reduce((sum, row) => sum + row.tax, 0),
      );
    }
    expect(
      records(text['vat.csv'])
        .filter((row) => row.Z_NR === '1')
        .map((row) => [row.UST_SCHLUESSEL, row.UST_SATZ]),
    ).toEqual([
      ['1', '19,00'],
      ['2', '7,00'],
      ['5', '0,00'],
      ['6', '0,00'],
    ]);
  });

  it('refuses a period with a day not closed yet with 409 naming the day', async () => {
    const today = (await as(t, manager.session).get('/api/v1/reports/shift').expect(200)).body
      .businessDay as string;
    const open = await exportOf(days[0], today).expect(409);
    expect(open.body).toBeInstanceOf(Buffer);
    const body = JSON.parse((open.body as Buffer).toString('utf8')) as {
      error: { code: string; details: unknown };
    };
    expect(body.error).toMatchObject({ code: 'BUSINESS_DAY_OPEN', details: { businessDay: today } });
  });

  it('refuses a past day with sales that was never closed, and exports a past day without sales', async () => {
    const today = (await as(t, manager.session).get('/api/v1/reports/shift').expect(200)).body
      .businessDay as string;
    const late = await order([{ dishId: r.beer.id, quantity: 1 }]);
    await pay(late.id, { methodId: cash.id, amount: late.total });
    await close(late.id);
    t.clock.advance(2 * DAY_MS);
    const open = await exportOf(days[0], today).expect(409);
    const body = JSON.parse((open.body as Buffer).toString('utf8')) as {
      error: { code: string; details: unknown };
    };
    expect(body.error).toMatchObject({ code: 'BUSINESS_DAY_OPEN', details: { businessDay: today } });
    expect(body.error).toMatchObject({ message: expect.stringContaining(today) });

    const restDay = new Date(Date.parse(`${today}T12:00:00Z`) - 10 * DAY_MS).toISOString().slice(0, 10);
    const { text } = unzipExport((await exportOf(restDay, restDay).expect(200)).body as Buffer);
    expect(records(text['transactions.csv'])).toEqual([]);
    expect(records(text['cashpointclosing.csv'])).toEqual([]);
  });

  it('refuses bad periods with 422 and anyone but a manager or an admin', async () => {
    const problem = async (query: string) => {
      const response = await as(t, manager.session).get(`/api/v1/fiscal/dsfinvk${query}`).expect(422);
      return (response.body as { error: { code: string; details: Array<{ field: string }> } }).error;
    };
    expect(await problem(`?from=${days[1]}&to=${days[0]}`)).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ field: 'from' }],
    });
    expect(await problem('?from=2024-01-01&to=2025-01-01')).toMatchObject({ details: [{ field: 'to' }] });
    expect(await problem('?from=2024-02-30&to=2024-03-01')).toMatchObject({ details: [{ field: 'from' }] });
    expect(await problem('?from=yesterday&to=today')).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(await problem(`?from=${days[0]}`)).toMatchObject({ details: [{ field: 'to' }] });
    await exportOf('2024-01-01', '2024-12-31').expect(200);

    await t.http().get(`/api/v1/fiscal/dsfinvk?from=${days[0]}&to=${days[1]}`).expect(401);
    await exportOf(days[0], days[1], waiter.session).expect(403);
    await exportOf(days[0], days[1], admin).expect(200);
  });
});
