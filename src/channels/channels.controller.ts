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
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles, Scopes } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { Scope } from '../common/access/scope';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { ifNoneMatchHits } from '../menu/menu.service';
import { assertChannelCaller } from './channel-access';
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
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.MenuRead)
  @ApiOperation({
    summary: 'What the channel may sell right now (the channel’s key, or a manager)',
    description:
      'Its item mappings whose dish, variation and preset options can be ordered now, and its option mappings ' +
      'whose options can be chosen now. Revalidate with If-None-Match; menu.availability_changed names the ' +
      'external ids an 86 touches.',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier reply' })
  @ApiOkResponse({
    type: ChannelMenuView,
    headers: {
      ETag: { description: 'Strong: the quoted SHA-256 hex of the body', schema: { type: 'string' } },
      'Cache-Control': { description: 'no-cache', schema: { type: 'string' } },
    },
  })
  @ApiResponse({ status: 304, description: 'Not modified: If-None-Match matched the current ETag; no body' })
  @ApiNotFound('channel')
  @ApiConflictResponse(SWITCHED_OFF)
  async channelMenu(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    assertChannelCaller(principal, code);
    const { body, etag } = await this.menu.rendered(code);
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', 'no-cache');
    if (ifNoneMatchHits(ifNoneMatch, etag)) {
      response.status(304).end();
      return;
    }
    response.status(200).setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Content-Length', body.length);
    response.end(body);
  }
}
