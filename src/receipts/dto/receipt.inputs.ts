import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { IsTimestamp } from '../../common/time/is-timestamp';

const FROM = 'Issued at or after (ISO 8601)';
const TO = 'Issued before (ISO 8601): periods are half-open, so consecutive ones never repeat a receipt';

export class ReceiptListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'date-time', description: FROM })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: TO })
  @IsOptional()
  @IsTimestamp()
  to?: string;
}

export type JournalFormat = 'json' | 'csv';

export class JournalQuery {
  @ApiPropertyOptional({ format: 'date-time', description: FROM })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: TO })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    default: 'json',
    description:
      'csv: text/csv; charset=utf-8, RFC 4180, one row per receipt in number order, with the canonical JSON that ' +
      'its hash covers, so the chain can be recomputed from the export alone',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: JournalFormat;
}

export class ReceiptQrQuery {
  @ApiPropertyOptional({
    enum: ['svg', 'png'],
    default: 'svg',
    description: 'svg for a screen, png to print',
  })
  @IsOptional()
  @IsIn(['svg', 'png'])
  format: 'svg' | 'png' = 'svg';
}
