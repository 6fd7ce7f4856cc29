import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Public } from '../common/access/access.decorators';
import type { StaffPrincipal } from '../common/access/principal';
import { ErrorBody } from '../common/errors/error-body';
import { UserView } from '../users/dto/user.view';
import { AuthService, ClientInfo } from './auth.service';
import { PasswordLoginInput, PinLoginInput, RefreshInput } from './dto/auth.inputs';
import { TokenPairView } from './dto/token-pair.view';

const clientOf = (request: Request): ClientInfo => ({
  ip: request.ip ?? null,
  userAgent: request.header('user-agent') ?? null,
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with username and password' })
  @ApiOkResponse({ type: TokenPairView })
  @ApiUnauthorizedResponse({
    type: ErrorBody,
    description: 'Wrong username or password (the same answer for both)',
  })
  @ApiTooManyRequestsResponse({ type: ErrorBody, description: 'LOCKED_OUT, with Retry-After' })
  login(@Body() input: PasswordLoginInput, @Req() request: Request): Promise<TokenPairView> {
    return this.auth.loginWithPassword(input.username, input.password, clientOf(request));
  }

  @Post('pin')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in from the PIN pad' })
  @ApiOkResponse({ type: TokenPairView })
  @ApiUnauthorizedResponse({ type: ErrorBody, description: 'Wrong user or PIN (the same answer for both)' })
  @ApiTooManyRequestsResponse({ type: ErrorBody, description: 'LOCKED_OUT, with Retry-After' })
  pin(@Body() input: PinLoginInput, @Req() request: Request): Promise<TokenPairView> {
    return this.auth.loginWithPin(input.userId, input.pin, clientOf(request));
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
  @ApiOperation({ summary: 'The staff member this access token belongs to' })
  @ApiOkResponse({ type: UserView })
  me(@CurrentPrincipal() principal: StaffPrincipal): Promise<UserView> {
    return this.auth.me(principal);
  }
}
