import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { SecurityEventQuery } from './dto/security-event.query';
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
      'Logins, failures, lock-outs, refreshes, refused API keys, address blocks and refused blocked requests, ' +
      'and webhooks disabled for failing, newest first; filtered by type, user, address and time',
  })
  @ApiPageResponse(SecurityEventView)
  list(@Query() query: SecurityEventQuery): Promise<Page<SecurityEventView>> {
    return this.securityEvents.list(query);
  }
}
