import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { resourceRoutes } from '../common/http/resource-routes';
import { Page, PageQuery } from '../common/pagination/page';
import { CreatePickupBoardInput } from './dto/pickup-board.inputs';
import { PickupBoardView } from './dto/pickup-board.views';
import { PickupBoardsService } from './pickup-boards.service';

const PickupBoardRoute = resourceRoutes('pickup board', PickupBoardView);

@ApiTags('pickup boards')
@Roles(Role.Manager, Role.Admin)
@Controller('pickup-boards')
export class PickupBoardsController {
  constructor(private readonly boards: PickupBoardsService) {}

  @PickupBoardRoute.list('List pickup boards, by name, with their tokens and links')
  list(@Query() query: PageQuery): Promise<Page<PickupBoardView>> {
    return this.boards.list(query);
  }

  @PickupBoardRoute.create({
    summary: 'Make a pickup board: its token and the link to open on the screen (audited)',
    description:
      'The link is PUBLIC_BASE_URL/pickup?board=<token>; the page reads /public/pickup-boards/{token}.',
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreatePickupBoardInput,
  ): Promise<PickupBoardView> {
    return this.boards.create(principal, input);
  }

  @PickupBoardRoute.remove('Revoke a pickup board: its token answers 404 from now on (audited)')
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.boards.remove(principal, id);
  }
}
