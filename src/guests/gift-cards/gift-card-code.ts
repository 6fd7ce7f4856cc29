import { createHmac, hkdfSync, randomInt } from 'node:crypto';
import { DomainError } from '../../common/errors/domain-error';

/** 19 random digits (about 63 bits: far beyond guessing at any rate the lookup allows) and a check digit. */
const RANDOM_DIGITS = 19;
export const CODE_DIGITS = RANDOM_DIGITS + 1;
const GROUP = 4;

/**
 * Damm's quasigroup of order 10: its check digit catches every single wrong digit and every swap of two
 * neighbouring digits, the two usual typing mistakes (Luhn misses 09 ↔ 90).
 */
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The Damm interim digit of a string of digits: 0 exactly when its last digit is the right check digit. */
export function dammDigit(digits: string): number {
  let interim = 0;
  for (const digit of digits) interim = DAMM[interim][digit.charCodeAt(0) - 48];
  return interim;
}

/** What a typed code looks like (its digits, with any spaces and dashes), for the document: the check digit is not in it. */
export const GIFT_CARD_CODE_PATTERN = `^[\\s-]*([0-9][\\s-]*){${CODE_DIGITS}}$`;

/** A new code, grouped by four for reading aloud and typing: `1234 5678 9012 3456 7891`. */
export function newGiftCardCode(): string {
  let digits = '';
  for (let i = 0; i < RANDOM_DIGITS; i++) digits += String(randomInt(10));
  return grouped(digits + String(dammDigit(digits)));
}

function grouped(digits: string): string {
  return digits.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join(' ');
}

/**
 * The digits of a code as a person typed it (spaces and dashes allowed), or a 422 naming `field` when it cannot be
 * one of ours: a mistyped code is caught here, before any lookup.
 */
export function giftCardDigits(field: string, typed: string): string {
  const digits = typed.replace(/[\s-]/g, '');
  if (!new RegExp(`^\\d{${CODE_DIGITS}}$`).test(digits)) {
    throw DomainError.invalidField(field, `must be a gift card code of ${CODE_DIGITS} digits`);
  }
  if (dammDigit(digits) !== 0) {
    throw DomainError.invalidField(field, 'is mistyped: its check digit does not match');
  }
  return digits;
}

/**
 * Keys the codes' hash with a key derived from ENCRYPTION_KEY: a copy of the database alone does not let anyone
 * try codes against the hashes.
 */
export class GiftCardCodeHasher {
  private readonly key: Buffer;

  constructor(serverKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', serverKey, Buffer.alloc(0), 'gift-card-code', 32));
  }

  hash(digits: string): string {
    return createHmac('sha256', this.key).update(digits, 'utf8').digest('hex');
  }
}
