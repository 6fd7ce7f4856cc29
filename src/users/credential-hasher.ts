import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';
import { SecretBox } from '../common/crypto/secret-box';
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
 * The scheme of a PIN verifier headquarters keeps for a person of its staff directory: scrypt of the PIN keyed with
 * the chain's PIN key (derived from headquarters' PIN_PEPPER) rather than a site's pepper, which headquarters has
 * not. A site keeps it with that key sealed under its own ENCRYPTION_KEY appended, so its database alone, like
 * headquarters', opens no PIN.
 */
const SHARED_PIN_SCHEME = 'scrypt-shared';
/** The sealed chain PIN key's context: bound in so it opens nowhere else. */
const SHARED_PIN_KEY_CONTEXT = 'hq-staff-pin-key';

@Injectable()
export class CredentialHasher {
  private readonly pepper: Buffer;
  /** The chain's PIN key, at headquarters: derived, so a site never holds headquarters' own pepper. */
  private readonly sharedPinKey: Buffer;
  private readonly box: SecretBox | null;
  private readonly cost: ScryptOptions & { N: number; r: number; p: number };
  /** Verified against when the user does not exist, so an unknown user costs as much time as a wrong secret. */
  private readonly decoy: Promise<string>;

  constructor(config: AppConfig) {
    this.pepper = Buffer.from(config.pinPepper, 'utf8');
    this.sharedPinKey = createHmac('sha256', this.pepper).update(SHARED_PIN_KEY_CONTEXT).digest();
    this.box = config.encryptionKey ? new SecretBox(config.encryptionKey) : null;
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
   * A PIN verifier headquarters keeps and sends to the sites a person works at (never the PIN), with the chain's
   * PIN key (chainPinKey): a site checks it once it holds it as siteSharedPin makes it.
   */
  hashSharedPin(pin: string): Promise<string> {
    return this.hash(keyed(this.sharedPinKey, pin), SHARED_PIN_SCHEME);
  }

  /** The chain's PIN key, which headquarters gives each site with the verifiers of its people (base64). */
  chainPinKey(): string {
    return this.sharedPinKey.toString('base64');
  }

  /** Headquarters' `verifier` as this site keeps it: with `chainPinKey` sealed under this site's ENCRYPTION_KEY. */
  siteSharedPin(verifier: string, chainPinKey: string): string {
    return `${verifier}$${this.sealer().seal(chainPinKey, SHARED_PIN_KEY_CONTEXT)}`;
  }

  /** Whether `stored` (a site's) is headquarters' `verifier`, whatever sealing of the key it carries. */
  isSharedPin(stored: string | null, verifier: string): boolean {
    return stored?.startsWith(`${verifier}$`) ?? false;
  }

  verifyPassword(password: string, stored: string | null): Promise<boolean> {
    return this.verify(Buffer.from(password, 'utf8'), stored);
  }

  /**
   * Checks a PIN against this site's own hash (peppered), a verifier from headquarters as the site keeps it
   * (siteSharedPin), or as headquarters does (hashSharedPin).
   */
  verifyPin(pin: string, stored: string | null): Promise<boolean> {
    if (stored?.startsWith(`${SHARED_PIN_SCHEME}$`)) {
      const parts = stored.split('$');
      const sealedKey = parts[6];
      let key = this.sharedPinKey;
      if (sealedKey !== undefined) {
        try {
          key = Buffer.from(this.sealer().open(sealedKey, SHARED_PIN_KEY_CONTEXT), 'base64');
        } catch {
          return Promise.resolve(false);
        }
      }
      return this.verify(keyed(key, pin), parts.slice(0, 6).join('$'), SHARED_PIN_SCHEME);
    }
    return this.verify(this.peppered(pin), stored);
  }

  private sealer(): SecretBox {
    if (!this.box) throw new Error('CredentialHasher needs ENCRYPTION_KEY for a verifier from headquarters');
    return this.box;
  }

  private peppered(pin: string): Buffer {
    return keyed(this.pepper, pin);
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

function keyed(key: Buffer, pin: string): Buffer {
  return createHmac('sha256', key).update(pin, 'utf8').digest();
}

function derive(secret: Buffer, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
