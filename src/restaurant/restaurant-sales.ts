import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Whether a module's records show that the restaurant has sold (a payment taken, say). */
export type SalesCheck = (manager: EntityManager) => Promise<boolean>;

/**
 * Where modules above this one say whether the restaurant has sold: from the first sale on, its time zone and
 * currency are history (business days, receipts, the fiscal export) and stay. The lower module asks; the higher ones
 * answer, so restaurant imports none of them.
 */
@Injectable()
export class RestaurantSales {
  private readonly checks: SalesCheck[] = [];

  register(check: SalesCheck): void {
    this.checks.push(check);
  }

  async started(manager: EntityManager): Promise<boolean> {
    for (const check of this.checks) if (await check(manager)) return true;
    return false;
  }
}
