import { Module } from '@nestjs/common';
import { JobsController, StaffJobsController } from './jobs.controller';
import { JobsService } from './jobs.service';

@Module({
  controllers: [JobsController, StaffJobsController],
  providers: [JobsService],
  exports: [JobsService],
})
export class JobsModule {}
