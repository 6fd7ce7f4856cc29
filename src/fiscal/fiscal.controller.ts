import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { ApiPageResponse, Page, PageQuery, pageOfAll } from '../common/pagination/page';
import { FiscalUnitView } from './dto/fiscal.views';
import { FiscalService } from './fiscal.service';

@ApiTags('fiscal')
@Controller('fiscal')
export class FiscalController {
  constructor(private readonly fiscal: FiscalService) {}

  @Get('units')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'Each signing unit used: who it is, whether it answers, its counter, the tills and what waits',
  })
  @ApiPageResponse(FiscalUnitView)
  async units(@Query() query: PageQuery): Promise<Page<FiscalUnitView>> {
    return pageOfAll(await this.fiscal.units(), query);
  }
}
