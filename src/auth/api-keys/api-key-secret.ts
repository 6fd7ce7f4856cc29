import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every key starts with it, so a leaked key is recognisable by secret scanners and in support tickets. */
export const API_KEY_PREFIX = 'pos_';
/** `pos_` and 8 characters of the random part: enough to tell keys apart, far too little to guess the rest. */
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
/** 192 random bits, base64url: 32 characters after the prefix. */
const RANDOM_BYTES = 24;
const SECRET_PATTERN = /^pos_[A-Za-z0-9_-]{32}$/;

export interface NewApiKeySecret {
  secret: string;
  prefix: string;
  hash: string;
}

export function newApiKeySecret(): NewApiKeySecret {
  const secret = API_KEY_PREFIX + randomBytes(RANDOM_BYTES).toString('base64url');
  return { secret, prefix: secret.slice(0, SHOWN_PREFIX_LENGTH), hash: hashApiKeySecret(secret) };
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether a presented value could be one of our keys at all; anything else is refused without a lookup. */
export function looksLikeApiKey(value: string): boolean {
  return SECRET_PATTERN.test(value);
}

/** What a security event may keep of a presented key: its shown prefix, never more. */
export function shownPrefixOf(value: string): string | null {
  return looksLikeApiKey(value) ? value.slice(0, SHOWN_PREFIX_LENGTH) : null;
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
