import { Body, Controller, Delete, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentStaff, Roles } from '../../common/access/access.decorators';
import type { StaffPrincipal } from '../../common/access/principal';
import { Role } from '../../common/access/role';
import { ErrorBody } from '../../common/errors/error-body';
import {
  DisableSecondFactorInput,
  EnableSecondFactorInput,
  SetupSecondFactorInput,
} from './dto/second-factor.inputs';
import { RecoveryCodesView, SecondFactorSetupView } from './dto/second-factor.views';
import { SecondFactorService } from './second-factor.service';

@ApiTags('auth')
@Controller('auth/2fa')
export class SecondFactorController {
  constructor(private readonly secondFactors: SecondFactorService) {}

  @Post('setup')
  @HttpCode(200)
  @Roles(Role.Admin, Role.Manager)
  @ApiOperation({
    summary:
      'Start TOTP enrolment with the account password: a new secret, its otpauth:// URL and QR code, pending until POST /auth/2fa/enable; replaces a pending one',
  })
  @ApiOkResponse({ type: SecondFactorSetupView })
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: two-factor authentication is on already' })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'No password, or a wrong one (recorded, and counted towards lock-out)',
  })
  @ApiTooManyRequestsResponse({ type: ErrorBody, description: 'LOCKED_OUT, with Retry-After' })
  setup(
    @CurrentStaff() principal: StaffPrincipal,
    @Body() input: SetupSecondFactorInput,
    @Req() request: Request,
  ): Promise<SecondFactorSetupView> {
    return this.secondFactors.setup(principal, input.password, request.ip ?? null);
  }

  @Post('enable')
  @HttpCode(200)
  @Roles(Role.Admin, Role.Manager)
  @ApiOperation({
    summary:
      'Confirm the pending setup with the account password and a current code: password logins then ask for a code, and every other session of the user ends; answers ten recovery codes, shown this one time',
  })
  @ApiOkResponse({ type: RecoveryCodesView })
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: no pending setup, or 2FA is on already' })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'A wrong code, or no password or a wrong one (recorded, and counted towards lock-out)',
  })
  @ApiTooManyRequestsResponse({ type: ErrorBody, description: 'LOCKED_OUT, with Retry-After' })
  enable(
    @CurrentStaff() principal: StaffPrincipal,
    @Body() input: EnableSecondFactorInput,
    @Req() request: Request,
  ): Promise<RecoveryCodesView> {
    return this.secondFactors.enable(principal, input, request.ip ?? null);
  }

  @Post('disable')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Turn one’s own two-factor authentication off, with a current code or the password; a wrong one counts towards lock-out',
  })
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: two-factor authentication is not on' })
  @ApiTooManyRequestsResponse({ type: ErrorBody, description: 'LOCKED_OUT, with Retry-After' })
  async disable(
    @CurrentStaff() principal: StaffPrincipal,
    @Body() input: DisableSecondFactorInput,
    @Req() request: Request,
  ): Promise<void> {
    await this.secondFactors.disable(principal, input, request.ip ?? null);
  }
}

@ApiTags('staff')
@Roles(Role.Admin)
@Controller('users')
export class SecondFactorResetController {
  constructor(private readonly secondFactors: SecondFactorService) {}

  @Delete(':id/2fa')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Remove a user’s second factor (a lost phone): they log in with the password alone and may enrol again; every session of theirs ends',
  })
  @ApiNoContentResponse()
  async reset(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') userId: string,
    @Req() request: Request,
  ): Promise<void> {
    await this.secondFactors.reset(actor, userId, request.ip ?? null);
  }
}
