import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { UsersModule } from '../users/users.module';
import { ClockedStaffReferences } from './clocked-staff-references';
import { TimeClockController } from './time-clock.controller';
import { TimeClockService } from './time-clock.service';

@Module({
  imports: [UsersModule, JobsModule],
  controllers: [TimeClockController],
  providers: [TimeClockService, ClockedStaffReferences],
  exports: [TimeClockService],
})
export class TimeClockModule {}
