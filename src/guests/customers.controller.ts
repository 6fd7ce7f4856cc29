import { Body, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../common/access/access.decorators';
import { resourceRoutes } from '../common/http/resource-routes';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { Scope } from '../common/access/scope';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { OrderView } from '../orders/dto/order.views';
import { CustomerPrivacy } from './customer-privacy.service';
import { CustomersService } from './customers.service';
import { CustomerExportView } from './dto/customer-export.view';
import { CustomerInput, CustomerListQuery, UpdateCustomerInput } from './dto/customer.inputs';
import { CustomerView } from './dto/customer.views';
import { LoyaltyView } from './dto/loyalty.dto';
import { LoyaltyService } from './loyalty.service';

const ApiBadProfile = () =>
  ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR naming the field: a phone or e-mail that is not one, an unknown allergen',
  });

const CustomerRoute = resourceRoutes('customer', CustomerView);

@ApiTags('guests')
@Controller('customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly privacy: CustomerPrivacy,
    private readonly loyalty: LoyaltyService,
  ) {}

  @CustomerRoute.list(
    'Customers, newest first; ?q= finds by name, phone (any common format) or e-mail',
    Roles(Role.Waiter, Role.Manager, Role.Admin),
    Scopes(Scope.CustomersRead),
  )
  list(@CurrentPrincipal() actor: Principal, @Query() query: CustomerListQuery): Promise<Page<CustomerView>> {
    return this.customers.list(query, actor);
  }

  @CustomerRoute.create(
    {
      summary: 'Add a customer (audited; customer.updated)',
      description: 'A marketing consent answer is recorded with its time.',
    },
    Roles(Role.Waiter, Role.Manager, Role.Admin),
    Scopes(Scope.CustomersWrite),
    Idempotent(),
    ApiBadProfile(),
  )
  create(@CurrentPrincipal() actor: Principal, @Body() input: CustomerInput): Promise<CustomerView> {
    return this.customers.create(actor, input);
  }

  @CustomerRoute.read(
    'One customer, with visits and last visit (an erased one is anonymous)',
    Roles(Role.Waiter, Role.Manager, Role.Admin),
    Scopes(Scope.CustomersRead),
  )
  get(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<CustomerView> {
    return this.customers.get(id, actor);
  }

  @CustomerRoute.update(
    {
      summary: 'Change a customer (audited; customer.updated)',
      description:
        'A new consent answer is recorded with its time. A new name or allergy reaches their live orders at once ' +
        '(order.updated, kitchen screens included).',
    },
    Roles(Role.Waiter, Role.Manager, Role.Admin),
    Scopes(Scope.CustomersWrite),
    ApiBadProfile(),
  )
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() input: UpdateCustomerInput,
  ): Promise<CustomerView> {
    return this.customers.update(actor, id, input);
  }

  @CustomerRoute.remove(
    {
      summary: 'Erase the person (audited)',
      description:
        'Name, phone, e-mail, notes and allergens are removed, here and on their orders; the id stays, anonymous, ' +
        'with its orders, payments and points, so money and reports do not change. No search finds them again.',
    },
    Roles(Role.Admin),
  )
  erase(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<void> {
    return this.privacy.erase(actor, id);
  }

  @Get(':id/export')
  @Roles(Role.Manager, Role.Admin)
  @ApiNotFound('customer')
  @ApiOperation({
    summary: 'Everything held about the person (audited)',
    description: 'Profile, consent history, their orders (ids, dates, totals) and their points ledger.',
  })
  @ApiOkResponse({ type: CustomerExportView })
  export(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<CustomerExportView> {
    return this.privacy.export(actor, id);
  }

  @Get(':id/orders')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @Scopes(Scope.CustomersRead)
  @ApiNotFound('customer')
  @ApiOperation({ summary: 'The customer’s orders, newest first' })
  @ApiPageResponse(OrderView)
  orders(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Query() query: PageQuery,
  ): Promise<Page<OrderView>> {
    return this.customers.ordersOf(id, query, actor);
  }

  @Get(':id/loyalty')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @Scopes(Scope.CustomersRead)
  @ApiNotFound('customer')
  @ApiOperation({ summary: 'The customer’s points: the balance and a page of the ledger, newest first' })
  @ApiOkResponse({ type: LoyaltyView })
  async points(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Query() query: PageQuery,
  ): Promise<LoyaltyView> {
    await this.customers.assertReaches(actor, id);
    return this.loyalty.pointsOf(id, query);
  }
}
