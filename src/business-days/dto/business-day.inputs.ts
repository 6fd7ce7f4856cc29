import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsBusinessDay } from '../../common/time/calendar-date';
import { PdfLanguage, ReportFormat } from '../../reports/dto/report.inputs';
import type { Language } from '../../i18n/languages';

export class CloseBusinessDayInput {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-22',
    description:
      'The business day to close (YYYY-MM-DD); default: the current one. A day still to come cannot be closed.',
  })
  @IsOptional()
  @IsBusinessDay()
  businessDay?: string;

  @ApiPropertyOptional({
    description:
      'Close although cash was taken and no drawer was counted: the manager confirmed it after a 409 CASH_NOT_COUNTED',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  uncountedCashConfirmed?: boolean;
}

export class ZReportQuery {
  @ApiPropertyOptional({
    enum: ['json', 'csv', 'pdf'],
    default: 'json',
    description: 'json (the report as written), csv (its long form) or pdf (the same figures, printable)',
  })
  @IsOptional()
  @IsIn(['json', 'csv', 'pdf'])
  format?: ReportFormat | 'pdf';

  @PdfLanguage()
  lang?: Language;
}

export class BusinessDayParams {
  @ApiProperty({ format: 'date', example: '2026-11-22', description: 'A business day, YYYY-MM-DD' })
  @IsBusinessDay()
  day!: string;
}
