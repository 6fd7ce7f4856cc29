import { randomBytes, randomInt } from 'node:crypto';

/** Digits and capitals a cook cannot misread on a tablet: no 0/O, no 1/I. */
export const PAIRING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const PAIRING_CODE_LENGTH = 8;
/** How long a pairing code may be used: long enough to walk to the screen, short enough not to linger. */
export const PAIRING_CODE_TTL_MS = 15 * 60_000;

/** A new pairing code: 8 characters of 32 symbols, 40 random bits, typed once within 15 minutes. */
export function newPairingCode(): string {
  return Array.from(
    { length: PAIRING_CODE_LENGTH },
    () => PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)],
  ).join('');
}

/**
 * The code as typed, in the form it was issued: capitals, without the spaces and dashes a person may add; null
 * when it cannot be a code at all (no lookup is made for it).
 */
export function normalisedPairingCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  const pattern = new RegExp(`^[${PAIRING_ALPHABET}]{${PAIRING_CODE_LENGTH}}$`);
  return pattern.test(code) ? code : null;
}

/** A device token: 256 random bits, base64url, with a prefix that names it in logs and secret scanners. */
export function newDeviceToken(): string {
  return `kd_${randomBytes(32).toString('base64url')}`;
}
