import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { HqPeriodQuery } from './hq-mix-report.inputs';

export const HQ_SALES_GROUPINGS = ['site', 'group', 'day', 'channel'] as const;
export type HqSalesGrouping = (typeof HQ_SALES_GROUPINGS)[number];

/** `?from=&to=&groupBy=` of the sales report at headquarters. */
export class HqSalesReportQuery extends HqPeriodQuery {
  @ApiPropertyOptional({ enum: HQ_SALES_GROUPINGS, default: 'site' })
  @IsOptional()
  @IsIn(HQ_SALES_GROUPINGS)
  groupBy?: HqSalesGrouping;
}
