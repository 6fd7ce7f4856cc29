/**
 * # The signing unit seam
 *
 * A certified technical security unit (Germany's TSE, BSI TR-03153) signs each transaction of a till: it numbers
 * the transaction, counts its signatures without a gap, stamps start and end with its own clock and answers a log
 * message it keeps. Units live across a network and are sometimes down, so this service never calls one inside
 * the transaction that makes a sale: the fiscal consumer (src/fiscal/fiscal-consumer.ts) signs what was recorded,
 * in order, after the commit.
 *
 * A unit implements {@link FiscalUnit}. Its calls must be idempotent by `transactionId` (our id for the
 * transaction): the consumer runs at least once, and a transaction started or finished twice is one transaction.
 */

/** The processes DSFinV-K names for a restaurant: an order sent to the kitchen, and a receipt. */
export type ProcessType = 'Bestellung-V1' | 'Kassenbeleg-V1';

/** What a till asks the unit to sign. */
export interface FiscalRecord {
  /** Our id of the transaction (a UUID): the unit knows it again when the call is repeated. */
  transactionId: string;
  /** The till: a client of the unit (a waiter tablet, the QR ordering, a channel). */
  clientId: string;
  processType: ProcessType;
  /** The process data in the process type's format (src/fiscal/process-data.ts). */
  processData: string;
}

/** A transaction the unit has started: its number and the unit's start time. */
export interface StartedTransaction {
  transactionNumber: number;
  start: Date;
}

/** A transaction the unit has finished and signed. */
export interface SignedTransaction extends StartedTransaction {
  end: Date;
  signatureCounter: number;
  /** Base64 of the signature value. */
  signature: string;
  /** Base64 of the unit's log message for the finish (what the signature covers, and the signature). */
  logMessage: string;
}

/** Who the unit is: printed on receipts and given to the tax office. */
export interface UnitIdentity {
  /** The unit's serial number: hex of the SHA-256 of its public key, as TR-03153 defines it. */
  serial: string;
  /** Base64 of the uncompressed public key point. */
  publicKey: string;
  /** The signature algorithm as DSFinV-K names it: `ecdsa-plain-SHA256`. */
  algorithm: string;
  /** How the unit writes times in its log: `unixTime`. */
  timeFormat: string;
  /** Base64 of the unit's X.509 certificate (DER), as the DSFinV-K's tse.csv carries it; null when not known. */
  certificate: string | null;
}

/** The unit could not be reached or is out of service: everything waits and is signed once it is back. */
export class UnitUnreachable extends Error {
  override readonly name = 'UnitUnreachable';
}

/** The unit refused this one transaction: it is marked failed with the unit's reason, and the rest go on. */
export class TransactionRefused extends Error {
  override readonly name = 'TransactionRefused';
}

/**
 * A signing unit. An abstract class rather than an interface only so that Nest can inject it by type. Each call
 * may throw {@link UnitUnreachable} or {@link TransactionRefused}; anything else counts as unreachable.
 */
export abstract class FiscalUnit {
  /** What FISCAL_SIGNER names. */
  abstract readonly kind: string;
  /** The unit's identity; reaches the unit the first time. */
  abstract identity(): Promise<UnitIdentity>;
  /** Starts the transaction (again: the same number) for its till, registering the till first if it is new. */
  abstract start(record: FiscalRecord): Promise<StartedTransaction>;
  /** Finishes and signs the started transaction with its final process data (again: the same signature). */
  abstract finish(record: FiscalRecord): Promise<SignedTransaction>;
}
