import { strFromU8, unzipSync } from 'fflate';
import { logMessageOf, signatureHolds, signedPart, TransactionLogFields } from '../tse-log-message';
import { crossTableProblem, layoutOf, mandatoryProblem, signedDataProblem } from './dsfinvk-consistency';
import { tillIdOf } from '../till-ids';
import { scaledOf } from './dsfinvk-files';

/** The outcome of checking a DSFinV-K export on its own, as `npm run verify-journal -- --dsfinvk` prints it. */
export interface DsfinvkVerification {
  ok: boolean;
  /** Signed transactions whose signature was checked. */
  signed: number;
  /** Transactions the export marks as not signed (the unit failed or was not reached yet), with their reason. */
  unsigned: number;
  receipts: number;
  units: number;
  /** The first thing wrong, naming the transaction or receipt; null when all holds. */
  problem: string | null;
}

/**
 * A text field of a log message: its client id (context tag [1], which the DSFinV-K's TSE table has no column for)
 * or its process data (tag [2], which TSE_VORGANGSDATEN leaves out when longer than its 1000 characters).
 */
export function logFieldOf(logMessage: Uint8Array, field: 'clientId' | 'processData'): string | null {
  const wanted = field === 'clientId' ? 0x81 : 0x82;
  const bytes = Buffer.from(logMessage);
  const read = (at: number): { tag: number; start: number; end: number } => {
    const tag = bytes[at];
    let size = bytes[at + 1];
    let start = at + 2;
    if (size & 0x80) {
      const count = size & 0x7f;
      size = 0;
      for (let i = 0; i < count; i++) size = size * 256 + bytes[start + i];
      start += count;
    }
    return { tag, start, end: start + size };
  };
  if (bytes.length < 2 || bytes[0] !== 0x30) return null;
  const outer = read(0);
  for (let at = outer.start; at < Math.min(outer.end, bytes.length);) {
    const element = read(at);
    if (element.tag === wanted) return bytes.subarray(element.start, element.end).toString('utf8');
    at = element.end;
  }
  return null;
}

/**
 * What is wrong with a unit's finish counters, or null. A unit that signs only finishes (the simulated one) counts
 * one per transaction; one that signs starts too (fiskaly) counts two, its smallest step: a transaction it started
 * and then failed to finish leaves one more, which only a transaction the export marks unsigned may explain.
 */
export function counterGap(counters: readonly number[], unsigned: number): string | null {
  const sorted = [...counters].sort((a, b) => a - b);
  const steps = sorted.slice(1).map((counter, i) => counter - sorted[i]);
  const step = Math.max(1, Math.min(...steps));
  let unexplained = step === 1 ? 0 : unsigned;
  for (const [i, size] of steps.entries()) {
    if (size === 0) return `repeats ${sorted[i]}`;
    if (size === step) continue;
    unexplained -= size - step;
    if (unexplained < 0) return `jumps to ${sorted[i + 1]} after ${sorted[i]}`;
  }
  return null;
}

/**
 * Checks a DSFinV-K export from the ZIP alone: its files against the published layout and Anhang G's mandatory
 * fields (dsfinvk-consistency.ts); each signed TSE transaction's signature with its unit's public key from tse.csv
 * (the log message's fields rebuilt from transactions_tse.csv and the log message file, which must agree); each
 * unit's signature counters without a gap or a repeat (counterGap); a Kassenbeleg-V1 transaction for every receipt
 * and for every Bon of money without a sale (a gift card sold, cash paid in or out, the drawer's float and count),
 * one at least for every cancelled Vorgang (AVBelegabbruch); each Bon's start (BON_START: its order opened) no
 * later than the unit's first start of its Vorgang nor than its end; every TSE row under a Vorgang of
 * transactions.csv; the tables against each other; each receipt against the data the unit signed. Stops at the
 * first thing wrong.
 */
