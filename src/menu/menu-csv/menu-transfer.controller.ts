import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../common/access/access.decorators';
import type { Principal } from '../../common/access/principal';
import { ErrorBody } from '../../common/errors/error-body';
import { MenuExportQuery, MenuImportInput } from './menu-transfer.inputs';
import { MenuImportView } from './menu-transfer.views';
import { MenuReaders, MenuWriters } from '../menu-access';
import { MenuTransferService } from './menu-transfer.service';

const COLUMNS =
  'Columns: key (the variation id; empty for a new line), category, dish, variation, price (major units, "8.50" or ' +
  '"8,50"), tax (rate names or percents, ";"-separated; empty: the category\'s), station (empty: none), allergens ' +
  '(EU codes, read-only: they come from the ingredients), available (yes/no: whether a guest can order it; no when ' +
  "the variation or its whole dish is 86'd or sold out).";

/** The menu as a CSV file: the export a restaurant edits in a spreadsheet, and the import that reads it back. */
@ApiTags('menu')
@Controller('menu')
export class MenuTransferController {
  constructor(private readonly transfer: MenuTransferService) {}

  @Get('export')
  @MenuReaders()
  @ApiOperation({
    summary: 'The menu as CSV, one line per dish variation, in menu order (any staff)',
    description: `${COLUMNS} What it writes, POST /menu/import reads back unchanged.`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'text/csv; charset=utf-8 (RFC 4180), as the attachment menu.csv',
    schema: { type: 'string' },
  })
  async export(
    @Query() _query: MenuExportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const csv = await this.transfer.exportCsv();
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="menu.csv"');
    return csv;
  }

  @Post('import')
  @MenuWriters()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import the menu from CSV: the plan of each line, applied in one transaction unless a dry run',
    description:
      `${COLUMNS} A line with a key updates that variation and its dish; without one, the dish and variation ` +
      'of those names are updated, or created. A category that does not exist is created; a station or tax rate ' +
      'must exist. Nothing is deleted. dryRun: the plan with every problem, nothing changes. A real run with any ' +
      'problem is refused whole (422, every problem in details, field "line N, column").',
  })
  @ApiOkResponse({ type: MenuImportView, description: 'The plan; applied: true when a real run made it' })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR: a real run with problems in the file, each named by line and column',
  })
  @ApiConflictResponse({
    type: ErrorBody,
    description:
      'MANAGED_BY_HQ: a line that would change what headquarters owns of a dish or variation from its catalog ' +
      '(a name, a price, a category, a station, a new variation): `details` name the fields',
  })
  import(@CurrentPrincipal() principal: Principal, @Body() input: MenuImportInput): Promise<MenuImportView> {
    return this.transfer.import(principal, input);
  }
}
