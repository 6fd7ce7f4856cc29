import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign as signData,
} from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  FiscalRecord,
  FiscalUnit,
  SignedTransaction,
  StartedTransaction,
  UnitIdentity,
  UnitUnreachable,
} from './fiscal-unit';
import {
  logMessageOf,
  SIGNATURE_ALGORITHM,
  signedPart,
  TIME_FORMAT,
  uncompressedPointOf,
} from './tse-log-message';
import { selfSignedCertificate } from './unit-certificate';

/** A line of the unit's log file: a finished transaction, what it signed, with its start. */
type LogLine = { operation: 'finish'; transactionId: string } & Omit<FiscalRecord, 'transactionId'> &
  Omit<SignedTransaction, 'start' | 'end'> & { start: string; end: string };

/** While this file is in the unit's folder the unit answers nothing: a unit pulled out, for training and tests. */
export const OUT_OF_SERVICE_FILE = 'out-of-service';

/**
 * FISCAL_SIGNER=simulated-tse: a signing unit in this process, for trials, training and tests; not certified.
 * It keeps, in its folder (FISCAL_TSE_DIR, by default `tse/` in the data folder), an ECDSA P-256 key made on first
 * use (`key.pem`) and its log (`log.jsonl`, one line per finished transaction with what it signed, its number and
 * start, appended before it answers), from which it reads back its transaction number and signature counter before each call. A
 * start is held in memory until its finish (one write per transaction; the consumer keeps nothing of a start, so
 * a start lost with the process is simply made again). It signs each finish with TR-03153's log message, so the
 * signature counter counts finishes without a gap. Repeated calls for a transaction answer what the log holds.
 */
export class SimulatedTse implements FiscalUnit {
  readonly kind = 'simulated-tse';
  private readonly key: KeyObject;
  private readonly unit: UnitIdentity;
  private readonly started = new Map<string, StartedTransaction>();
  private readonly finished = new Map<string, SignedTransaction>();
  private lastTransactionNumber = 0;
  private lastSignatureCounter = 0;
  private logBytesRead = 0;

  constructor(
    private readonly folder: string,
    /** The unit's time: a unit's clock is set from the till's, so the simulated one keeps the service's. */
    private readonly now: () => Date = () => new Date(),
  ) {
    mkdirSync(folder, { recursive: true });
    this.key = this.loadKey();
    const point = uncompressedPointOf(createPublicKey(this.key).export({ format: 'der', type: 'spki' }));
    const serial = createHash('sha256').update(point).digest('hex');
    this.unit = {
      serial,
      publicKey: point.toString('base64'),
      algorithm: SIGNATURE_ALGORITHM,
      timeFormat: TIME_FORMAT,
      certificate: selfSignedCertificate(this.key, serial),
    };
    this.readLog();
  }

  identity(): Promise<UnitIdentity> {
    return this.inService(() => this.unit);
  }

  start(record: FiscalRecord): Promise<StartedTransaction> {
    return this.inService(() => this.startOf(record));
  }

  finish(record: FiscalRecord): Promise<SignedTransaction> {
    return this.inService(() => this.finishOf(record));
  }

  private finishOf(record: FiscalRecord): SignedTransaction {
    const done = this.finished.get(record.transactionId);
    if (done) return done;
    const { transactionNumber, start } = this.startOf(record);
    const end = new Date(Math.floor(this.now().getTime() / 1000) * 1000);
    const signatureCounter = this.lastSignatureCounter + 1;
    const fields = { ...record, transactionNumber, serial: this.unit.serial, signatureCounter, logTime: end };
    const signedData = signedPart(fields);
    const signatureValue = signData('sha256', signedData, {
      key: this.key,
      dsaEncoding: 'ieee-p1363',
    });
    const signed: SignedTransaction = {
      transactionNumber,
      start,
      end,
      signatureCounter,
      signature: signatureValue.toString('base64'),
      logMessage: logMessageOf(signedData, signatureValue),
    };
    this.append({
      operation: 'finish',
      ...record,
      ...signed,
      start: start.toISOString(),
      end: end.toISOString(),
    });
    return signed;
  }

  private startOf(record: FiscalRecord): StartedTransaction {
    const known = this.started.get(record.transactionId);
    if (known) return known;
    const start = new Date(Math.floor(this.now().getTime() / 1000) * 1000);
    const started = { transactionNumber: this.lastTransactionNumber + 1, start };
    this.started.set(record.transactionId, started);
    this.lastTransactionNumber = started.transactionNumber;
    return started;
  }

  /** The answer of `work`, unless the unit is out of service; a throw becomes the promise's rejection. */
  private inService<T>(work: () => T): Promise<T> {
    return new Promise((resolve) => {
      this.checkInService();
      this.readLog();
      resolve(work());
    });
  }

  private checkInService(): void {
    if (existsSync(join(this.folder, OUT_OF_SERVICE_FILE))) {
      throw new UnitUnreachable(
        `the simulated unit is out of service (${OUT_OF_SERVICE_FILE} in ${this.folder})`,
      );
    }
  }

  /** Writes the line, then takes it in: what the unit answered is in its log first. */
  private append(line: LogLine): void {
    const text = `${JSON.stringify(line)}\n`;
    appendFileSync(join(this.folder, 'log.jsonl'), text);
    this.logBytesRead += Buffer.byteLength(text);
    this.take(line);
  }

  private take(line: LogLine): void {
    const start = new Date(line.start);
    this.started.set(line.transactionId, { transactionNumber: line.transactionNumber, start });
    this.lastTransactionNumber = Math.max(this.lastTransactionNumber, line.transactionNumber);
    this.finished.set(line.transactionId, {
      transactionNumber: line.transactionNumber,
      start,
      end: new Date(line.end),
      signatureCounter: line.signatureCounter,
      signature: line.signature,
      logMessage: line.logMessage,
    });
    this.lastSignatureCounter = Math.max(this.lastSignatureCounter, line.signatureCounter);
  }

  /**
   * Takes in what the log gained since it was last read: its own lines, and another instance's sharing the folder
   * (the consumer's lease lets one instance sign at a time), so numbers and counters never repeat.
   */
  private readLog(): void {
    const file = join(this.folder, 'log.jsonl');
    if (!existsSync(file) || statSync(file).size === this.logBytesRead) return;
    const text = readFileSync(file);
    for (const line of text.subarray(this.logBytesRead).toString('utf8').split('\n')) {
      if (line.trim() !== '') this.take(JSON.parse(line) as LogLine);
    }
    this.logBytesRead = text.length;
  }

  private loadKey(): KeyObject {
    const file = join(this.folder, 'key.pem');
    if (existsSync(file)) return createPrivateKey(readFileSync(file, 'utf8'));
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    chmodSync(file, 0o600);
    return privateKey;
  }
}
