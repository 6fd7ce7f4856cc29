import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
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
import {
  CloseShiftInput,
  CountShiftInput,
  DrawerMovementInput,
  OpenDrawerInput,
  OpenShiftInput,
  ShiftListQuery,
} from './dto/shift.inputs';
import { DeviceId } from '../common/http/device-id';
import { ShiftView } from './dto/shift.view';
import { ShiftsService } from './shifts.service';

/** The cash drawers' shifts: one drawer per device (a waiter's tablet) and the back office's house drawer. */
@ApiTags('shifts')
@Roles(Role.Manager, Role.Admin)
@Controller('shifts')
export class ShiftsController {
  constructor(private readonly shifts: ShiftsService) {}

  @Post()
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @ApiConflictResponse({
    type: ErrorBody,
    description: "CONFLICT: this device's drawer is open already (named in the message)",
  })
  @Idempotent()
  @ApiOperation({
    summary:
      'Open the drawer of the device sending X-Device-Id with its float (without it: the house drawer)',
    description:
      'One shift is open per drawer. The cash payments taken on that device go to it until it is counted; a ' +
      'waiter must send X-Device-Id (422 otherwise) and handles only the drawer of that device.',
  })
  @ApiCreatedResponse({ type: ShiftView })
  openDrawer(
    @CurrentStaff() actor: StaffPrincipal,
    @Body() input: OpenDrawerInput,
    @DeviceId() deviceId: string | null,
  ): Promise<ShiftView> {
    return this.shifts.open(actor, { openingCash: input.float }, deviceId);
  }

  @Get('current')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'The shift open on the drawer of the device sending X-Device-Id (without it: the house drawer)',
  })
  @ApiOkResponse({ type: ShiftView })
  @ApiNotFound('open drawer shift on this device')
  @ApiHeader({ name: 'X-Device-Id', required: false, description: 'The device whose drawer is asked for' })
  current(@CurrentStaff() actor: StaffPrincipal, @DeviceId() deviceId: string | null): Promise<ShiftView> {
    return this.shifts.current(actor, deviceId);
  }

  @Post(':id/count')
  @HttpCode(200)
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'INVALID_TRANSITION: the shift is closed already',
  })
  @Idempotent()
  @ApiOperation({
    summary:
      'Count the drawer by its total (amount) or by denominations, and close it: answers expected cash and ' +
      'the difference (over when positive, short when negative)',
    description: 'A waiter counts only the drawer of the device sending X-Device-Id.',
  })
  @ApiOkResponse({ type: ShiftView })
  @ApiNotFound('shift')
  count(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') id: string,
    @Body() input: CountShiftInput,
    @DeviceId() deviceId: string | null,
  ): Promise<ShiftView> {
    return this.shifts.count(actor, id, input, deviceId);
  }

  @Post('open')
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'CONFLICT: a shift is open already (named in the message)',
  })
  @Idempotent()
  @ApiOperation({
    summary:
      'Open a drawer with its float (openingCash): the same as POST /shifts, for managers; one shift is open per drawer',
    description:
      'Cash payments, change and refunds of cash payments count towards the open shift from now until its close.',
  })
  @ApiCreatedResponse({ type: ShiftView })
  open(
    @CurrentStaff() actor: StaffPrincipal,
    @Body() input: OpenShiftInput,
    @DeviceId() deviceId: string | null,
  ): Promise<ShiftView> {
    return this.shifts.open(actor, input, deviceId);
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
    @DeviceId() deviceId: string | null,
  ): Promise<ShiftView> {
    return this.shifts.close(actor, id, input, deviceId);
  }

  @Post(':id/movements')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'INVALID_TRANSITION: the shift is closed already',
  })
  @Idempotent()
  @ApiOperation({
    summary:
      'Record cash paid into (deposit) or out of (withdrawal) the drawer of an open shift, with its reason',
    description:
      "A waiter records them only in the drawer of the device sending X-Device-Id. It counts towards the shift's expected cash and the Z report's drawer; with a signing unit it is signed, and the DSFinV-K export has it as Einzahlung or Auszahlung.",
  })
  @ApiCreatedResponse({ type: ShiftView })
  @ApiNotFound('shift')
  recordMovement(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') id: string,
    @Body() input: DrawerMovementInput,
    @DeviceId() deviceId: string | null,
  ): Promise<ShiftView> {
    return this.shifts.recordMovement(actor, id, input, deviceId);
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
