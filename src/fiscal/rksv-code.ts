import { createCipheriv, createHash } from 'node:crypto';

/**
 * # Austria's machine-readable code (RKSV), as the finance ministry's reference defines it
 *
 * The rules are those of the BMF's and A-SIT's `at-registrierkassen-mustercode`, restated with where each comes
 * from in test/fixtures/rksv/README.md. Pure functions: the register (rksv-registers.ts) keeps the state.
 */

/** `{"alg":"ES256"}`, base64url: the only JWS header suite R1 signs with. */
export const JWS_HEADER = 'eyJhbGciOiJFUzI1NiJ9';

/** What a receipt's signature part holds while the signature device is out. */
export const DEVICE_FAILED_TEXT = 'Sicherheitseinrichtung ausgefallen';

/** The turnover counter's length in the code, in bytes (the reference's default). */
const TURNOVER_COUNTER_BYTES = 8;

/** Bytes of the previous receipt's hash that chain the next (suite R1). */
const CHAINING_BYTES = 8;

/** The five amount fields, by the VAT rate each sums (any other rate is "Besonders"). */
export interface RksvAmounts {
  normal: number;
  reduced1: number;
  reduced2: number;
  zero: number;
  special: number;
}

const FIELD_OF_PERCENT: ReadonlyMap<number, keyof RksvAmounts> = new Map([
  [20, 'normal'],
  [10, 'reduced1'],
  [13, 'reduced2'],
  [0, 'zero'],
]);

export const NO_AMOUNTS: RksvAmounts = { normal: 0, reduced1: 0, reduced2: 0, zero: 0, special: 0 };

/** A receipt's gross per rate (minor units) in the five fields. */
export function amountsOf(taxes: ReadonlyArray<{ percent: number; gross: number }>): RksvAmounts {
  const amounts = { ...NO_AMOUNTS };
  for (const { percent, gross } of taxes) amounts[FIELD_OF_PERCENT.get(percent) ?? 'special'] += gross;
  return amounts;
}

export const sumOf = (amounts: RksvAmounts): number =>
  amounts.normal + amounts.reduced1 + amounts.reduced2 + amounts.zero + amounts.special;

/** Minor units as the code writes them: a decimal comma and two decimals, no grouping (`-12,50`). */
function decimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

export interface RksvPayload {
  /** The suite and the certification body: `R1-AT100`. */
  suite: string;
  cashRegisterId: string;
  receiptNumber: string;
  /** The register's local time, `yyyy-MM-ddTHH:mm:ss`. */
  dateTime: string;
  amounts: RksvAmounts;
  /** The encrypted counter, or base64 of `STO` / `TRA`. */
  turnoverCounter: string;
  certificateSerial: string;
  chainingValue: string;
}

/** The signed payload: `_R1-AT…_<Kassen-ID>_<Belegnummer>_<date>_<five amounts>_<counter>_<serial>_<chain>`. */
export function payloadOf(p: RksvPayload): string {
  const { normal, reduced1, reduced2, zero, special } = p.amounts;
  return [
    '',
    p.suite,
    p.cashRegisterId,
    p.receiptNumber,
    p.dateTime,
    ...[normal, reduced1, reduced2, zero, special].map(decimal),
    p.turnoverCounter,
    p.certificateSerial,
    p.chainingValue,
  ].join('_');
}

/** The IV: the first 16 bytes of SHA-256 over Kassen-ID and Belegnummer. */
function ivOf(cashRegisterId: string, receiptNumber: string): Buffer {
  return createHash('sha256')
    .update(cashRegisterId + receiptNumber, 'utf8')
    .digest()
    .subarray(0, 16);
}

/** The turnover counter (cents) in AES-256-ICM (CTR), 8 bytes big-endian two's complement, base64. */
export function encryptTurnover(
  counter: number,
  key: Buffer,
  cashRegisterId: string,
  receiptNumber: string,
): string {
  const block = Buffer.alloc(16);
  block.writeBigInt64BE(BigInt(counter), 0);
  const cipher = createCipheriv('aes-256-ctr', key, ivOf(cashRegisterId, receiptNumber));
  const encrypted = Buffer.concat([cipher.update(block), cipher.final()]);
  return encrypted.subarray(0, TURNOVER_COUNTER_BYTES).toString('base64');
}

/** The marker a Storno (`STO`) or Training (`TRA`) receipt carries instead of the counter. */
export const markerOf = (marker: 'STO' | 'TRA'): string => Buffer.from(marker, 'utf8').toString('base64');

/** Sig-Voriger-Beleg: the first 8 bytes of SHA-256 over the previous JWS, or over the Kassen-ID for the first. */
export function chainingValueOf(previousJws: string | null, cashRegisterId: string): string {
  return createHash('sha256')
    .update(previousJws ?? cashRegisterId, 'utf8')
    .digest()
    .subarray(0, CHAINING_BYTES)
    .toString('base64');
}

/** `header.payload`, what the device signs. */
export const signingInputOf = (payload: string): string =>
  `${JWS_HEADER}.${Buffer.from(payload, 'utf8').toString('base64url')}`;

/** The JWS compact form; `signature` is r‖s, or the failure text's bytes while the device is out. */
export const jwsOf = (payload: string, signature: Buffer): string =>
  `${signingInputOf(payload)}.${signature.toString('base64url')}`;

/** The QR code's content: the payload, `_`, and the signature in standard base64. */
export function qrCodeOf(jws: string): string {
  const [, payload, signature] = jws.split('.');
  return `${Buffer.from(payload, 'base64url').toString('utf8')}_${Buffer.from(signature, 'base64url').toString('base64')}`;
}

/** The chaining value (Sig-Voriger-Beleg) a receipt's JWS carries: its payload's last field. */
export function chainingValueIn(jws: string): string {
  const payload = Buffer.from(jws.split('.')[1], 'base64url').toString('utf8');
  return payload.slice(payload.lastIndexOf('_') + 1);
}
