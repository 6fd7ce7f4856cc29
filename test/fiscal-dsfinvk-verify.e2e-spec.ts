/**
 * The DSFinV-K export checked from the ZIP alone: a night's orders and receipts signed by the simulated unit (two
 * tablets, a refund, an order cancelled after the kitchen had it, a gift card sold for cash, a drawer opened with
 * 200.00, 50.00 paid in, counted 1.00 short), the day closed and exported, then verified by the verify-journal
 * logic and by `npm run verify-journal -- --dsfinvk`: it holds; a changed amount, a missing transaction, a receipt
 * without its transaction, and each finding of issue 49 (a mandatory field left empty, an orphan TSE row, the
 * drawer left out, a renamed or missing table, an overlong field, wrong decimals, a tip the unit did not sign, a
 * gift card or cash paid in left out or unsigned, a gift card redeemed as a payment, a Vorgang started after the
 * unit's first transaction of it) are each named.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { signedDataProblem } from '../src/fiscal/dsfinvk/dsfinvk-consistency';
import { verifyDsfinvk } from '../src/fiscal/dsfinvk/dsfinvk-verification';
import { SHARED_TILL } from '../src/fiscal/fiscal-tills';
import { tillIdOf } from '../src/fiscal/till-ids';
import { as, NewStaff } from './support/clients';
import { records, unzipExport } from './support/dsfinvk';
import type { Restaurant } from './support/factories';
import { FiscalNight, fiscalNight } from './support/fiscal-sales';
import type { TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');

type Unit = { serial: string; publicKey: string; signed: number; pending: number; failed: number };

jest.setTimeout(180_000);

describe('The DSFinV-K export, verified from the file alone', () => {
  let night: FiscalNight;
  const folder = mkdtempSync(join(tmpdir(), 'pos-dsfinvk-verify-'));
  let t: TestApp;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let zip: Buffer;
  let unit: Unit;

  beforeAll(async () => {
    night = await fiscalNight();
    ({ t, waiter, manager, r } = night);
  });

  afterAll(async () => {
    await night?.end();
    rmSync(folder, { recursive: true, force: true });
  });

  async function order(device: string, quantity: number): Promise<{ id: string; total: number }> {
    return (
      await as(t, waiter.session)
        .post('/api/v1/orders')
        .set('X-Device-Id', device)
        .send({ type: 'takeaway', items: [{ dishId: r.fries.id, quantity }] })
        .expect(201)
    ).body as { id: string; total: number };
  }
  async function paidAndClosed(
    device: string,
    method: { id: string },
  ): Promise<{ id: string; payment: string }> {
    const placed = await order(device, 2);
    const payment = (
      await as(t, waiter.session)
        .post(`/api/v1/orders/${placed.id}/payments`)
        .send({ methodId: method.id, amount: placed.total })
        .expect(201)
    ).body as { id: string };
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${placed.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    return { id: placed.id, payment: payment.id };
  }

  it("signs a night's orders and receipts, exports the closed day, and the export holds on its own", async () => {
    const cash = { id: night.methods.cash };
    const card = { id: night.methods.card };
    const drawer = (
      await as(t, manager.session).post('/api/v1/shifts/open').send({ openingCash: 20_000 }).expect(201)
    ).body as { id: string };
    await as(t, manager.session)
      .post('/api/v1/gift-cards')
      .send({ amount: 2500, sale: { methodId: cash.id } })
      .expect(201);
    await as(t, manager.session)
      .post(`/api/v1/shifts/${drawer.id}/movements`)
      .send({ kind: 'deposit', amount: 5000, reason: 'Wechselgeld' })
      .expect(201);
    const first = await paidAndClosed('tablet-1', cash);
    await paidAndClosed('tablet-2', card);
    const cancelled = await order('tablet-2', 1);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${cancelled.id}/status`)
      .send({ status: 'cancelled', reason: 'guest left' })
      .expect(200);
    await as(t, manager.session)
      .post(`/api/v1/payments/${first.payment}/refund`)
      .send({ amount: 450, reason: 'cold fries' })
      .expect(201);
    const { expectedCash } = (await as(t, manager.session).get(`/api/v1/shifts/${drawer.id}`).expect(200))
      .body as { expectedCash: number };
    await as(t, manager.session)
      .post(`/api/v1/shifts/${drawer.id}/close`)
      .send({ countedCash: expectedCash - 100 })
      .expect(200);
    // The drawer's count is the last thing recorded (a Beleg of its own): the export waits until all is signed.
    zip = await night.closeAndExport();
    [unit] = (await as(t, manager.session).get('/api/v1/fiscal/units').expect(200)).body.items as Unit[];
    expect(unit).toMatchObject({ pending: 0, failed: 0 });

    const { text, bytes } = unzipExport(zip);
    const transactions = records(text['transactions_tse.csv']);
    expect(transactions).toHaveLength(unit.signed);
    expect(new Set(transactions.map((row) => row.TSE_TA_VORGANGSART))).toEqual(
      new Set(['Bestellung-V1', 'Kassenbeleg-V1']),
    );
    // The cancelled order's kitchen send is there, under the order: it never had a receipt.
    expect(transactions.filter((row) => row.BON_ID === cancelled.id).length).toBeGreaterThan(0);
    for (const row of transactions) expect(bytes[`tse/${unit.serial}/${row.TSE_TANR}.log`]).toBeDefined();
    expect(records(text['tse.csv'])).toEqual([
      expect.objectContaining({ TSE_ID: '1', TSE_SERIAL: unit.serial, TSE_PUBLIC_KEY: unit.publicKey }),
    ]);
    // The drawer's Belege are signed by the shared till, the orders by their tablets' tills.
    expect(records(text['slaves.csv']).map((row) => row.TERMINAL_ID)).toEqual(
      [SHARED_TILL, tillIdOf('tablet-1'), tillIdOf('tablet-2')].sort(),
    );
    const heads = records(text['transactions.csv']);
    expect(heads.find((row) => row.BON_NR === '1')!.TERMINAL_ID).toBe(tillIdOf('tablet-1'));

    expect(verifyDsfinvk(zip)).toEqual({
      ok: true,
      signed: unit.signed,
      unsigned: 0,
      receipts: 3,
      units: 1,
      problem: null,
    });
  });

  /** The export with one file's text changed by `change`. */
  function tampered(file: string, change: (lines: string[]) => string[]): Uint8Array {
    const { text, bytes } = unzipExport(zip);
    const lines = change(text[file].split('\r\n'));
    return zipSync({ ...bytes, [file]: strToU8(lines.join('\r\n')) });
  }

  it('names a changed amount, a transaction taken out, and a receipt without its transaction', () => {
    const changedAmount = tampered('transactions_tse.csv', (lines) => {
      const at = lines.findIndex((line) => line.includes('"Kassenbeleg-V1"'));
      return lines.map((line, i) =>
        i === at ? line.replace(/Beleg\^(\d+)\./, (_, d) => `Beleg^${Number(d) + 1}.`) : line,
      );
    });
    expect(verifyDsfinvk(changedAmount)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(
        /^transaction \d+ \(BON_ID .+\) of unit [0-9a-f]+: the signature does not hold/,
      ),
    });

    const takenOut = tampered('transactions_tse.csv', (lines) => lines.filter((_, i) => i !== 2));
    expect(verifyDsfinvk(takenOut).problem).toMatch(
      new RegExp(`^the signature counter of unit ${unit.serial} jumps`),
    );

    // A signed receipt passed off as one the unit failed: its counter is missing all the same.
    const firstReceipt = records(unzipExport(zip).text['transactions.csv']).find(
      (row) => row.BON_NR === '1',
    )!;
    const passedOff = tampered('transactions_tse.csv', (lines) =>
      lines.map((line) => {
        // The first receipt's, with signed transactions on either side.
        if (!line.includes('"Kassenbeleg-V1"') || !line.includes(`"${firstReceipt.BON_ID}"`)) return line;
        const fields = line.split(';');
        [fields[4], fields[9], fields[10], fields[11]] = ['', '', '', '"TSE ausgefallen"'];
        return fields.join(';');
      }),
    );
    expect(verifyDsfinvk(passedOff).problem).toMatch(
      new RegExp(`^the signature counter of unit ${unit.serial} jumps`),
    );

    const receiptId = records(unzipExport(zip).text['transactions.csv'])[0].BON_ID;
    const unlinked = tampered('transactions_tse.csv', (lines) =>
      lines.map((line) => line.replaceAll(`"${receiptId}"`, '"someone-else"')),
    );
    expect(verifyDsfinvk(unlinked).problem).toBe(`receipt 1 (BON_ID ${receiptId}) has no TSE transaction`);
  });

  /** The export with `column` set to `value` in the first row of `file` that `which` picks. */
  function withField(
    file: string,
    which: (row: Record<string, string>) => boolean,
    column: string,
    value: string,
  ) {
    const rows = records(unzipExport(zip).text[file]);
    const at = rows.findIndex(which);
    expect(at).toBeGreaterThanOrEqual(0);
    return tampered(file, (lines) => {
      const header = lines[0].split(';');
      return lines.map((line, i) => {
        if (i !== at + 1) return line;
        const fields = line.split(';');
        fields[header.indexOf(column)] = value;
        return fields.join(';');
      });
    });
  }

  it("names each finding of issue 49 as the export's omission or tampering", () => {
    const heads = records(unzipExport(zip).text['transactions.csv']);
    const receipt = heads.find((row) => row.BON_NR === '1')!;
    expect(
      verifyDsfinvk(withField('transactions.csv', (row) => row.BON_NR === '1', 'BEDIENER_ID', '')).problem,
    ).toBe(
      `transactions.csv row ${heads.indexOf(receipt) + 1} (BON_ID ${receipt.BON_ID}) leaves the mandatory BEDIENER_ID empty`,
    );
    expect(verifyDsfinvk(withField('datapayment.csv', () => true, 'ZAHLWAEH_CODE', '')).problem).toMatch(
      /^datapayment\.csv row 1 .* leaves the mandatory ZAHLWAEH_CODE empty$/,
    );
    expect(verifyDsfinvk(withField('tse.csv', () => true, 'TSE_ZERTIFIKAT_I', '')).problem).toBe(
      'tse.csv row 1 leaves the mandatory TSE_ZERTIFIKAT_I empty',
    );

    // The cancelled order's Bon taken out: its kitchen sends are orphans.
    const cancel = heads.find((row) => row.BON_TYP === 'AVBelegabbruch')!;
    const orphaned = tampered('transactions.csv', (lines) =>
      lines.filter((line) => !line.includes(cancel.BON_ID)),
    );
    expect(verifyDsfinvk(orphaned).problem).toMatch(
      new RegExp(
        `^transaction \\d+ belongs to BON_ID ${cancel.BON_ID}, which transactions.csv of Z 1 does not hold$`,
      ),
    );

    // The drawer left out of the cash per currency: only the sales' cash.
    const sales = records(unzipExport(zip).text['datapayment.csv'])
      .filter((row) => row.ZAHLART_TYP === 'Bar' && !row.BON_ID.match(/^[ADM]-/))
      .reduce((sum, row) => sum + Number(row.BASISWAEH_BETRAG.replace(',', '.')), 0);
    const noDrawer = withField(
      'cash_per_currency.csv',
      () => true,
      'ZAHLART_BETRAG_WAEH',
      sales.toFixed(2).replace('.', ','),
    );
    expect(verifyDsfinvk(noDrawer).problem).toBe("Z 1: cash_per_currency.csv is not the Bons' cash");
    const drawer = heads.find((row) => row.BON_ID.startsWith('A-'))!;
    expect(drawer).toMatchObject({ BON_NAME: 'Kassenöffnung', UMS_BRUTTO: '200,00' });

    // The layout: the column's published name, the table that was missing, the DTD, lengths and decimals.
    const renamed = tampered('transactions_tse.csv', (lines) =>
      lines.map((line, i) => (i === 0 ? line.replace('TSE_VORGANGSDATEN', 'TSE_TA_VORGANGSDATEN') : line)),
    );
    expect(verifyDsfinvk(renamed).problem).toMatch(
      /^transactions_tse\.csv has the columns .*TSE_TA_VORGANGSDATEN/,
    );
    const { bytes } = unzipExport(zip);
    const withoutSubitems = Object.fromEntries(
      Object.entries(bytes).filter(([name]) => name !== 'subitems.csv'),
    );
    expect(verifyDsfinvk(zipSync(withoutSubitems)).problem).toBe(
      'subitems.csv (Bonpos_Zusatzinfo) is missing',
    );
    const withoutDtd = Object.fromEntries(Object.entries(bytes).filter(([name]) => !name.endsWith('.dtd')));
    expect(verifyDsfinvk(zipSync(withoutDtd)).problem).toBe(
      'index.xml and gdpdu-01-09-2004.dtd must be in the export',
    );
    expect(
      verifyDsfinvk(withField('slaves.csv', () => true, 'TERMINAL_ID', `"${'t'.repeat(60)}"`)).problem,
    ).toBe('slaves.csv row 1 TERMINAL_ID is longer than 50');
    expect(
      verifyDsfinvk(withField('transactions_vat.csv', () => true, 'BON_BRUTTO', '12,345678')).problem,
    ).toBe('transactions_vat.csv row 1 BON_BRUTTO "12,345678" is no number of 5 decimals');
  });

  it('names a gift card sold or cash paid in left out or unsigned, and a Vorgang started after its first signature', () => {
    const heads = records(unzipExport(zip).text['transactions.csv']);
    for (const name of ['Gutscheinverkauf', 'Einzahlung']) {
      const bon = heads.find((row) => row.BON_NAME === name)!;
      expect(bon).toBeDefined();
      // Left out of the tables: the unit's transaction of it is an orphan.
      const leftOut = tampered('transactions.csv', (lines) =>
        lines.filter((line) => !line.includes(bon.BON_ID)),
      );
      expect(verifyDsfinvk(leftOut).problem).toMatch(
        new RegExp(
          `^transaction \\d+ belongs to BON_ID ${bon.BON_ID}, which transactions.csv of Z 1 does not hold$`,
        ),
      );
      // A Bon of money no transaction signed.
      const unsigned = withField(
        'transactions.csv',
        (row) => row.BON_ID === bon.BON_ID,
        'BON_ID',
        '"unsigned"',
      );
      expect(verifyDsfinvk(unsigned).problem).toBe(
        `the Bon ${name} (BON_ID unsigned) has no Kassenbeleg-V1 transaction`,
      );
    }
    // The Vorgang began when its order opened: a BON_START later than the unit's first start of it is named.
    const receipt = heads.find((row) => row.BON_NR === '1')!;
    const late = withField(
      'transactions.csv',
      (row) => row.BON_NR === '1',
      'BON_START',
      '2099-01-01T00:00:00Z',
    );
    expect(verifyDsfinvk(late).problem).toMatch(
      new RegExp(
        `^the Bon 1 \\(BON_ID ${receipt.BON_ID}\\) starts at 2099-01-01T00:00:00Z, after its first TSE transaction`,
      ),
    );
  });

  it('names a receipt whose tip the unit did not sign: the tables and the signed data disagree', () => {
    const bon = { Z_NR: '1', BON_ID: 'r1', BON_NR: '7' };
    const tables = {
      'transactions.csv': [{ ...bon, UMS_BRUTTO: '18,40' }],
      'transactions_vat.csv': [
        { ...bon, UST_SCHLUESSEL: '1', BON_BRUTTO: '15,40000' },
        { ...bon, UST_SCHLUESSEL: '5', BON_BRUTTO: '3,00000' },
      ],
      'datapayment.csv': [{ ...bon, ZAHLART_TYP: 'Unbar', BASISWAEH_BETRAG: '18,40' }],
    };
    expect(
      signedDataProblem(tables, new Map([['1|r1', 'Beleg^15.40_0.00_0.00_0.00_0.00^15.40:Unbar']])),
    ).toBe(
      'receipt 7 (BON_ID r1): the unit signed the amounts 15.40_0.00_0.00_0.00_0.00 per VAT place, the tables 15.40_0.00_0.00_0.00_3.00',
    );
    // Signed on the not-taxable place with its payment, as the DSFinV-K asks: it holds.
    expect(
      signedDataProblem(tables, new Map([['1|r1', 'Beleg^15.40_0.00_0.00_0.00_3.00^18.40:Unbar']])),
    ).toBeNull();
    expect(
      signedDataProblem(tables, new Map([['1|r1', 'Beleg^15.40_0.00_0.00_0.00_3.00^15.40:Unbar']])),
    ).toBe('receipt 7 (BON_ID r1): the unit signed other Unbar payments than the tables hold');
    // A gift card redeemed is signed as a Mehrzweckgutschein's Einlösung (negative, not taxable), no payment: the
    // tables that carry it as a payment instead disagree.
    const redeemed = {
      'transactions.csv': [{ ...bon, UMS_BRUTTO: '15,40' }],
      'transactions_vat.csv': [{ ...bon, UST_SCHLUESSEL: '1', BON_BRUTTO: '15,40000' }],
      'datapayment.csv': [
        { ...bon, ZAHLART_TYP: 'Unbar', BASISWAEH_BETRAG: '10,00' },
        { ...bon, ZAHLART_TYP: 'Bar', BASISWAEH_BETRAG: '5,40' },
      ],
    };
    expect(
      signedDataProblem(redeemed, new Map([['1|r1', 'Beleg^15.40_0.00_0.00_0.00_-10.00^5.40:Bar']])),
    ).toBe(
      'receipt 7 (BON_ID r1): the unit signed the amounts 15.40_0.00_0.00_0.00_-10.00 per VAT place, the tables 15.40_0.00_0.00_0.00_0.00',
    );
  });

  it('answers through npm run verify-journal -- --dsfinvk: 0 with a summary, 1 naming the first bad one', async () => {
    const run = async (file: string) => {
      const child = spawn('npm', ['run', '-s', 'verify-journal', '--', '--dsfinvk', file], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ROOT },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];
      return { code, stdout, stderr };
    };
    const good = join(folder, 'export.zip');
    writeFileSync(good, zip);
    const bad = join(folder, 'tampered.zip');
    writeFileSync(
      bad,
      tampered('transactions_tse.csv', (lines) => lines.filter((_, i) => i !== 2)),
    );

    const [holds, broken] = await Promise.all([run(good), run(bad)]);
    expect(holds).toMatchObject({ code: 0, stderr: '' });
    expect(holds.stdout).toBe(
      `The DSFinV-K export holds: ${unit.signed} signed transactions checked, 0 marked unsigned by the unit, ` +
        '3 receipts, 1 unit(s).\n',
    );
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(
      `The DSFinV-K export does not hold: the signature counter of unit ${unit.serial}`,
    );
  });
});
