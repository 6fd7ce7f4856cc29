import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/access/access.decorators';
import { resourceRoutes } from '../../common/http/resource-routes';
import type { Principal } from '../../common/access/principal';
import { Role } from '../../common/access/role';
import { Page, PageQuery } from '../../common/pagination/page';
import { ApiKeyUsageQuery } from './usage/dto/usage.inputs';
import { ApiKeyUsageView } from './usage/dto/usage.views';
import { ApiKeysService } from './api-keys.service';
import { CreateApiKeyInput, RotateApiKeyInput, UpdateApiKeyInput } from './dto/api-key.inputs';
import { ApiKeyView, IssuedApiKeyView } from './dto/api-key.views';

const ApiKeyRoute = resourceRoutes('API key', ApiKeyView);

@ApiTags('integrations')
@Roles(Role.Admin)
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @ApiKeyRoute.list('List API keys, newest first, without their secrets')
  list(@Query() query: PageQuery): Promise<Page<ApiKeyView>> {
    return this.keys.list(query);
  }

  @ApiKeyRoute.create({
    summary: 'Issue an API key: the reply holds the key, shown this one time',
    reply: IssuedApiKeyView,
  })
  create(@CurrentPrincipal() actor: Principal, @Body() input: CreateApiKeyInput): Promise<IssuedApiKeyView> {
    return this.keys.create(actor, input);
  }

  @ApiKeyRoute.read('One API key, without its secret')
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

  @ApiKeyRoute.update('Rename, re-scope, limit, or deactivate (active: false) a key; it takes effect at once')
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() input: UpdateApiKeyInput,
  ): Promise<ApiKeyView> {
    return this.keys.update(actor, id, input);
  }

  @ApiKeyRoute.remove('Delete a key: it stops working at once')
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
