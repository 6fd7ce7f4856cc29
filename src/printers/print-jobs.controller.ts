import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access/access.decorators';
import { ALL_ROLES } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { PrintJobQuery } from './dto/print-job.inputs';
import { PrintJobView } from './dto/print-job.views';
import { PrintJobsService } from './print-jobs.service';

@ApiTags('printers')
@Roles(...ALL_ROLES)
@Controller('print-jobs')
export class PrintJobsController {
  constructor(private readonly jobs: PrintJobsService) {}

  @Get()
  @ApiOperation({ summary: 'Print jobs, newest first, by printer and status' })
  @ApiPageResponse(PrintJobView)
  list(@Query() query: PrintJobQuery): Promise<Page<PrintJobView>> {
    return this.jobs.list(query);
  }

  @Post(':id/reprint')
  @Idempotent()
  @ApiOperation({ summary: 'Print a printed job again on its printer, marked REPRINT' })
  @ApiCreatedResponse({ type: PrintJobView })
  @ApiNotFound('print job')
  @ApiConflictResponse({ type: ErrorBody, description: 'INVALID_TRANSITION: the job never printed' })
  reprint(@Param('id') id: string): Promise<PrintJobView> {
    return this.jobs.reprint(id);
  }
}
