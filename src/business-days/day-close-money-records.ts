import { Injectable, OnModuleInit } from '@nestjs/common';
import { MoneyRecords } from '../restaurant/money-records';
import { BusinessDayClose } from './business-day-close.entity';

/** A business day closed, even without a sale, is a Z report in the day's time zone and currency: it fixes both. */
@Injectable()
export class DayCloseMoneyRecords implements OnModuleInit {
  constructor(private readonly records: MoneyRecords) {}

  onModuleInit(): void {
    this.records.register((manager) => manager.exists(BusinessDayClose));
  }
}
