import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { resourceRoutes } from '../common/http/resource-routes';
import { ApiPageResponse, Page, PageQuery, pageOfAll } from '../common/pagination/page';
import { CreateJobInput, StaffJobWageInput, UpdateJobInput } from './dto/job.inputs';
import { JobView, StaffJobView } from './dto/job.views';
import { JobsService } from './jobs.service';

const JobRoute = resourceRoutes('job', JobView);

@ApiTags('jobs')
@Roles(Role.Manager, Role.Admin)
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @JobRoute.list('List jobs, by name')
  list(@Query() query: PageQuery): Promise<Page<JobView>> {
    return this.jobs.list(query);
  }

  @JobRoute.create({ summary: 'Make a job (audited)', conflict: 'a job of that name exists' })
  create(@CurrentPrincipal() principal: Principal, @Body() input: CreateJobInput): Promise<JobView> {
    return this.jobs.create(principal, input);
  }

  @JobRoute.update({
    summary: 'Rename a job or make it (in)active (audited)',
    conflict: 'a job of that name exists',
  })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateJobInput,
  ): Promise<JobView> {
    return this.jobs.update(principal, id, input);
  }
}

@ApiTags('jobs')
@Roles(Role.Manager, Role.Admin)
@Controller('users/:userId/jobs')
export class StaffJobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @ApiOperation({ summary: "A person's jobs, with today's wage and every wage from its date on" })
  @ApiPageResponse(StaffJobView)
  @ApiNotFound('staff member')
  async list(@Param('userId') userId: string, @Query() query: PageQuery): Promise<Page<StaffJobView>> {
    return pageOfAll(await this.jobs.staffJobs(userId), query);
  }

  @Post()
  @ApiOperation({
    summary: 'Pay a person a wage in a job from a date on (audited); they hold the job from then',
    description: 'Shifts are paid the wage of their job on the local day they began.',
  })
  @ApiCreatedResponse({ type: [StaffJobView] })
  @ApiNotFound('staff member')
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: a wage in this job from that date is set' })
  addWage(
    @CurrentPrincipal() principal: Principal,
    @Param('userId') userId: string,
    @Body() input: StaffJobWageInput,
  ): Promise<StaffJobView[]> {
    return this.jobs.addWage(principal, userId, input);
  }
}
