import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ReportsModule } from '../reports/reports.module';
import { BusinessDaysController } from './business-days.controller';
import { BusinessDaysService } from './business-days.service';
import { DayCloseMoneyRecords } from './day-close-money-records';

/** The day's close and its Z reports, built on the day report. */
@Module({
  imports: [OrdersModule, ReportsModule],
  controllers: [BusinessDaysController],
  providers: [BusinessDaysService, DayCloseMoneyRecords],
  exports: [BusinessDaysService],
})
export class BusinessDaysModule {}
