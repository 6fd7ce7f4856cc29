import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { JournalQuery } from './dto/receipt.inputs';
import { JournalExportView, JournalVerificationView } from './dto/receipt.views';
import { FiscalJournal } from './fiscal-journal.service';

/** The fiscal journal for managers and auditors: the export, and the check of its hash chain. */
@ApiTags('fiscal')
@Controller('fiscal/journal')
export class FiscalJournalController {
  constructor(private readonly journal: FiscalJournal) {}

  @Get()
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary:
      'The receipts of a period in number order, with their chain hashes and signatures; ?format=csv for CSV',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: JournalExportView })
  async export(
    @Query() query: JournalQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<JournalExportView | string> {
    const view = await this.journal.export(query);
    if (query.format !== 'csv') return view;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="fiscal-journal.csv"');
    return this.journal.csv(view);
  }

  @Get('verify')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'Recomputes the whole chain: ok, how many receipts were checked, and the first broken number',
  })
  @ApiOkResponse({ type: JournalVerificationView })
  verify(): Promise<JournalVerificationView> {
    return this.journal.verify();
  }
}
