import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/database.service';

/** What names a level, in words for a 409 ("areas name it"), or null when nothing of that kind does. */
export type PriceLevelReferenceCheck = (tx: Tx, priceLevelId: string) => Promise<string | null>;

/**
 * Where modules above pricing say that their records name a price level (the floor's areas): such a level cannot
 * be deleted. Pricing asks; the floor answers, so pricing imports no floor code.
 */
@Injectable()
export class PriceLevelReferences {
  private readonly checks: PriceLevelReferenceCheck[] = [];

  register(check: PriceLevelReferenceCheck): void {
    this.checks.push(check);
  }

  /** Every reference that keeps the level from being deleted, in words joined by "; ", or null. */
  async blocking(tx: Tx, priceLevelId: string): Promise<string | null> {
    const references: string[] = [];
    for (const check of this.checks) {
      const reference = await check(tx, priceLevelId);
      if (reference) references.push(reference);
    }
    return references.length > 0 ? references.sort().join('; ') : null;
  }
}
