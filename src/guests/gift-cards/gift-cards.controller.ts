import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../../common/access/access.decorators';
import type { Principal } from '../../common/access/principal';
import { Role } from '../../common/access/role';
import { Scope } from '../../common/access/scope';
import { ErrorBody } from '../../common/errors/error-body';
import { ApiPageResponse, Page, PageQuery } from '../../common/pagination/page';
import { Idempotent } from '../../idempotency/idempotent.interceptor';
import {
  GiftCardListQuery,
  GiftCardLookupQuery,
  IssueGiftCardInput,
  LoadGiftCardInput,
  VoidGiftCardInput,
} from './dto/gift-card.inputs';
import { GiftCardActivityView, GiftCardView, IssuedGiftCardView } from './dto/gift-card.views';
import { GiftCardsService } from './gift-cards.service';

/** Managers, admins and keys with `gift_cards:write`, on every route. */
const ForCardKeepers = () => applyDecorators(Roles(Role.Manager, Role.Admin), Scopes(Scope.GiftCardsWrite));

@ApiTags('gift cards')
@Controller('gift-cards')
export class GiftCardsController {
  constructor(private readonly giftCards: GiftCardsService) {}

  @Post()
  @ForCardKeepers()
  @Idempotent({ sealReply: true })
  @ApiOperation({ summary: 'Issue a card, sold or given; the reply is the one time its full code is shown' })
  @ApiCreatedResponse({ type: IssuedGiftCardView })
  issue(
    @CurrentPrincipal() actor: Principal,
    @Body() input: IssueGiftCardInput,
  ): Promise<IssuedGiftCardView> {
    return this.giftCards.issue(actor, input);
  }

  @Get()
  @ForCardKeepers()
  @ApiOperation({ summary: 'Cards, newest first (never their codes)' })
  @ApiPageResponse(GiftCardView)
  list(@Query() query: GiftCardListQuery): Promise<Page<GiftCardView>> {
    return this.giftCards.list(query);
  }

  @Get('lookup')
  @ForCardKeepers()
  @ApiOperation({
    summary:
      'The card with this code; codes matching no card count against the caller like wrong PINs (5 in 15 minutes lock out)',
  })
  @ApiOkResponse({ type: GiftCardView })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'NOT_FOUND: no card has this code' })
  @ApiTooManyRequestsResponse({
    type: ErrorBody,
    description: 'RATE_LIMITED, with Retry-After: too many codes that matched no card',
  })
  lookup(@CurrentPrincipal() caller: Principal, @Query() query: GiftCardLookupQuery): Promise<GiftCardView> {
    return this.giftCards.lookup(caller, query.code);
  }

  @Get(':id')
  @ForCardKeepers()
  @ApiOperation({ summary: 'One card (never its code)' })
  @ApiOkResponse({ type: GiftCardView })
  get(@Param('id') id: string): Promise<GiftCardView> {
    return this.giftCards.get(id);
  }

  @Get(':id/activities')
  @ForCardKeepers()
  @ApiOperation({ summary: 'The card’s ledger, oldest first: the amounts sum to the balance' })
  @ApiPageResponse(GiftCardActivityView)
  activities(@Param('id') id: string, @Query() query: PageQuery): Promise<Page<GiftCardActivityView>> {
    return this.giftCards.activities(id, query);
  }

  @Post(':id/load')
  @ForCardKeepers()
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Put value on an active card, sold or given' })
  @ApiOkResponse({ type: GiftCardView })
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'INVALID_TRANSITION: the card is not active (void or expired)',
  })
  load(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() input: LoadGiftCardInput,
  ): Promise<GiftCardView> {
    return this.giftCards.load(actor, id, input);
  }

  @Post(':id/void')
  @ForCardKeepers()
  @HttpCode(200)
  @ApiOperation({ summary: 'Void a card: what is left on it is written off and it never pays again' })
  @ApiOkResponse({ type: GiftCardView })
  @ApiConflictResponse({ type: ErrorBody, description: 'INVALID_TRANSITION: the card is void already' })
  void(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() input: VoidGiftCardInput,
  ): Promise<GiftCardView> {
    return this.giftCards.void(actor, id, input);
  }
}
