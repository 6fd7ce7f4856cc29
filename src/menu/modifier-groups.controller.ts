import { Body, Controller, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../common/access/access.decorators';
import { Scope } from '../common/access/scope';
import { childRoutes, resourceRoutes } from '../common/http/resource-routes';
import { MenuReaders, MenuWriters } from './menu-access';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { Page, PageQuery } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { AvailabilityInput } from './dto/availability.inputs';
import {
  CreateModifierGroupInput,
  CreateModifierOptionInput,
  UpdateModifierGroupInput,
  UpdateModifierOptionInput,
} from './dto/modifier-groups.inputs';
import { ModifierGroupView, ModifierOptionView } from './dto/modifier-groups.views';
import { MANAGED_BY_HQ_CONFLICT } from '../common/errors/managed-by-hq';
import { ModifierGroupsService } from './modifier-groups.service';

const GroupRoute = resourceRoutes('modifier group', ModifierGroupView);
const OptionRoute = childRoutes('modifier group', 'option', 'options', 'optionId', ModifierOptionView);

@ApiTags('menu')
@Controller('modifier-groups')
export class ModifierGroupsController {
  constructor(private readonly groups: ModifierGroupsService) {}

  @GroupRoute.list('List modifier groups (any staff), by name, with all their options', MenuReaders())
  list(@Query() query: PageQuery): Promise<Page<ModifierGroupView>> {
    return this.groups.list(query);
  }

  @GroupRoute.create(
    {
      summary: 'Create a modifier group with its options',
      description:
        'minChoices (default 0) must not exceed maxChoices (default 1), else 422. Dishes offer the group through ' +
        'PATCH /dishes/:id `{modifierGroupIds}`.',
    },
    MenuWriters(),
    Idempotent(),
  )
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateModifierGroupInput,
  ): Promise<ModifierGroupView> {
    return this.groups.create(principal, input);
  }

  @GroupRoute.read('Read a modifier group (any staff)', MenuReaders())
  get(@Param('id') id: string): Promise<ModifierGroupView> {
    return this.groups.get(id);
  }

  @GroupRoute.update(
    {
      summary: 'Rename a modifier group or change how many options it asks for',
      description:
        'Options have their own routes. minChoices must not exceed maxChoices after the change. A group from ' +
        'headquarters’ catalog (hqKey set) keeps its name, minChoices and maxChoices: 409 MANAGED_BY_HQ.',
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    MenuWriters(),
  )
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateModifierGroupInput,
  ): Promise<ModifierGroupView> {
    return this.groups.update(principal, id, input);
  }

  @GroupRoute.remove(
    {
      summary: 'Delete a modifier group that no dish offers, with its options',
      description: 'Orders keep their own copy of the options they carry.',
      conflict: 'live dishes still offer the group',
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    MenuWriters(),
  )
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.groups.remove(principal, id);
  }

  @OptionRoute.create(
    {
      summary: 'Add an option to a modifier group (50 at most)',
      description: 'A group from headquarters’ catalog takes no option of the site’s: 409 MANAGED_BY_HQ.',
      conflict: 'the group has an option of that name, or 50 options already',
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    MenuWriters(),
    Idempotent(),
  )
  createOption(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: CreateModifierOptionInput,
  ): Promise<ModifierOptionView> {
    return this.groups.createOption(principal, id, input);
  }

  @OptionRoute.update(
    {
      summary: 'Rename, reprice or reorder an option',
      description:
        'Items already ordered keep the name and priceDelta they were ordered with. An option from ' +
        'headquarters’ catalog keeps its name, priceDelta and sortOrder: 409 MANAGED_BY_HQ; its 86 is the site’s.',
      conflict: 'the group has an option of that name',
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    MenuWriters(),
  )
  updateOption(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('optionId') optionId: string,
    @Body() input: UpdateModifierOptionInput,
  ): Promise<ModifierOptionView> {
    return this.groups.updateOption(principal, id, optionId, input);
  }

  @OptionRoute.remove(
    {
      summary: 'Delete an option; items already ordered keep their copy of it',
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    MenuWriters(),
  )
  async removeOption(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('optionId') optionId: string,
  ): Promise<void> {
    await this.groups.removeOption(principal, id, optionId);
  }

  @Patch(':id/options/:optionId/availability')
  @Roles(Role.Manager, Role.Admin, Role.Kitchen)
  @Scopes(Scope.MenuWrite)
  @ApiOperation({
    summary: '"86" one option, or bring it back',
    description:
      "A change raises menu.availability_changed `{optionId, groupId, available}`. An 86'd option leaves GET " +
      '/menu and is refused on new order lines. Answers the group.',
  })
  @ApiOkResponse({ type: ModifierGroupView })
  @ApiNotFound('modifier group or option')
  setOptionAvailability(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('optionId') optionId: string,
    @Body() input: AvailabilityInput,
  ): Promise<ModifierGroupView> {
    return this.groups.setOptionAvailability(principal, id, optionId, input.available);
  }
}
