import { createPublicKey, verify as verifySignature } from 'node:crypto';

/**
 * TR-03153's transaction log message, DER-encoded: what a TSE signs when it finishes a transaction, and what an
 * auditor rebuilds from the DSFinV-K export (TSE_Transaktionen) to check the signature with the unit's public key.
 *
 * ```
 * TransactionLogMessage ::= SEQUENCE {
 *   version INTEGER (2), certifiedDataType OBJECT IDENTIFIER (id-SE-API-transaction-log),
 *   operationType [0] PrintableString, clientId [1] PrintableString, processData [2] OCTET STRING,
 *   processType [3] PrintableString, transactionNumber [5] INTEGER,
 *   serialNumber OCTET STRING, signatureAlgorithm SEQUENCE { OBJECT IDENTIFIER },
 *   signatureCounter INTEGER, logTime INTEGER (unixTime), signatureValue OCTET STRING }
 * ```
 * The signature covers the encoding of every element before `signatureValue`, in order.
 */

/** id-SE-API-transaction-log (BSI TR-03151). */
const TRANSACTION_LOG_OID = '0.4.0.127.0.7.3.7.1.1';
/** ecdsa-plain-SHA256 (BSI TR-03111): r ‖ s, 64 bytes for P-256. */
const ECDSA_PLAIN_SHA256_OID = '0.4.0.127.0.7.1.1.4.1.3';
export const SIGNATURE_ALGORITHM = 'ecdsa-plain-SHA256';
export const TIME_FORMAT = 'unixTime';

/** What the finish of a transaction records, as the log message and the export carry it. */
export interface TransactionLogFields {
  clientId: string;
  processType: string;
  processData: string;
  transactionNumber: number;
  /** Hex, as the unit reports it. */
  serial: string;
  signatureCounter: number;
  /** The finish, in whole seconds. */
  logTime: Date;
}

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const tlv = (tag: number, value: Buffer): Buffer =>
  Buffer.concat([Buffer.from([tag]), length(value.length), value]);

function integer(value: number): Buffer {
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  if (bytes.length === 0 || bytes[0] >= 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

export function objectIdentifier(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const base128: number[] = [arc & 0x7f];
    for (let high = arc >>> 7; high > 0; high >>>= 7) base128.unshift(0x80 | (high & 0x7f));
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

const printable = (tag: number, text: string): Buffer => tlv(tag, Buffer.from(text, 'utf8'));

/** The encoding of the elements the signature covers. */
export function signedPart(fields: TransactionLogFields): Buffer {
  return Buffer.concat([
    integer(2),
    objectIdentifier(TRANSACTION_LOG_OID),
    printable(0x80, 'FinishTransaction'),
    printable(0x81, fields.clientId),
    tlv(0x82, Buffer.from(fields.processData, 'utf8')),
    printable(0x83, fields.processType),
    tlv(0x85, integer(fields.transactionNumber).subarray(2)),
    tlv(0x04, Buffer.from(fields.serial, 'hex')),
    tlv(0x30, objectIdentifier(ECDSA_PLAIN_SHA256_OID)),
    integer(fields.signatureCounter),
    integer(Math.floor(fields.logTime.getTime() / 1000)),
  ]);
}

/** The whole log message, base64: the signed part (`signedPart`'s) and the signature value in one SEQUENCE. */
export function logMessageOf(signed: Buffer, signature: Buffer): string {
  return tlv(0x30, Buffer.concat([signed, tlv(0x04, signature)])).toString('base64');
}

/** Whether `signature` (base64, ecdsa-plain) is the unit's signature of the transaction, by its public key. */
export function signatureHolds(fields: TransactionLogFields, signature: string, publicKey: string): boolean {
  try {
    const key = createPublicKey({
      key: uncompressedPointAsSpki(Buffer.from(publicKey, 'base64')),
      format: 'der',
      type: 'spki',
    });
    return verifySignature(
      'sha256',
      signedPart(fields),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/** The DER prefix of a P-256 SubjectPublicKeyInfo, before the 65-byte uncompressed point. */
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');

export function uncompressedPointAsSpki(point: Buffer): Buffer {
  return Buffer.concat([P256_SPKI_PREFIX, point]);
}

export function uncompressedPointOf(spki: Buffer): Buffer {
  return spki.subarray(P256_SPKI_PREFIX.length);
}

/** What the receipt's QR code carries (DSFinV-K, Anhang I): everything needed to check its signature. */
export interface ReceiptCodeFields {
  clientId: string;
  processType: string;
  processData: string;
  transactionNumber: number;
  signatureCounter: number;
  start: Date;
  end: Date;
  signature: string;
  publicKey: string;
}

/** `V0;client;process type;process data;number;counter;start;end;algorithm;time format;signature;public key`. */
export function receiptQrCode(fields: ReceiptCodeFields): string {
  return [
    'V0',
    fields.clientId,
    fields.processType,
    fields.processData,
    fields.transactionNumber,
    fields.signatureCounter,
    fields.start.toISOString(),
    fields.end.toISOString(),
    SIGNATURE_ALGORITHM,
    TIME_FORMAT,
    fields.signature,
    fields.publicKey,
  ].join(';');
}
