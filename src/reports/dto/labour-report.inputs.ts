import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MAX_HOURLY_REPORT_DAYS, ReportQuery } from './report.inputs';

export const LABOUR_GROUPINGS = ['day', 'hour', 'job'] as const;
export type LabourGrouping = (typeof LABOUR_GROUPINGS)[number];

export class LabourReportQuery extends ReportQuery {
  @ApiPropertyOptional({
    enum: LABOUR_GROUPINGS,
    default: 'day',
    description:
      `day: one row per business day; hour: one row per local hour (at most ${MAX_HOURLY_REPORT_DAYS} days), as ` +
      'the sales report counts them; job: one row per job worked in',
  })
  @IsOptional()
  @IsIn(LABOUR_GROUPINGS)
  groupBy?: LabourGrouping;
}
