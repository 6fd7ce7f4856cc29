import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { OrdersModule } from '../orders/orders.module';
import { ShiftsModule } from '../shifts/shifts.module';
import { TimeClockModule } from '../time-clock/time-clock.module';
import { UsersModule } from '../users/users.module';
import { TipLedger } from './tip-ledger';
import { TipRecorder } from './tip-recorder';
import { TipRulesService } from './tip-rules.service';
import { TipReportController, TipRulesController, TipsController } from './tips.controller';
import { TipsService } from './tips.service';

@Module({
  imports: [OrdersModule, JobsModule, TimeClockModule, ShiftsModule, UsersModule],
  controllers: [TipRulesController, TipsController, TipReportController],
  providers: [TipLedger, TipRecorder, TipRulesService, TipsService],
  exports: [TipLedger],
})
export class TipsModule {}
