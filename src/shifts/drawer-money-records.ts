import { Injectable, OnModuleInit } from '@nestjs/common';
import { MoneyRecords } from '../restaurant/money-records';
import { CashShift } from './cash-shift.entity';

/**
 * A drawer opened (its float, and any cash paid in or out since, which needs an open drawer) is money recorded on
 * a business day: it fixes the currency and time zone.
 */
@Injectable()
export class DrawerMoneyRecords implements OnModuleInit {
  constructor(private readonly records: MoneyRecords) {}

  onModuleInit(): void {
    this.records.register((manager) => manager.exists(CashShift));
  }
}
