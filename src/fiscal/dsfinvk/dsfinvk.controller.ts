import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '../../common/access/access.decorators';
import { Role } from '../../common/access/role';
import { ErrorBody } from '../../common/errors/error-body';
import { DsfinvkQuery } from './dto/dsfinvk.inputs';
import { DsfinvkService } from './dsfinvk.service';

/** The tax office's export of the till (DSFinV-K): docs/fiscal.md says what it holds. */
@ApiTags('fiscal')
@Controller('fiscal/dsfinvk')
export class DsfinvkController {
  constructor(private readonly dsfinvk: DsfinvkService) {}

  @Get()
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'The DSFinV-K export of the closed business days from..to (a ZIP)',
    description:
      'The DSFinV-K tables as CSV (semicolons, decimal comma, UTF-8, CRLF, a header row) with index.xml ' +
      '(GDPdU DataSet) describing them, and the signing unit’s log message of each signed transaction as ' +
      '`tse/<serial>/<transaction number>.log`. Check it with `npm run verify-journal -- --dsfinvk <file.zip>`.',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiConflictResponse({
    type: ErrorBody,
    description:
      'BUSINESS_DAY_OPEN: a day of the period is not closed yet (`details.businessDay`): close it first',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR: a day not written YYYY-MM-DD, from after to, or more than 366 days',
  })
  async export(@Query() query: DsfinvkQuery): Promise<StreamableFile> {
    const zip = await this.dsfinvk.export(query.from, query.to);
    return new StreamableFile(zip, {
      type: 'application/zip',
      disposition: `attachment; filename="dsfinvk-${query.from}-${query.to}.zip"`,
    });
  }
}
