import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
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
  @ApiOkResponse({ type: [FiscalUnitView] })
  units(): Promise<FiscalUnitView[]> {
    return this.fiscal.units();
  }
}
