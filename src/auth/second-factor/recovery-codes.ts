import { randomInt } from 'node:crypto';
import { sha256Hex } from '../../common/crypto/sha256';

export const RECOVERY_CODE_COUNT = 10;
/** base32's letters and digits, lower case: no 0/O or 1/l to misread from paper. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
/** 16 characters of 5 bits: 80 random bits, far beyond guessing even from a leaked table of fast hashes. */
const LENGTH = 16;

/** A new recovery code, grouped for reading: `abcd-efgh-ijkl-mnop`. */
export function newRecoveryCode(): string {
  const characters = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return characters.join('').replace(/(.{4})(?=.)/g, '$1-');
}

/** The stored form: SHA-256 of the code without case, spaces or dashes, so it may be typed either way. */
export function hashRecoveryCode(code: string): string {
  const normalised = code.toLowerCase().replace(/[\s-]/g, '');
  return sha256Hex(normalised);
}