export function verifyDsfinvk(zip: Uint8Array): DsfinvkVerification {
  const outcome: DsfinvkVerification = {
    ok: false,
    signed: 0,
    unsigned: 0,
    receipts: 0,
    units: 0,
    problem: null,
  };
  const fail = (problem: string): DsfinvkVerification => ({ ...outcome, problem });
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch {
    return fail('the file is not a ZIP archive');
  }
  const texts = Object.fromEntries(
    Object.entries(files)
      .filter(([name]) => !name.startsWith('tse/'))
      .map(([name, content]) => [name, strFromU8(content)]),
  );
  const layout = layoutOf(texts);
  if ('problem' in layout) return fail(layout.problem);
  const { tables } = layout;
  const mandatory = mandatoryProblem(tables);
  if (mandatory) return fail(mandatory);
  const [units, transactions, bons] = [
    tables['tse.csv'],
    tables['transactions_tse.csv'],
    tables['transactions.csv'],
  ];
  const unitOf = new Map(units.map((unit) => [`${unit.Z_NR}|${unit.TSE_ID}`, unit]));
  outcome.units = new Set(units.map((unit) => unit.TSE_SERIAL)).size;
  const counters = new Map<string, number[]>();
  const receiptTransactions = new Map<string, string | null>();
  const vorgaenge = new Set(transactions.map((row) => row.BON_ID));
  const signedData = new Map<string, string>();
  /** The earliest start the unit stamped in each Vorgang (Z and BON_ID). */
  const firstStart = new Map<string, string>();

  for (const row of transactions) {
    const name = `transaction ${row.TSE_TANR || '?'} (BON_ID ${row.BON_ID})`;
    const vorgang = `${row.Z_NR}|${row.BON_ID}`;
    // ISO 8601 in UTC to the second: text in time order.
    const known = firstStart.get(vorgang);
    if (row.TSE_TA_START && (!known || row.TSE_TA_START < known)) firstStart.set(vorgang, row.TSE_TA_START);
    if (!row.TSE_TA_SIG) {
      if (!row.TSE_TA_FEHLER) return fail(`${name} has neither a signature nor the unit's error`);
      outcome.unsigned += 1;
      if (row.TSE_TA_VORGANGSART === 'Kassenbeleg-V1') receiptTransactions.set(row.BON_ID, null);
      continue;
    }
    const unit = unitOf.get(`${row.Z_NR}|${row.TSE_ID}`);
    if (!unit)
      return fail(`${name} names TSE_ID ${row.TSE_ID}, which tse.csv of Z ${row.Z_NR} does not list`);
    const serial = unit.TSE_SERIAL;
    const log = files[`tse/${serial}/${row.TSE_TANR}.log`];
    if (!log) return fail(`${name} of unit ${serial} has no log message tse/${serial}/${row.TSE_TANR}.log`);
    const clientId = logFieldOf(log, 'clientId');
    const processData = row.TSE_VORGANGSDATEN || logFieldOf(log, 'processData');
    if (clientId === null || processData === null) {
      return fail(`${name} of unit ${serial}: its log message cannot be read`);
    }
    let fields: TransactionLogFields;
    try {
      fields = {
        clientId,
        processType: row.TSE_TA_VORGANGSART,
        processData,
        transactionNumber: scaledOf(row.TSE_TANR, 0),
        serial,
        signatureCounter: scaledOf(row.TSE_TA_SIGZ, 0),
        logTime: new Date(row.TSE_TA_ENDE),
      };
    } catch (error) {
      return fail(`${name} of unit ${serial}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (
      Number.isNaN(fields.logTime.getTime()) ||
      !signatureHolds(fields, row.TSE_TA_SIG, unit.TSE_PUBLIC_KEY)
    ) {
      return fail(`${name} of unit ${serial}: the signature does not hold for the exported data`);
    }
    const logged = Buffer.from(
      logMessageOf(signedPart(fields), Buffer.from(row.TSE_TA_SIG, 'base64')),
      'base64',
    );
    if (!logged.equals(Buffer.from(log))) {
      return fail(`${name} of unit ${serial}: the log message file differs from the exported transaction`);
    }
    counters.set(serial, [...(counters.get(serial) ?? []), fields.signatureCounter]);
    if (row.TSE_TA_VORGANGSART === 'Kassenbeleg-V1') {
      receiptTransactions.set(row.BON_ID, clientId);
      signedData.set(`${row.Z_NR}|${row.BON_ID}`, processData);
    }
    outcome.signed += 1;
  }

  for (const [serial, values] of counters) {
    const gap = counterGap(values, outcome.unsigned);
    if (gap) return fail(`the signature counter of unit ${serial} ${gap}`);
  }

  for (const bon of bons) {
    if (bon.BON_TYP === 'AVBelegabbruch' && !vorgaenge.has(bon.BON_ID)) {
      return fail(`the cancelled Vorgang ${bon.BON_ID} has no TSE transaction`);
    }
    // Money without a sale (a gift card sold, cash paid in or out, the drawer's float and difference) is signed
    // too: a Bon of its own, numbered 0.
    if (bon.BON_TYP === 'Beleg' && bon.BON_NR === '0' && scaledOf(bon.UMS_BRUTTO, 2) !== 0) {
      if (!receiptTransactions.has(bon.BON_ID)) {
        return fail(`the Bon ${bon.BON_NAME} (BON_ID ${bon.BON_ID}) has no Kassenbeleg-V1 transaction`);
      }
    }
    // The Vorgang began (its order opened) before the unit started any transaction of it.
    const started = firstStart.get(`${bon.Z_NR}|${bon.BON_ID}`);
    if ((started && bon.BON_START > started) || bon.BON_START > bon.BON_ENDE) {
      return fail(
        `the Bon ${bon.BON_NR} (BON_ID ${bon.BON_ID}) starts at ${bon.BON_START}, after its first TSE transaction (${started ?? 'none'}) or its end (${bon.BON_ENDE})`,
      );
    }
  }
  // A receipt is a Beleg with a number: the drawer's Bons are numbered 0.
  for (const receipt of bons.filter((bon) => bon.BON_TYP === 'Beleg' && bon.BON_NR !== '0')) {
    if (!receiptTransactions.has(receipt.BON_ID)) {
      return fail(`receipt ${receipt.BON_NR} (BON_ID ${receipt.BON_ID}) has no TSE transaction`);
    }
    const clientId = receiptTransactions.get(receipt.BON_ID);
    if (clientId && tillIdOf(clientId) !== receipt.TERMINAL_ID) {
      return fail(
        `receipt ${receipt.BON_NR} (BON_ID ${receipt.BON_ID}) names terminal ${receipt.TERMINAL_ID}, signed for ${clientId}`,
      );
    }
    outcome.receipts += 1;
  }
  const problem = crossTableProblem(tables) ?? signedDataProblem(tables, signedData);
  if (problem) return fail(problem);
  return { ...outcome, ok: true };
}
