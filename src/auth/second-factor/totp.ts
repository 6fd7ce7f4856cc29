import { Secret, TOTP } from 'otpauth';

/** What every authenticator app reads from an `otpauth://` URI: SHA-1, 6 digits, 30-second steps (RFC 6238). */
const PARAMETERS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** 160 bits, the HMAC-SHA1 key length that RFC 4226 recommends. */
const SECRET_BYTES = 20;
/** One step either side of now: a phone clock up to 30 s off, or a code typed as it turned over, still works. */
const WINDOW = 1;

/** A new random TOTP secret, base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

export function otpauthUrl(secret: string, issuer: string, account: string): string {
  return new TOTP({ ...PARAMETERS, issuer, label: account, secret: Secret.fromBase32(secret) }).toString();
}

/** The time step (count of periods since 1970) of `code` if it is a code of `secret` near `now`, else null. */
export function matchingStep(secret: string, code: string, now: Date): number | null {
  const totp = new TOTP({ ...PARAMETERS, secret: Secret.fromBase32(secret) });
  const timestamp = now.getTime();
  const delta = totp.validate({ token: code, timestamp, window: WINDOW });
  return delta === null ? null : totp.counter({ timestamp }) + delta;
}
