import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { perAddress, RateLimit } from '../rate-limit/rate-limit.guard';
import {
  CreateKitchenDeviceInput,
  PairKitchenDeviceInput,
  UpdateKitchenDeviceInput,
} from './dto/kitchen-device.inputs';
import {
  IssuedPairingCodeView,
  KitchenDeviceSetupView,
  KitchenDeviceView,
  PairedDeviceView,
} from './dto/kitchen-device.views';
import { KitchenDeviceAccess } from './kitchen-device-access';
import { KitchenDevicesService } from './kitchen-devices.service';

const INVALID_DEVICE =
  'VALIDATION_ERROR naming the field: no stationIds while expo is false, or a station that does not exist';

@ApiTags('kitchen')
@Controller('kitchen')
export class KitchenDevicesController {
  constructor(private readonly devices: KitchenDevicesService) {}

  @Get('devices')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({ summary: 'List kitchen devices, by name (never their codes or tokens)' })
  @ApiPageResponse(KitchenDeviceView)
  list(@Query() query: PageQuery): Promise<Page<KitchenDeviceView>> {
    return this.devices.list(query);
  }

  @Post('devices')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'Set up a kitchen screen: its stations (or expo: every station), and a pairing code (audited)',
    description:
      'The pairing code is shown this once: 8 characters without 0, O, 1 or I, valid 15 minutes, usable once. ' +
      'The screen at /kitchen asks for it, trades it for its device token (POST /kitchen/devices/pair), then ' +
      'signs cooks in by PIN.',
  })
  @ApiCreatedResponse({ type: IssuedPairingCodeView })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: INVALID_DEVICE })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateKitchenDeviceInput,
  ): Promise<IssuedPairingCodeView> {
    return this.devices.create(principal, input);
  }

  @Post('devices/pair')
  @Public()
  @HttpCode(200)
  // 10 tries per 10 minutes per address: against a code's 40 random bits, no guess lands in its 15 minutes.
  @RateLimit({ name: 'kitchen-pair', windowSeconds: 600, buckets: perAddress(10) })
  @ApiOperation({
    summary: 'A kitchen screen trades its pairing code for its device token (audited)',
    description:
      'The code is spent, and a screen paired with the device before loses its token. The token is shown this ' +
      'once; the screen sends it as X-Kitchen-Device. Limited to 10 attempts per 10 minutes per address.',
  })
  @ApiOkResponse({ type: PairedDeviceView })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description:
      'PAIRING_CODE_INVALID: the code is wrong, already used or expired (one answer for all three)',
  })
  pair(@Body() input: PairKitchenDeviceInput): Promise<PairedDeviceView> {
    return this.devices.pair(input.code);
  }

  @Patch('devices/:id')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({ summary: 'Rename a kitchen device, or change its stations, expo or text size (audited)' })
  @ApiOkResponse({ type: KitchenDeviceView })
  @ApiNotFound('kitchen device')
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: INVALID_DEVICE })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateKitchenDeviceInput,
  ): Promise<KitchenDeviceView> {
    return this.devices.update(principal, id, input);
  }

  @Delete('devices/:id')
  @Roles(Role.Manager, Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a kitchen device: its screen’s token answers 401 from now on (audited)' })
  @ApiNoContentResponse()
  @ApiNotFound('kitchen device')
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.devices.remove(principal, id);
  }

  @Post('devices/:id/pairing-code')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary:
      'A new pairing code for a kitchen device (a replaced tablet); its old token dies at once (audited)',
  })
  @ApiCreatedResponse({ type: IssuedPairingCodeView })
  @ApiNotFound('kitchen device')
  issuePairingCode(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<IssuedPairingCodeView> {
    return this.devices.issuePairingCode(principal, id);
  }

  @Get('device')
  @KitchenDeviceAccess()
  @ApiOperation({
    summary: 'A paired screen’s set-up: its device and its stations with their timer thresholds',
    description:
      'No staff login: the screen sends its device token as X-Kitchen-Device. It calls this at start, then ' +
      'shows the PIN pad (GET /staff) and signs the cook in (POST /auth/pin). Notes lastSeenAt (to the minute).',
  })
  @ApiOkResponse({ type: KitchenDeviceSetupView })
  setup(@Headers('x-kitchen-device') deviceToken: string | undefined): Promise<KitchenDeviceSetupView> {
    return this.devices.setup(deviceToken);
  }
}
