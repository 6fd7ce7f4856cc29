import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ReportsModule } from '../reports/reports.module';
import { ShiftsModule } from '../shifts/shifts.module';
import { BusinessDaysController } from './business-days.controller';
import { BusinessDaysService } from './business-days.service';

/** The day's close and its Z reports, built on the reports and the cash drawer. */
@Module({
  imports: [OrdersModule, ReportsModule, ShiftsModule],
  controllers: [BusinessDaysController],
  providers: [BusinessDaysService],
})
export class BusinessDaysModule {}
