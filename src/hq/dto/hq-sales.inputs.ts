import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsBusinessDay } from '../../common/time/calendar-date';

export const HQ_SALES_GROUPINGS = ['site', 'group', 'day', 'channel'] as const;
export type HqSalesGrouping = (typeof HQ_SALES_GROUPINGS)[number];

const EACH_SITES_DAY =
  'A business day, YYYY-MM-DD, as each site counts it: in its own time zone from its own start of day';

export class HqSalesReportQuery {
  @ApiProperty({
    format: 'date',
    example: '2026-11-01',
    description: `First day included. ${EACH_SITES_DAY}`,
  })
  @IsBusinessDay()
  from!: string;

  @ApiProperty({
    format: 'date',
    example: '2026-11-30',
    description: 'Last day included: not before from, at most 366 days in all',
  })
  @IsBusinessDay()
  to!: string;

  @ApiPropertyOptional({ enum: HQ_SALES_GROUPINGS, default: 'site' })
  @IsOptional()
  @IsIn(HQ_SALES_GROUPINGS)
  groupBy?: HqSalesGrouping;
}
