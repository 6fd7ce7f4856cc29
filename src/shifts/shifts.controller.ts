import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { CloseShiftInput, DrawerMovementInput, OpenShiftInput, ShiftListQuery } from './dto/shift.inputs';
import { ShiftView } from './dto/shift.view';
import { ShiftsService } from './shifts.service';

/** The cash drawer's shifts: managers and admins open and count it. */
@ApiTags('shifts')
@Roles(Role.Manager, Role.Admin)
@Controller('shifts')
export class ShiftsController {
  constructor(private readonly shifts: ShiftsService) {}

  @Post('open')
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'CONFLICT: a shift is open already (named in the message)',
  })
  @Idempotent()
  @ApiOperation({
    summary: 'Open the cash drawer with its float; at most one shift is open at a time',
    description:
      'Cash payments, change and refunds of cash payments count towards the open shift from now until its close.',
  })
  @ApiCreatedResponse({ type: ShiftView })
  open(@CurrentStaff() actor: StaffPrincipal, @Body() input: OpenShiftInput): Promise<ShiftView> {
    return this.shifts.open(actor, input);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'INVALID_TRANSITION: the shift is closed already',
  })
  @Idempotent()
  @ApiOperation({
    summary: 'Close a shift with the cash counted: answers expected cash and the difference',
    description: 'The cash movements summed at the close are kept: a closed shift never changes.',
  })
  @ApiOkResponse({ type: ShiftView })
  @ApiNotFound('shift')
  close(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') id: string,
    @Body() input: CloseShiftInput,
  ): Promise<ShiftView> {
    return this.shifts.close(actor, id, input);
  }

  @Post(':id/movements')
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'INVALID_TRANSITION: the shift is closed already',
  })
  @Idempotent()
  @ApiOperation({
    summary:
      'Record cash paid into (deposit) or out of (withdrawal) the drawer of an open shift, with its reason',
    description:
      "It counts towards the shift's expected cash and the Z report's drawer; with a signing unit it is signed, and the DSFinV-K export has it as Einzahlung or Auszahlung.",
  })
  @ApiCreatedResponse({ type: ShiftView })
  @ApiNotFound('shift')
  recordMovement(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') id: string,
    @Body() input: DrawerMovementInput,
  ): Promise<ShiftView> {
    return this.shifts.recordMovement(actor, id, input);
  }

  @Get()
  @ApiOperation({ summary: 'Drawer shifts, newest first, by opening time and status' })
  @ApiPageResponse(ShiftView)
  list(@Query() query: ShiftListQuery): Promise<Page<ShiftView>> {
    return this.shifts.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One drawer shift: float, cash movements, expected, counted and the difference' })
  @ApiOkResponse({ type: ShiftView })
  @ApiNotFound('shift')
  get(@Param('id') id: string): Promise<ShiftView> {
    return this.shifts.get(id);
  }
}
