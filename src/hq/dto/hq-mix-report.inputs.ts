import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsBusinessDay } from '../../common/time/calendar-date';

/** `site`: a row per site too; `day`: a row per business day too; absent: the period's sites added up. */
export const HQ_MIX_GROUPINGS = ['site', 'day'] as const;
export type HqMixGrouping = (typeof HQ_MIX_GROUPINGS)[number];

const EACH_SITES_DAY =
  'A business day, YYYY-MM-DD, as each site counts it: in its own time zone from its own start of day';

/** The period of business days a headquarters report covers, each site's own days. */
export class HqPeriodQuery {
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
}

/** `?from=&to=&siteId=&groupId=&groupBy=` of the dish, payment-method and tax reports at headquarters. */
export class HqMixReportQuery extends HqPeriodQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this site (404 when there is none)' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Only the sites directly in this group (404 when there is none), as the sales report by group counts ' +
      'them; with siteId, that site if it is in the group',
  })
  @IsOptional()
  @IsUUID()
  groupId?: string;

  @ApiPropertyOptional({
    enum: HQ_MIX_GROUPINGS,
    description:
      'site: a row per site as well (siteId and siteName set); day: a row per business day as well ' +
      '(businessDay set); absent: the selected sites and days added up, per currency',
  })
  @IsOptional()
  @IsIn(HQ_MIX_GROUPINGS)
  groupBy?: HqMixGrouping;
}
