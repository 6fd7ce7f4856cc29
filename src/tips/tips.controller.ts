import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
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
import { DeviceId } from '../common/http/device-id';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { DeclaredTipInput, TipPayoutInput, TipRuleInput } from './dto/tip.inputs';
import { MyTipsView } from './dto/my-tips.views';
import { DeclaredTipView, TipPayoutView, TipRuleView } from './dto/tip.views';
import { TipRulesService } from './tip-rules.service';
import { TipsService } from './tips.service';

const UNKNOWN_JOB = 'VALIDATION_ERROR: a job it names does not exist';

/** The ordered rules tips are shared by: managers and admins. */
@ApiTags('tips')
@Roles(Role.Manager, Role.Admin)
@Controller('tip-rules')
export class TipRulesController {
  constructor(private readonly rules: TipRulesService) {}

  @Get()
  @ApiOperation({ summary: 'The tip rules, in the order they apply' })
  @ApiPageResponse(TipRuleView)
  list(@Query() query: PageQuery): Promise<Page<TipRuleView>> {
    return this.rules.list(query);
  }

  @Post()
  @ApiOperation({
    summary: 'Add a tip rule (audited): a tip-out of a percent of sales to a job, or a pool of jobs',
    description: 'It applies from the open business day on, which is shared again at once.',
  })
  @ApiCreatedResponse({ type: TipRuleView })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: UNKNOWN_JOB })
  create(@CurrentPrincipal() actor: Principal, @Body() input: TipRuleInput): Promise<TipRuleView> {
    return this.rules.create(actor, input);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a tip rule’s terms or move it (audited); from the open business day on' })
  @ApiOkResponse({ type: TipRuleView })
  @ApiNotFound('tip rule')
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: UNKNOWN_JOB })
  replace(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() input: TipRuleInput,
  ): Promise<TipRuleView> {
    return this.rules.replace(actor, id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a tip rule (audited); from the open business day on' })
  @ApiNoContentResponse()
  @ApiNotFound('tip rule')
  remove(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<void> {
    return this.rules.remove(actor, id);
  }
}

@ApiTags('tips')
@Controller('tips')
export class TipsController {
  constructor(private readonly tips: TipsService) {}

  @Post('declared')
  @Roles(Role.Waiter, Role.Kitchen, Role.Manager, Role.Admin)
  @Idempotent()
  @ApiOperation({
    summary:
      'Declare cash tips received in the open business day (audited): your own, or a manager for anyone',
  })
  @ApiCreatedResponse({ type: DeclaredTipView })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR: someone else’s tips declared by a waiter or a cook, or no such person',
  })
  declare(@CurrentStaff() actor: StaffPrincipal, @Body() input: DeclaredTipInput): Promise<DeclaredTipView> {
    return this.tips.declare(actor, input);
  }

  @Get('me')
  @Roles(Role.Waiter, Role.Kitchen, Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'Your own tips of this week: card and declared tips and your shares, per business day',
    description: 'Only the caller’s own, whatever their role: nobody reads another person’s tips here.',
  })
  @ApiOkResponse({ type: MyTipsView })
  mine(@CurrentStaff() actor: StaffPrincipal): Promise<MyTipsView> {
    return this.tips.mine(actor);
  }

  @Post('payouts')
  @Roles(Role.Manager, Role.Admin)
  @Idempotent()
  @ApiOperation({
    summary: 'Record tips paid to a person (audited): in cash out of this device’s drawer, or by payroll',
    description: 'Cash is a withdrawal from the drawer shift open on the device sending X-Device-Id.',
  })
  @ApiCreatedResponse({ type: TipPayoutView })
  @ApiNotFound('open drawer shift on this device (cash)')
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'VALIDATION_ERROR: no such person' })
  payout(
    @CurrentStaff() actor: StaffPrincipal,
    @Body() input: TipPayoutInput,
    @DeviceId() deviceId: string | null,
  ): Promise<TipPayoutView> {
    return this.tips.payout(actor, input, deviceId);
  }
}
