import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page, PageQuery, pageOfAll } from '../common/pagination/page';
import { DepQuery, RegisterDeviceInput, ZeroReceiptInput } from './dto/rksv.dto';
import {
  CashRegisterView,
  CertificateOrPublicKeyView,
  CryptographicMaterialContainerView,
  DepExportView,
  RksvReceiptView,
} from './dto/rksv.views';
import { RksvService } from './rksv.service';

const NOT_AUSTRIA =
  'cash register (or no RKSV regime: the country is not AT or FISCAL_SIGNER no RKSV device)';

/** Austria's cash registers (RKSV): docs/fiscal.md says what each receipt carries and what the operator does. */
@ApiTags('fiscal')
@ApiExtraModels(CertificateOrPublicKeyView)
@Controller('fiscal')
export class RksvController {
  constructor(private readonly rksv: RksvService) {}

  @Get('registers')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary: "Austria's cash registers: turnover counter, last Belegnummer, and whether the device signs",
    description:
      'A register whose device failed shows when (`deviceFailedAt`) and by when an outage of more than 48 hours must be reported to the tax office (`reportBy`).',
  })
  @ApiPageResponse(CashRegisterView)
  @ApiNotFound(NOT_AUSTRIA)
  async registers(@Query() query: PageQuery): Promise<Page<CashRegisterView>> {
    return pageOfAll(await this.rksv.list(), query);
  }

  @Get('dep')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary: "A register's DEP export (Datenerfassungsprotokoll) in the reference's JSON, from..to",
  })
  @ApiOkResponse({ type: DepExportView })
  @ApiNotFound(NOT_AUSTRIA)
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR: a bad Kassen-ID or date',
  })
  dep(@Query() query: DepQuery): Promise<DepExportView> {
    return this.rksv.dep(query);
  }

  @Get('registers/:id/crypto-container')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: "The register's AES key and the device's certificate for an auditor's tool (audited)",
    description: 'The `cryptographicMaterialContainer` form the reference’s checking tool reads.',
  })
  @ApiOkResponse({ type: CryptographicMaterialContainerView })
  @ApiNotFound(NOT_AUSTRIA)
  cryptoContainer(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<CryptographicMaterialContainerView> {
    return this.rksv.cryptoContainer(principal, id);
  }

  @Post('registers/:id/zero-receipt')
  @Roles(Role.Admin)
  @HttpCode(201)
  @ApiOperation({ summary: 'Issue a zero receipt: start, month, year, closing or collective (Sammelbeleg)' })
  @ApiCreatedResponse({ type: RksvReceiptView })
  @ApiNotFound(NOT_AUSTRIA)
  @ApiConflictResponse({
    type: ErrorBody,
    description:
      'CONFLICT: a start receipt for a register that has one; a start, year or collective receipt while the device is out',
  })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'VALIDATION_ERROR: an unknown kind' })
  zeroReceipt(@Param('id') id: string, @Body() input: ZeroReceiptInput): Promise<RksvReceiptView> {
    return this.rksv.zeroReceipt(id, input.kind);
  }

  @Put('registers/:id/device')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: "Take the register's simulated signature device out, or bring it back (training and tests)",
    description:
      "While out, receipts carry the marker 'Sicherheitseinrichtung ausgefallen', chained and counted; bringing it back issues the signed collective zero receipt.",
  })
  @ApiOkResponse({ type: CashRegisterView })
  @ApiNotFound(NOT_AUSTRIA)
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR: available not a boolean',
  })
  setDevice(@Param('id') id: string, @Body() input: RegisterDeviceInput): Promise<CashRegisterView> {
    return this.rksv.setDevice(id, input.available);
  }
}
