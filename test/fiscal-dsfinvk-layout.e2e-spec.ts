/**
 * The DSFinV-K export against the published layout (test/fixtures/dsfinvk/, with its sources): a night signed by
 * the simulated unit with a dine-in order of a dish with a modifier and a combo on `tablet_7`, a takeaway on a
 * device with a 60-character id refunded with a 398-character reason, a 40-line order, an order cancelled after
 * the kitchen had it, and a drawer opened with 200.00 and counted 1.00 short. The export's index.xml, its DTD,
 * every table and column (name, order, type, length, decimals) and Anhang G's mandatory fields are compared with
 * the reference, and the cases the layout names are checked where they land.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../src/common/access/role';
import { verifyDsfinvk } from '../src/fiscal/dsfinvk/dsfinvk-verification';
import { tillIdOf } from '../src/fiscal/till-ids';
import { uncompressedPointOf } from '../src/fiscal/tse-log-message';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { binary } from './support/document-readers';
import {
  MANDATORY_FIELDS,
  records,
  REFERENCE_DTD,
  REFERENCE_LAYOUT,
  ReferenceColumn,
  unzipExport,
} from './support/dsfinvk';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/webhook-receiver';

const DAY_MS = 24 * 60 * 60_000;
const LONG_DEVICE = `counter-terminal-${'x'.repeat(43)}`;
const REASON =
  `The guest found the beer flat. ${'Die Reklamation wurde am Tresen aufgenommen. '.repeat(10)}`.slice(
    0,
    398,
  );

type Row = Record<string, string>;

jest.setTimeout(240_000);

describe('The DSFinV-K export against the published layout', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  const folder = mkdtempSync(join(tmpdir(), 'pos-dsfinvk-layout-'));
  let files: Record<string, string>;
  let tables: Record<string, Row[]>;
  let zip: Buffer;
  const ids: Record<string, string> = {};
  let counted = 0;

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
    t = await startTestApp({
      FISCAL_SIGNER: 'simulated-tse',
      FISCAL_TSE_DIR: join(folder, 'tse'),
      RESTAURANT_NAME: 'Zur Linde',
      RESTAURANT_ADDRESS: 'Lindenstraße 1\\n10115 Berlin',
      RESTAURANT_TAX_ID: 'DE123456789',
    });
    t.clock.moveToMidBusinessDay();
    admin = await loginAdmin(t);
    const make = factories(t, admin);
    await make.newTaxRate({ name: 'MwSt 19 %', percent: 19, isDefault: true });
    r = await make.newRestaurant();
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    const sauce = (
      await as(t, admin)
        .post('/api/v1/modifier-groups')
        .send({
          name: 'Sauce',
          minChoices: 0,
          maxChoices: 1,
          options: [{ name: 'Aioli', priceDelta: 150, sortOrder: 0 }],
        })
        .expect(201)
    ).body as { id: string; options: Array<{ id: string }> };
    ids.aioli = sauce.options[0].id;
    await as(t, admin)
      .patch(`/api/v1/dishes/${r.fries.id}`)
      .send({ modifierGroupIds: [sauce.id] })
      .expect(200);
    const choice = (dish: { id: string; variations: Array<{ id: string }> }) => ({
      dishId: dish.id,
      variationId: dish.variations[0].id,
      upcharge: 0,
    });
    const menu = (
      await as(t, admin)
        .post('/api/v1/dishes')
        .send({
          name: 'Menu',
          price: 1500,
          categoryId: r.category.id,
          combo: {
            slots: [
              { name: 'Main', minChoices: 1, maxChoices: 1, choices: [choice(r.burger)] },
              { name: 'Drink', minChoices: 1, maxChoices: 1, choices: [choice(r.beer)] },
            ],
          },
        })
        .expect(201)
    ).body as { id: string };
    ids.menu = menu.id;
    const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Array<{
      id: string;
      kind: string;
    }>;
    const cash = methods.find((method) => method.kind === 'cash')!.id;
    const card = methods.find((method) => method.kind === 'card')!.id;

    const shift = (
      await as(t, manager.session).post('/api/v1/shifts/open').send({ openingCash: 20_000 }).expect(201)
    ).body as { id: string };
    const dinner = (
      await post(
        '/api/v1/orders',
        {
          type: 'dine_in',
          tableId: r.table.id,
          items: [
            { dishId: r.fries.id, quantity: 1, modifiers: [{ optionId: ids.aioli }] },
            {
              dishId: menu.id,
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
    await settle(long, card, 'tablet-1');
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
    await as(t, manager.session)
      .post(`/api/v1/shifts/${shift.id}/close`)
      .send({ countedCash: counted })
      .expect(200);
    await eventually('every receipt signed', async () => {
      const receipts = (await as(t, manager.session).get('/api/v1/receipts').expect(200)).body
        .items as Array<{
        fiscal: { state: string } | null;
      }>;
      return receipts.length === 4 && receipts.every((receipt) => receipt.fiscal?.state === 'signed');
    });
    const { businessDay } = (
      await as(t, manager.session).post('/api/v1/business-days/close').send({}).expect(201)
    ).body as { businessDay: string };
    t.clock.advance(DAY_MS);
    zip = (
      await as(t, manager.session)
        .get(`/api/v1/fiscal/dsfinvk?from=${businessDay}&to=${businessDay}`)
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;
    files = unzipExport(zip).text;
    tables = Object.fromEntries(REFERENCE_LAYOUT.map((table) => [table.file, records(files[table.file])]));
  });

  afterAll(async () => {
    await t?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('has the 20 tables, index.xml and the DTD as published, every column as index.xml declares it', () => {
    expect(
      Object.keys(files)
        .filter((name) => !name.startsWith('tse/'))
        .sort(),
    ).toEqual([...REFERENCE_LAYOUT.map((table) => table.file), 'index.xml', 'gdpdu-01-09-2004.dtd'].sort());
    expect(REFERENCE_LAYOUT).toHaveLength(20);
    expect(files['gdpdu-01-09-2004.dtd']).toBe(REFERENCE_DTD);
    const described = [...files['index.xml'].matchAll(/<Table>([\s\S]*?)<\/Table>/g)].map(([, table]) => ({
      file: /<URL>(.*?)<\/URL>/.exec(table)![1],
      name: /<Name>(.*?)<\/Name>/.exec(table)![1],
      columns: [...table.matchAll(/<VariableColumn>([\s\S]*?)<\/VariableColumn>/g)].map(([, column]) => {
        const name = /<Name>(.*?)<\/Name>/.exec(column)![1];
        if (column.includes('<AlphaNumeric/>')) {
          return {
            name,
            type: 'AlphaNumeric',
            maxLength: Number(/<MaxLength>(\d+)<\/MaxLength>/.exec(column)![1]),
          };
        }
        return {
          name,
          type: 'Numeric',
          accuracy: Number(/<Accuracy>(\d+)<\/Accuracy>/.exec(column)?.[1] ?? 0),
        };
      }),
    }));
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
    const continued = (file: string, column: string, row: Row) =>
      file === 'tse.csv' && column === 'TSE_ZERTIFIKAT_II' && [...row.TSE_ZERTIFIKAT_I].length < 1000;
    const failed = (file: string, row: Row) => file === 'transactions_tse.csv' && row.TSE_TA_FEHLER !== '';
    const customer = (file: string, column: string) =>
      file === 'transactions.csv' && ['KUNDE_NAME', 'KUNDE_ID', 'KUNDE_TYP'].includes(column);
    const empty: string[] = [];
    for (const [file, columns] of Object.entries(MANDATORY_FIELDS)) {
      for (const [i, row] of tables[file].entries()) {
        for (const [column, rule] of Object.entries(columns)) {
          const needed =
            (rule === 'mandatory' &&
              !continued(file, column, row) &&
              !customer(file, column) &&
              !failed(file, row)) ||
            (rule === 'ifItem' && row.GV_TYP === 'Umsatz');
          if (needed && row[column] === '') empty.push(`${file} row ${i + 1} ${column}`);
        }
        const group = Object.keys(columns).filter((column) => columns[column] === 'oneOf');
        if (group.length > 0 && group.every((column) => row[column] === ''))
          empty.push(`${file} row ${i + 1}`);
      }
    }
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

  it("shows the drawer: its float, the count's difference, and the cash it held", () => {
    const cases = tables['businesscases.csv'];
    expect(cases.filter((row) => ['Anfangsbestand', 'DifferenzSollIst'].includes(row.GV_TYP))).toEqual([
      expect.objectContaining({ GV_TYP: 'Anfangsbestand', UST_SCHLUESSEL: '5', Z_UMS_BRUTTO: '200,00000' }),
      expect.objectContaining({ GV_TYP: 'DifferenzSollIst', UST_SCHLUESSEL: '5', Z_UMS_BRUTTO: '-1,00000' }),
    ]);
    const [cash] = tables['cash_per_currency.csv'];
    expect(cash).toMatchObject({ ZAHLART_WAEH: 'EUR' });
    // 200.00 float, 11.00 for the beers, 5.50 refunded, 1.00 short: what was counted.
    expect(cash.ZAHLART_BETRAG_WAEH).toBe('204,50');
    expect(counted).toBe(20_450);
    expect(tables['cashpointclosing.csv'][0].Z_SE_BARZAHLUNGEN).toBe('204,50');
  });

  it('holds for the verifier: layout, Anhang G, every TSE row under its Vorgang, the tables and the signed data', () => {
    expect(verifyDsfinvk(zip)).toMatchObject({ problem: null, ok: true, receipts: 4 });
  });
});
