import { z } from 'zod';
import type { TrustProxy } from '../common/http/client-address';
import { addressRangeProblem } from '../common/net/address-ranges';
import { languageOf } from '../i18n/languages';

/** How the settings' values are read: the pieces environmentSchema is built of. */

export const booleanFlag = (fallback: boolean) => z.stringbool().default(fallback);
export const percent = z.coerce.number().min(0, 'must be >= 0').max(100, 'must be <= 100');

/** C0 and C1 control characters and DEL: commands to a printer or a terminal, never text. */
function isControlCharacter(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** Whether the text holds a control character: printed, it would reach the printer as a command. */
export function hasControlCharacter(text: string): boolean {
  return Array.from(text).some(isControlCharacter);
}

/**
 * Text printed on bills and receipts: a backslash followed by n starts a new line; other control characters would
 * reach the printer as commands, so they are refused.
 */
export const printedText = (maxLength: number) =>
  z
    .string()
    .max(maxLength, `must be at most ${maxLength} characters`)
    .refine((text) => !hasControlCharacter(text), {
      message: 'must not contain control characters',
    })
    .transform((text) =>
      text
        .split('\\n')
        .map((line) => line.trim())
        .filter(Boolean),
    );

export const ENCRYPTION_KEY_FORMAT = 'must be 32 bytes, written as 64 hex characters or in base64';

/** ENCRYPTION_KEY as its 32 bytes, or null when it is not 64 hex characters or the base64 of 32 bytes. */
export function encryptionKeyOf(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) return null;
  const key = Buffer.from(text, 'base64');
  return key.length === 32 ? key : null;
}

/** The names that Express's `trust proxy` knows, as the ranges they stand for. */
const NAMED_RANGES = new Map([
  ['loopback', ['127.0.0.0/8', '::1/128']],
  ['linklocal', ['169.254.0.0/16', 'fe80::/10']],
  ['uniquelocal', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']],
]);

/** TRUST_PROXY as a TrustProxy, or why it is not one. */
export function trustProxyOf(text: string): TrustProxy | string {
  const value = text.trim().toLowerCase();
  if (value === 'false') return { hops: 0 };
  if (/^\d+$/.test(value)) return { hops: Number(value) };
  if (value === 'true') {
    return 'true would let any client choose its address: give the number of proxies or their addresses';
  }
  const ranges: string[] = [];
  for (const entry of value.split(',').map((part) => part.trim())) {
    const named = NAMED_RANGES.get(entry);
    if (named) {
      ranges.push(...named);
      continue;
    }
    if (addressRangeProblem(entry) !== null) {
      return `"${entry}" is not a hop count, an IP address, a CIDR range, loopback, linklocal or uniquelocal`;
    }
    if (entry.split('/')[1] === '0')
      return `${entry} would trust every address, letting any client choose its own`;
    ranges.push(entry);
  }
  return { ranges };
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A BCP 47 locale `Intl` knows, in one of the languages the pages are written in. */
export function isPageLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1 && languageOf(tag) !== null;
  } catch {
    return false;
  }
}
