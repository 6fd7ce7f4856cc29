import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDay } from '../../../common/time/calendar-date';

/** The longest period one export covers, in business days. */
export const MAX_DSFINVK_DAYS = 366;

const DAY =
  'A business day, YYYY-MM-DD (in the restaurant’s time zone, starting at BUSINESS_DAY_STARTS_AT): the export holds the ' +
  'cash point closings (Z reports) of the days from `from` to `to`, both included, and every receipt booked on them';

/** `?from=&to=` of the DSFinV-K export: business days, so that each closing is in one export whole. */
export class DsfinvkQuery {
  @ApiProperty({ format: 'date', example: '2026-11-01', description: `First day. ${DAY}` })
  @IsBusinessDay()
  from!: string;

  @ApiProperty({
    format: 'date',
    example: '2026-11-30',
    description: `Last day (not before from, at most ${MAX_DSFINVK_DAYS} days in all). ${DAY}`,
  })
  @IsBusinessDay()
  to!: string;
}
