import { Body, Controller, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/access/access.decorators';
import { resourceRoutes } from '../../common/http/resource-routes';
import type { Principal } from '../../common/access/principal';
import { Role } from '../../common/access/role';
import { ApiNotFound } from '../../common/errors/api-not-found';
import { Page, PageQuery } from '../../common/pagination/page';
import { CreateWebhookInput, UpdateWebhookInput } from './dto/webhook.inputs';
import { WebhookView, WebhookWithSecretView } from './dto/webhook.views';
import { WebhooksService } from './webhooks.service';

const INVALID_TARGET =
  'VALIDATION_ERROR: not an http(s) URL, over 2000 characters, with credentials, a literal non-public address ' +
  '(unless WEBHOOK_ALLOW_PRIVATE), or an event type webhooks cannot receive (named in the message)';

/** Admin only, and no @Scopes: no API key reaches these routes, whatever its scopes. */
const WebhookRoute = resourceRoutes('webhook', WebhookView);

@ApiTags('webhooks')
@Roles(Role.Admin)
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @WebhookRoute.list('List webhook subscriptions, oldest first (never their secrets)')
  list(@Query() query: PageQuery): Promise<Page<WebhookView>> {
    return this.webhooks.list(query);
  }

  @WebhookRoute.create({
    summary: 'Subscribe a URL to integration events; answers the signing secret, this one time',
    description: 'Events committed after this call are delivered, each as a signed POST of its envelope.',
    invalid: INVALID_TARGET,
    reply: WebhookWithSecretView,
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateWebhookInput,
  ): Promise<WebhookWithSecretView> {
    return this.webhooks.create(principal, input);
  }

  @WebhookRoute.read('Read a webhook subscription (never its secret)')
  get(@Param('id') id: string): Promise<WebhookView> {
    return this.webhooks.get(id);
  }

  @WebhookRoute.update({
    summary: 'Change the URL, events or description, or disable or re-enable a subscription',
    description: 'Re-enabling a disabled subscription resumes its queued deliveries, in seq order.',
    invalid: INVALID_TARGET,
  })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateWebhookInput,
  ): Promise<WebhookView> {
    return this.webhooks.update(principal, id, input);
  }

  @WebhookRoute.remove('Delete a subscription with its delivery log')
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.webhooks.remove(principal, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace the signing secret; answers the new one, this one time',
    description:
      'For 24 hours deliveries carry two signatures, `t=…,v1=<new>,v1=<old>`, so the receiver can switch over.',
  })
  @ApiOkResponse({ type: WebhookWithSecretView })
  @ApiNotFound('webhook')
  rotateSecret(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<WebhookWithSecretView> {
    return this.webhooks.rotateSecret(principal, id);
  }
}
