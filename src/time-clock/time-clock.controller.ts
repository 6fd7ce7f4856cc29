import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, CurrentStaff, Roles } from '../common/access/access.decorators';
import type { Principal, StaffPrincipal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { BreakStartInput, ClockInInput, TimeClockEditInput, TimeClockQuery } from './dto/time-clock.inputs';
import { MyTimeView, TimeClockEntryView } from './dto/time-clock.views';
import { TimeClockService } from './time-clock.service';

/**
 * Clocking in and out and breaks are for the staff member calling, whatever their role (their own PIN session on
 * the tablet or the kitchen screen); no API key reaches them. Managers list and correct.
 */
@ApiTags('time-clock')
@Controller('time-clock')
export class TimeClockController {
  constructor(private readonly timeClock: TimeClockService) {}

  @Post('clock-in')
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: you are clocked in already' })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR: a job you do not hold, or none chosen when you hold several',
  })
  @Idempotent()
  @ApiOperation({ summary: 'Clock in: a shift worked in one of your jobs starts now' })
  @ApiCreatedResponse({ type: TimeClockEntryView })
  clockIn(@CurrentStaff() actor: StaffPrincipal, @Body() input: ClockInInput): Promise<TimeClockEntryView> {
    return this.timeClock.clockIn(actor, input);
  }

  @Post('clock-out')
  @HttpCode(200)
  @ApiConflictResponse({ type: ErrorBody, description: 'INVALID_TRANSITION: you are not clocked in' })
  @Idempotent()
  @ApiOperation({
    summary:
      "Clock out: the open shift ends now (a running break with it), with its hours and the law's flags",
  })
  @ApiOkResponse({ type: TimeClockEntryView })
  clockOut(@CurrentStaff() actor: StaffPrincipal): Promise<TimeClockEntryView> {
    return this.timeClock.clockOut(actor);
  }

  @Post('breaks/start')
  @HttpCode(200)
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'INVALID_TRANSITION: you are not clocked in, or on a break already',
  })
  @Idempotent()
  @ApiOperation({ summary: 'Start a break, paid or unpaid, in your open shift' })
  @ApiOkResponse({ type: TimeClockEntryView })
  startBreak(
    @CurrentStaff() actor: StaffPrincipal,
    @Body() input: BreakStartInput,
  ): Promise<TimeClockEntryView> {
    return this.timeClock.startBreak(actor, input.paid);
  }

  @Post('breaks/end')
  @HttpCode(200)
  @ApiConflictResponse({ type: ErrorBody, description: 'INVALID_TRANSITION: you are not on a break' })
  @Idempotent()
  @ApiOperation({ summary: 'End your break' })
  @ApiOkResponse({ type: TimeClockEntryView })
  endBreak(@CurrentStaff() actor: StaffPrincipal): Promise<TimeClockEntryView> {
    return this.timeClock.endBreak(actor);
  }

  @Get('me')
  @ApiOperation({ summary: 'Your own time: the jobs to clock in to, your open shift, and this week’s hours' })
  @ApiOkResponse({ type: MyTimeView })
  mine(@CurrentStaff() actor: StaffPrincipal): Promise<MyTimeView> {
    return this.timeClock.mine(actor);
  }

  @Get()
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary:
      'Shifts worked that overlap a period, newest first, with job, wage, breaks, hours, overtime and flags',
    description:
      'A shift still open (not clocked out, even from an earlier day) is listed with open: true and its hours up ' +
      'to now. Overtime follows the profile’s thresholds over the person’s local day and week.',
  })
  @ApiPageResponse(TimeClockEntryView)
  list(@Query() query: TimeClockQuery): Promise<Page<TimeClockEntryView>> {
    return this.timeClock.list(query);
  }

  @Patch(':id')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'Correct a shift, with a reason (audited): a forgotten clock-out, a wrong time or job',
    description: 'The times before stay in `edits`, with who changed them and why.',
  })
  @ApiOkResponse({ type: TimeClockEntryView })
  @ApiNotFound('shift')
  @ApiConflictResponse({
    type: ErrorBody,
    description:
      'CONFLICT: the shift would overlap another of the person, open or not (meeting one is no overlap)',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description:
      'VALIDATION_ERROR: an end before the start, a shift over 24 hours, a time in the future, a break left ' +
      'outside, a job the person does not hold',
  })
  edit(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() input: TimeClockEditInput,
  ): Promise<TimeClockEntryView> {
    return this.timeClock.edit(actor, id, input);
  }
}
