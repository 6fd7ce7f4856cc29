import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/database.service';

/** What names a rate, in words for a 409 ("dishes name it"), or null when nothing of that kind does. */
export type TaxRateReferenceCheck = (tx: Tx, taxRateId: string) => Promise<string | null>;

interface RegisteredCheck {
  check: TaxRateReferenceCheck;
  /** Whether the reference also keeps the rate active: a dish naming it does, an open order's copy does not. */
  blocksDeactivation: boolean;
}

/**
 * Where modules above this one say that their records name a tax rate (dishes, categories, open orders' items):
 * such a rate cannot be deleted. The lower module asks; the higher ones answer, so taxes imports none of them.
 */
@Injectable()
export class TaxRateReferences {
  private readonly checks: RegisteredCheck[] = [];

  register(check: TaxRateReferenceCheck, options: { blocksDeactivation: boolean }): void {
    this.checks.push({ check, ...options });
  }

  /**
   * Every reference that keeps the rate from being deleted (or deactivated), in words joined by "; ", or null:
   * all of them, so the message does not depend on the order the modules registered in.
   */
  async blocking(tx: Tx, taxRateId: string, deactivating: boolean): Promise<string | null> {
    const references: string[] = [];
    for (const { check, blocksDeactivation } of this.checks) {
      if (deactivating && !blocksDeactivation) continue;
      const reference = await check(tx, taxRateId);
      if (reference) references.push(reference);
    }
    return references.length > 0 ? references.sort().join('; ') : null;
  }
}
