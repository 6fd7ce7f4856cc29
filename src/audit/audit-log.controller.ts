import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { AuditLog } from './audit-log.service';
import { AuditEntryView } from './dto/audit-entry.view';
import { AuditLogQuery } from './dto/audit-log.query';

/** Read only: entries are appended by the writes they record, and no route changes or deletes one. */
@ApiTags('audit')
@Roles(Role.Admin)
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLog) {}

  @Get()
  @ApiOperation({
    summary:
      'Who changed what and when, newest first: staff, menu, prices, keys, webhooks, discounts, voids, refunds…',
  })
  @ApiPageResponse(AuditEntryView)
  list(@Query() query: AuditLogQuery): Promise<Page<AuditEntryView>> {
    return this.auditLog.list(query);
  }
}
