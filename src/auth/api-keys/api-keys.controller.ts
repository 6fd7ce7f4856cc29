import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/access/access.decorators';
import type { Principal } from '../../common/access/principal';
import { Role } from '../../common/access/role';
import { ApiPageResponse, Page, PageQuery } from '../../common/pagination/page';
import { ApiKeyUsageQuery } from './usage/dto/usage.inputs';
import { ApiKeyUsageView } from './usage/dto/usage.views';
import { ApiKeysService } from './api-keys.service';
import { CreateApiKeyInput, RotateApiKeyInput, UpdateApiKeyInput } from './dto/api-key.inputs';
import { ApiKeyView, IssuedApiKeyView } from './dto/api-key.views';

@ApiTags('integrations')
@Roles(Role.Admin)
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'List API keys, newest first, without their secrets' })
  @ApiPageResponse(ApiKeyView)
  list(@Query() query: PageQuery): Promise<Page<ApiKeyView>> {
    return this.keys.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Issue an API key: the reply holds the key, shown this one time' })
  @ApiCreatedResponse({ type: IssuedApiKeyView })
  create(@CurrentPrincipal() actor: Principal, @Body() input: CreateApiKeyInput): Promise<IssuedApiKeyView> {
    return this.keys.create(actor, input);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One API key, without its secret' })
  @ApiOkResponse({ type: ApiKeyView })
  get(@Param('id') id: string): Promise<ApiKeyView> {
    return this.keys.get(id);
  }

  @Get(':id/usage')
  @ApiOperation({
    summary:
      'Requests made with the key: totals, latency percentiles, by route and status, by day and by hour (UTC)',
  })
  @ApiOkResponse({ type: ApiKeyUsageView })
  usage(@Param('id') id: string, @Query() query: ApiKeyUsageQuery): Promise<ApiKeyUsageView> {
    return this.keys.usageOf(id, query);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Rename, re-scope, limit, or deactivate (active: false) a key; it takes effect at once',
  })
  @ApiOkResponse({ type: ApiKeyView })
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() input: UpdateApiKeyInput,
  ): Promise<ApiKeyView> {
    return this.keys.update(actor, id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a key: it stops working at once' })
  @ApiNoContentResponse()
  async remove(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<void> {
    await this.keys.remove(actor, id);
  }

  @Post(':id/rotate')
  @ApiOperation({
    summary: 'A new secret, shown this one time; the old one keeps working for graceSeconds (default a day)',
  })
  @ApiCreatedResponse({ type: IssuedApiKeyView })
  rotate(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() input: RotateApiKeyInput,
  ): Promise<IssuedApiKeyView> {
    return this.keys.rotate(actor, id, input);
  }
}
