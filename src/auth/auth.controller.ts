import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Public } from '../common/access/access.decorators';
import type { StaffPrincipal } from '../common/access/principal';
import { ErrorBody } from '../common/errors/error-body';
import { KITCHEN_DEVICE_HEADER } from '../kitchen/kitchen-device-access';
import { AuthService, ClientInfo } from './auth.service';
import { PasswordLoginInput, PinLoginInput, RefreshInput } from './dto/auth.inputs';
import { MeView } from './dto/me.view';
import { TokenPairView } from './dto/token-pair.view';
import { SecondFactorLoginInput } from './second-factor/dto/second-factor.inputs';
import { LoginChallengeView } from './second-factor/dto/second-factor.views';

const clientOf = (request: Request): ClientInfo => ({
  ip: request.ip ?? null,
  userAgent: request.header('user-agent') ?? null,
  deviceId: request.header('x-device-id') ?? null,
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Log in with username and password; an account with two-factor authentication gets a challenge for POST /auth/login/2fa instead of tokens',
  })
  @ApiExtraModels(LoginChallengeView)
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(TokenPairView) }, { $ref: getSchemaPath(LoginChallengeView) }] },
  })
  @ApiUnauthorizedResponse({
    type: ErrorBody,
    description: 'Wrong username or password (the same answer for both)',
  })
  @ApiTooManyRequestsResponse({ type: ErrorBody, description: 'LOCKED_OUT, with Retry-After' })
  login(
    @Body() input: PasswordLoginInput,
    @Req() request: Request,
  ): Promise<TokenPairView | LoginChallengeView> {
    return this.auth.loginWithPassword(input.username, input.password, clientOf(request));
  }

  @Post('login/2fa')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Complete a password login with a current TOTP code or a recovery code (each works once); wrong ones count towards lock-out',
  })
  @ApiOkResponse({ type: TokenPairView })
  @ApiUnauthorizedResponse({
    type: ErrorBody,
    description: 'A wrong or replayed code, or an unknown, used or expired mfaToken',
  })
  @ApiTooManyRequestsResponse({ type: ErrorBody, description: 'LOCKED_OUT, with Retry-After' })
  loginWithSecondFactor(
    @Body() input: SecondFactorLoginInput,
    @Req() request: Request,
  ): Promise<TokenPairView> {
    return this.auth.loginWithSecondFactor(input, clientOf(request));
  }

  @Post('pin')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Log in from the PIN pad; wrong PINs lock out the person, and many people failing lock the device or address',
  })
  @ApiHeader({
    name: KITCHEN_DEVICE_HEADER,
    required: false,
    description:
      'On a kitchen screen: its device token. The session is the screen’s: revoking the screen ends it, and its sockets hear the screen’s stations',
  })
  @ApiOkResponse({ type: TokenPairView })
  @ApiUnauthorizedResponse({
    type: ErrorBody,
    description: 'Wrong user or PIN (the same answer for both), or an X-Kitchen-Device of no paired screen',
  })
  @ApiTooManyRequestsResponse({
    type: ErrorBody,
    description:
      'LOCKED_OUT, with Retry-After; the message says whose lock (person, device, address) and how long',
  })
  pin(@Body() input: PinLoginInput, @Req() request: Request): Promise<TokenPairView> {
    const kitchenDevice = request.header(KITCHEN_DEVICE_HEADER);
    return this.auth.loginWithPin(input.userId, input.pin, clientOf(request), kitchenDevice);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Trade a refresh token for a new pair; re-using a spent token revokes its session',
  })
  @ApiOkResponse({ type: TokenPairView })
  @ApiUnauthorizedResponse({ type: ErrorBody })
  refresh(@Body() input: RefreshInput, @Req() request: Request): Promise<TokenPairView> {
    return this.auth.refresh(input.refreshToken, clientOf(request));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session: its refresh and access tokens stop working' })
  @ApiNoContentResponse()
  async logout(
    @Body() input: RefreshInput,
    @CurrentPrincipal() principal: StaffPrincipal,
    @Req() request: Request,
  ): Promise<void> {
    await this.auth.logout(principal, input.refreshToken, clientOf(request));
  }

  @Get('me')
  @ApiOperation({ summary: 'The staff member this access token belongs to, and whether 2FA is on' })
  @ApiOkResponse({ type: MeView })
  me(@CurrentPrincipal() principal: StaffPrincipal): Promise<MeView> {
    return this.auth.me(principal);
  }
}
