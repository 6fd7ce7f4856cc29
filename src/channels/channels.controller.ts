import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, ForChannelKeys, Roles } from '../common/access/access.decorators';
import { ChannelRule } from '../common/access/channel-access';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { Scope } from '../common/access/scope';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { ApiRevalidated, sendRevalidated } from '../common/http/revalidated';
import { assertChannelCaller } from '../common/access/channel-access';
import { ChannelMenu } from './channel-menu.service';
import { ChannelsService } from './channels.service';
import { CreateChannelInput, UpdateChannelInput } from './dto/channel.inputs';
import { ChannelMenuView, ChannelView } from './dto/channel.views';

const SWITCHED_OFF = {
  type: ErrorBody,
  description: 'CONFLICT: the channel is switched off (active: false)',
};

@ApiTags('channels')
@Controller('channels')
export class ChannelsController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly menu: ChannelMenu,
  ) {}

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'List sales channels, by code' })
  @ApiPageResponse(ChannelView)
  list(@Query() query: PageQuery): Promise<Page<ChannelView>> {
    return this.channels.list(query);
  }

  @Post()
  @Roles(Role.Admin)
  @Idempotent()
  @ApiOperation({
    summary: 'Create a sales channel with its item mappings',
    description:
      'Each mapping names an external id: with a dish, an item the channel sells (its variation and preset ' +
      'options); without one, an option its orders name. The first channel also makes a payment method of kind ' +
      '`channel` for the orders a channel was paid for.',
  })
  @ApiCreatedResponse({ type: ChannelView })
  create(@CurrentPrincipal() principal: Principal, @Body() input: CreateChannelInput): Promise<ChannelView> {
    return this.channels.create(principal, input);
  }

  @Get(':code')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Read a sales channel' })
  @ApiOkResponse({ type: ChannelView })
  @ApiNotFound('channel')
  get(@Param('code') code: string): Promise<ChannelView> {
    return this.channels.get(code);
  }

  @Patch(':code')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Change a channel: busy mode ({paused: true}), auto-accept, buffer, mappings',
    description: '`items` replaces every mapping. The code never changes.',
  })
  @ApiOkResponse({ type: ChannelView })
  @ApiNotFound('channel')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Body() input: UpdateChannelInput,
  ): Promise<ChannelView> {
    return this.channels.update(principal, code, input);
  }

  @Delete(':code')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a channel; its orders stay, its keys can no longer post' })
  @ApiNoContentResponse()
  @ApiNotFound('channel')
  async remove(@CurrentPrincipal() principal: Principal, @Param('code') code: string): Promise<void> {
    await this.channels.remove(principal, code);
  }

  @Get(':code/menu')
  @ForChannelKeys([Role.Manager, Role.Admin], [Scope.MenuRead], ChannelRule.ChannelRoutes)
  @ApiOperation({
    summary: 'What the channel may sell right now (the channel’s key, or a manager)',
    description:
      'Its item mappings whose dish, variation and preset options can be ordered now, and its option mappings ' +
      'whose options can be chosen now. Revalidate with If-None-Match; menu.availability_changed names the ' +
      'external ids an 86 touches.',
  })
  @ApiRevalidated(ChannelMenuView)
  @ApiNotFound('channel')
  @ApiConflictResponse(SWITCHED_OFF)
  async channelMenu(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    assertChannelCaller(principal, code);
    sendRevalidated(response, await this.menu.rendered(code), ifNoneMatch);
  }
}
