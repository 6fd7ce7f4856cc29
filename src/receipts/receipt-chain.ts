import { sha256Hex } from '../common/crypto/sha256';
import { canonicalJson } from './canonical-json';
import type { ReceiptFiscalView, ReceiptView } from './dto/receipt.views';
import type { FiscalSigner } from './fiscal-signer';
import type { Receipt } from './receipt.entity';

/** The previous hash of receipt number 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the chain hash covers: the receipt as clients read it, less its place in the chain and its copy's address. */
export type FiscalReceipt = Omit<ReceiptView, 'previousHash' | 'hash' | 'signature' | 'fiscal' | 'url'>;

/** The part of a fiscal receipt kept in the `content` column; the rest are columns of their own. */
export type ReceiptContent = Omit<
  FiscalReceipt,
  'id' | 'number' | 'kind' | 'orderId' | 'refundOf' | 'issuedAt' | 'total'
>;

export function fiscalReceiptOf(row: Receipt): FiscalReceipt {
  return {
    ...(JSON.parse(row.content) as ReceiptContent),
    id: row.id,
    number: row.number,
    kind: row.kind,
    orderId: row.orderId,
    refundOf: row.refundOf,
    issuedAt: row.issuedAt.toISOString(),
    total: row.total,
  };
}

/** `hash = SHA-256(previousHash + canonical JSON of the receipt)`, in lower-case hex. */
export function chainHash(previousHash: string, receipt: FiscalReceipt): string {
  return sha256Hex(previousHash + canonicalJson(receipt));
}

/** The digital copy's address of a receipt. */
export const receiptUrl = (publicBaseUrl: string, token: string): string => `${publicBaseUrl}/r/${token}`;

/** `fiscal`: the signing unit's data, from ReceiptStamps; null without a unit. */
export function receiptViewOf(
  row: Receipt,
  publicBaseUrl: string,
  fiscal: ReceiptFiscalView | null,
): ReceiptView {
  return {
    ...fiscalReceiptOf(row),
    previousHash: row.previousHash,
    hash: row.hash,
    signature: row.signature,
    fiscal,
    url: receiptUrl(publicBaseUrl, row.token),
  };
}

export interface JournalVerification {
  ok: boolean;
  checked: number;
  firstBrokenNumber: number | null;
}

/**
 * Walks the journal in number order and stops at the first broken link: a number out of sequence (a receipt
 * missing or renumbered), a previousHash that is not the hash before it, a hash that its content does not give
 * (anything altered), or a signature the signer does not confirm. Once one receipt was signed, an unsigned one
 * after it is broken too (signing was switched on, and nobody may strip signatures off later receipts).
 */
export class ChainVerifier {
  private expectedNumber = 1;
  private previousHash = GENESIS_HASH;
  private signing = false;
  private checked = 0;
  private broken: number | null = null;

  constructor(private readonly signer: FiscalSigner) {}

  /** Checks the next receipt; false once the chain is broken (here or before). */
  accept(row: Receipt): boolean {
    if (this.broken !== null) return false;
    this.checked += 1;
    if (!this.linkHolds(row)) {
      this.broken = Math.min(this.expectedNumber, row.number);
      return false;
    }
    this.expectedNumber += 1;
    this.previousHash = row.hash;
    return true;
  }

  /** The outcome, given the last number the journal ever issued: receipts missing at the end break it too. */
  result(lastIssuedNumber: number): JournalVerification {
    if (this.broken === null && lastIssuedNumber >= this.expectedNumber) this.broken = this.expectedNumber;
    return { ok: this.broken === null, checked: this.checked, firstBrokenNumber: this.broken };
  }

  private linkHolds(row: Receipt): boolean {
    if (row.number !== this.expectedNumber || row.previousHash !== this.previousHash) return false;
    let hash: string;
    try {
      hash = chainHash(row.previousHash, fiscalReceiptOf(row));
    } catch {
      return false;
    }
    if (hash !== row.hash) return false;
    if (row.signature === null) return !this.signing;
    this.signing = true;
    return this.signer.verify(row.hash, row.signature);
  }
}
