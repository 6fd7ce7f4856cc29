import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config';

const MAX_MEMORY = 64 * 1024 * 1024;
/**
 * scrypt with N=2^14, r=8, p=5: one of OWASP's recommended settings, memory-hard, built into Node (no native
 * addon to build) and light on memory (16 MiB) so a small box can verify a burst of PIN logins. `test` (allowed
 * only with NODE_ENV=test) keeps the test suite from spending minutes hashing; every hash names its own cost, so
 * either verifies the other's.
 */
const COSTS = {
  standard: { N: 2 ** 14, r: 8, p: 5, maxmem: MAX_MEMORY },
  test: { N: 2 ** 10, r: 8, p: 1, maxmem: MAX_MEMORY },
} satisfies Record<AppConfig['credentialHashCost'], ScryptOptions>;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/**
 * The scheme of a PIN verifier headquarters keeps for a person of its staff directory: scrypt of the PIN without a
 * pepper, because each site has its own and headquarters would otherwise have to keep the PIN to hash it for each.
 */
const SHARED_PIN_SCHEME = 'scrypt-shared';

@Injectable()
export class CredentialHasher {
  private readonly pepper: Buffer;
  private readonly cost: ScryptOptions & { N: number; r: number; p: number };
  /** Verified against when the user does not exist, so an unknown user costs as much time as a wrong secret. */
  private readonly decoy: Promise<string>;

  constructor(config: AppConfig) {
    this.pepper = Buffer.from(config.pinPepper, 'utf8');
    this.cost = COSTS[config.credentialHashCost];
    this.decoy = this.hash(randomBytes(16));
  }

  hashPassword(password: string): Promise<string> {
    return this.hash(Buffer.from(password, 'utf8'));
  }

  /** A 4-digit PIN has 10,000 values: the server-side pepper keeps a leaked hash table from being enumerated. */
  hashPin(pin: string): Promise<string> {
    return this.hash(this.peppered(pin));
  }

  /**
   * A PIN verifier headquarters keeps and sends to the sites a person works at (never the PIN): any site's
   * verifyPin checks it, whatever its own pepper.
   */
  hashSharedPin(pin: string): Promise<string> {
    return this.hash(Buffer.from(pin, 'utf8'), SHARED_PIN_SCHEME);
  }

  verifyPassword(password: string, stored: string | null): Promise<boolean> {
    return this.verify(Buffer.from(password, 'utf8'), stored);
  }

  /** Checks a PIN against this site's own hash (peppered) or a verifier from headquarters (hashSharedPin). */
  verifyPin(pin: string, stored: string | null): Promise<boolean> {
    if (stored?.startsWith(`${SHARED_PIN_SCHEME}$`)) {
      return this.verify(Buffer.from(pin, 'utf8'), stored, SHARED_PIN_SCHEME);
    }
    return this.verify(this.peppered(pin), stored);
  }

  private peppered(pin: string): Buffer {
    return createHmac('sha256', this.pepper).update(pin, 'utf8').digest();
  }

  private async hash(secret: Buffer, scheme = 'scrypt'): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const { N, r, p } = this.cost;
    const key = await derive(secret, salt, this.cost);
    return [scheme, N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  private async verify(secret: Buffer, stored: string | null, expectedScheme = 'scrypt'): Promise<boolean> {
    const [scheme, n, r, p, salt, key] = (stored ?? (await this.decoy)).split('$');
    if (scheme !== expectedScheme || !salt || !key) return false;
    const expected = Buffer.from(key, 'base64');
    const actual = await derive(secret, Buffer.from(salt, 'base64'), {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: MAX_MEMORY,
    });
    return timingSafeEqual(actual, expected) && stored !== null;
  }
}

function derive(secret: Buffer, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
