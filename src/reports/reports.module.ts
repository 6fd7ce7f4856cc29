import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { OrdersModule } from '../orders/orders.module';
import { ShiftsModule } from '../shifts/shifts.module';
import { TimeClockModule } from '../time-clock/time-clock.module';
import { TipsModule } from '../tips/tips.module';
import { ChannelSalesQueries } from './channel-sales-queries';
import { PriceRuleReportQueries } from './price-rule-report-queries';
import { GiftCardReport } from './gift-card-report';
import { FoodCostQueries } from './food-cost-queries';
import { InventoryReports } from './inventory-report';
import { InventoryReportsController } from './inventory-reports.controller';
import { LabourReport } from './labour-report';
import { OrderReportQueries } from './order-report-queries';
import { ReportQueries } from './report-queries';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { TaxReportQueries } from './tax-report-queries';

@Module({
  imports: [OrdersModule, ShiftsModule, TimeClockModule, InventoryModule, TipsModule],
  controllers: [ReportsController, InventoryReportsController],
  providers: [
    ReportsService,
    ReportQueries,
    GiftCardReport,
    LabourReport,
    TaxReportQueries,
    ChannelSalesQueries,
    PriceRuleReportQueries,
    OrderReportQueries,
    InventoryReports,
    FoodCostQueries,
  ],
  exports: [ReportsService, OrderReportQueries],
})
export class ReportsModule {}
