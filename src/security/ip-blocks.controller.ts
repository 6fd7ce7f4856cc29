import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { CreateIpBlockInput, IpBlockListQuery } from './dto/ip-block.inputs';
import { IpBlockView } from './dto/ip-block.view';
import { IpBlocksService } from './ip-blocks.service';

@ApiTags('security')
@Roles(Role.Admin)
@Controller('security/ip-blocks')
export class IpBlocksController {
  constructor(private readonly ipBlocks: IpBlocksService) {}

  @Get()
  @ApiOperation({
    summary: 'Blocked addresses and ranges, manual and automatic, in force or not, newest first',
  })
  @ApiPageResponse(IpBlockView)
  list(@Query() query: IpBlockListQuery): Promise<Page<IpBlockView>> {
    return this.ipBlocks.list(query);
  }

  @Post()
  @ApiOperation({
    summary:
      'Block an address or range: its HTTP requests (all but /health) and socket.io handshakes are refused with ' +
      '403 FORBIDDEN on every instance, and its open sockets are closed',
  })
  @ApiCreatedResponse({ type: IpBlockView })
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'CONFLICT: a block of this range is in force already',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR: not a range, too wide, expiresAt past, or your own address without force',
  })
  create(
    @CurrentPrincipal() actor: Principal,
    @Body() input: CreateIpBlockInput,
    @Req() request: Request,
  ): Promise<IpBlockView> {
    return this.ipBlocks.create(actor, input, request.ip);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Lift a block at once; it stays in the list as history, no longer active' })
  @ApiNoContentResponse()
  @ApiNotFound('IP block')
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'CONFLICT: the block was lifted or has expired already',
  })
  async lift(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Req() request: Request,
  ): Promise<void> {
    await this.ipBlocks.lift(actor, id, request.ip);
  }
}
