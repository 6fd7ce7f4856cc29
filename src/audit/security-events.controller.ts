import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { SecurityEventView } from './dto/security-event.view';
import { SecurityEventsService } from './security-events.service';

@ApiTags('audit')
@Roles(Role.Admin)
@Controller('security/events')
export class SecurityEventsController {
  constructor(private readonly securityEvents: SecurityEventsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Logins, failures, lock-outs, refresh-token re-use and webhooks disabled for failing, newest first',
  })
  @ApiPageResponse(SecurityEventView)
  list(@Query() query: PageQuery): Promise<Page<SecurityEventView>> {
    return this.securityEvents.list(query);
  }
}
