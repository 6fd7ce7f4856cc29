import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/database.service';

/** What names a schedule, in words for a 409 ("dishes name it"), or null when nothing of that kind does. */
export type ScheduleReferenceCheck = (tx: Tx, scheduleId: string) => Promise<string | null>;

/**
 * Where the records that name a schedule (categories, dishes, and modules above the menu such as price rules) say
 * so: a schedule in use cannot be deleted. The modules above register; the menu imports none of them.
 */
@Injectable()
export class ScheduleReferences {
  private readonly checks: ScheduleReferenceCheck[] = [];

  register(check: ScheduleReferenceCheck): void {
    this.checks.push(check);
  }

  /** Every reference, in words joined by "; " and sorted, or null when nothing names the schedule. */
  async blocking(tx: Tx, scheduleId: string): Promise<string | null> {
    const references: string[] = [];
    for (const check of this.checks) {
      const reference = await check(tx, scheduleId);
      if (reference) references.push(reference);
    }
    return references.length > 0 ? references.sort().join('; ') : null;
  }
}
