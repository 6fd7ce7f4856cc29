import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentStaff, Roles } from '../common/access/access.decorators';
import type { StaffPrincipal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { TimeClockQuery } from './dto/time-clock.inputs';
import { TimeClockEntryView } from './dto/time-clock.views';
import { TimeClockService } from './time-clock.service';

/** Clocking in and out is for the staff member calling, whatever their role; no API key reaches it. */
@ApiTags('time-clock')
@Controller('time-clock')
export class TimeClockController {
  constructor(private readonly timeClock: TimeClockService) {}

  @Post('in')
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'CONFLICT: you are clocked in already',
  })
  @Idempotent()
  @ApiOperation({ summary: 'Clock in: a shift worked starts now' })
  @ApiCreatedResponse({ type: TimeClockEntryView })
  clockIn(@CurrentStaff() actor: StaffPrincipal): Promise<TimeClockEntryView> {
    return this.timeClock.clockIn(actor);
  }

  @Post('out')
  @HttpCode(200)
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'INVALID_TRANSITION: you are not clocked in',
  })
  @Idempotent()
  @ApiOperation({ summary: 'Clock out: the open shift worked ends now, with its hours' })
  @ApiOkResponse({ type: TimeClockEntryView })
  clockOut(@CurrentStaff() actor: StaffPrincipal): Promise<TimeClockEntryView> {
    return this.timeClock.clockOut(actor);
  }

  @Get()
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'Shifts worked that overlap a period, newest first, with their hours',
    description:
      'A shift still open (not clocked out, even from an earlier day) is listed with open: true and its hours up ' +
      'to now.',
  })
  @ApiPageResponse(TimeClockEntryView)
  list(@Query() query: TimeClockQuery): Promise<Page<TimeClockEntryView>> {
    return this.timeClock.list(query);
  }
}
