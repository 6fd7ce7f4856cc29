import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/database.service';

/** Answers whether some record of another module names this user. */
export type UserReferenceCheck = (tx: Tx, userId: string) => Promise<boolean>;

/**
 * Where modules above this one say that their records name a user (orders name their waiter): such a user is
 * deactivated rather than deleted. The lower module asks; the higher ones answer, so users imports none of them.
 */
@Injectable()
export class UserReferences {
  private readonly checks: UserReferenceCheck[] = [];

  register(check: UserReferenceCheck): void {
    this.checks.push(check);
  }

  async anyFor(tx: Tx, userId: string): Promise<boolean> {
    for (const check of this.checks) if (await check(tx, userId)) return true;
    return false;
  }
}
