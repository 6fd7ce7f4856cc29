import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ShiftsModule } from '../shifts/shifts.module';
import { TimeClockModule } from '../time-clock/time-clock.module';
import { GiftCardReport } from './gift-card-report';
import { ReportQueries } from './report-queries';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [OrdersModule, ShiftsModule, TimeClockModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportQueries, GiftCardReport],
  exports: [ReportsService],
})
export class ReportsModule {}
