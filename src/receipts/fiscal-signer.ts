import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FiscalSignerConfig } from '../config/app-config';

/**
 * Signs each receipt's chain hash. The seam for a country's certified signing unit (Germany's TSE, France's NF525):
 * implement this interface, answer the unit's signature of `hash` (a TSE adds its transaction number and time to
 * what it signs: keep them in the signature text), add its name to FISCAL_SIGNER in src/config/app-config.ts and
 * a case to `fiscalSignerFor`. `sign` runs inside the transaction that issues the receipt, before it commits.
 * An abstract class rather than an interface only so that Nest can inject it by type.
 */
export abstract class FiscalSigner {
  /** What FISCAL_SIGNER names. */
  abstract readonly name: string;
  /** The signature of `hash`, or null when this signer signs nothing. */
  abstract sign(hash: string): string | null;
  /** Whether `signature` is this signer's signature of `hash`. */
  abstract verify(hash: string, signature: string): boolean;
}

/** FISCAL_SIGNER=none: the chain alone; no signature. */
export class NoFiscalSigner implements FiscalSigner {
  readonly name = 'none';

  sign(): null {
    return null;
  }

  /** A signature made while another signer was configured cannot be checked without it. */
  verify(): boolean {
    return false;
  }
}

/**
 * FISCAL_SIGNER=hmac: `hmac-sha256:<hex HMAC-SHA256(FISCAL_SIGNING_KEY, hash)>`. Whoever holds the key can re-sign
 * a rewritten chain, so keep the key away from the database; a certified unit keeps its key in hardware instead.
 */
export class HmacFiscalSigner implements FiscalSigner {
  readonly name = 'hmac';

  constructor(private readonly key: string) {}

  sign(hash: string): string {
    return `hmac-sha256:${createHmac('sha256', this.key).update(hash, 'utf8').digest('hex')}`;
  }

  verify(hash: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(hash));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/** A signing unit (simulated-tse, fiskaly) signs each till's transactions afterwards (src/fiscal/), not the chain. */
export function fiscalSignerFor(config: FiscalSignerConfig): FiscalSigner {
  switch (config.kind) {
    case 'none':
    case 'simulated-tse':
    case 'simulated-rksv':
    case 'fiskaly':
      return new NoFiscalSigner();
    case 'hmac':
      return new HmacFiscalSigner(config.key);
  }
}
