import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Whether a module's records hold money (a payment taken, a gift card issued, a drawer opened, a day closed). */
export type MoneyCheck = (manager: EntityManager) => Promise<boolean>;

/**
 * Where every module that records money says whether it has: from the first money on, the restaurant's time zone
 * and currency are history (business days, receipts, card balances, drawers, the fiscal export) and stay. The
 * lower module asks; the modules that own the money answer, so restaurant reads none of their tables.
 */
@Injectable()
export class MoneyRecords {
  private readonly checks: MoneyCheck[] = [];

  register(check: MoneyCheck): void {
    this.checks.push(check);
  }

  async exist(manager: EntityManager): Promise<boolean> {
    for (const check of this.checks) if (await check(manager)) return true;
    return false;
  }
}
