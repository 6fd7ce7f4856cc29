import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsBusinessDay } from '../../common/time/calendar-date';
import { type Language, LANGUAGES } from '../../i18n/languages';

/** The longest period one report covers, in business days. */
export const MAX_REPORT_DAYS = 366;
/** The most business days one tip report rebuilds from their facts. */
export const MAX_TIP_REPORT_DAYS = 31;
/** Hourly rows are for looking at a few weeks: a year of hours is 8,800 rows. */
export const MAX_HOURLY_REPORT_DAYS = 31;

export const REPORT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** `?lang=`: the language a report's PDF is written in, the Z report's and every other report's alike. */
export function PdfLanguage(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      enum: LANGUAGES,
      description:
        "The PDF's language (the back office sends its own); the restaurant's language when left out",
    }),
    IsOptional(),
    IsIn(LANGUAGES),
  );
}

const DAY_RULE =
  'A business day, YYYY-MM-DD: the day in the restaurant’s time zone that starts at BUSINESS_DAY_STARTS_AT (05:00 by ' +
  'default), so a ticket at 01:30 belongs to the day before. Default: the current business day.';

/** `?from=&to=&format=` of every report over a period of business days. */
export class ReportQuery {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-22',
    description: `First day included. ${DAY_RULE}`,
  })
  @IsOptional()
  @IsBusinessDay()
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-22',
    description: `Last day included (not before from, at most ${MAX_REPORT_DAYS} days in all). ${DAY_RULE}`,
  })
  @IsOptional()
  @IsBusinessDay()
  to?: string;

  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    default: 'json',
    description:
      'csv: text/csv; charset=utf-8, RFC 4180, a header row, the same rows as the JSON; every amount in minor ' +
      'units followed by a `…Formatted` column in CURRENCY. pdf: application/pdf, an A4 attachment with the ' +
      "restaurant's name, address and tax number, the report's title and period, and the CSV's rows in a table " +
      "under the back office's names for its columns, in ?lang= or the restaurant's language: amounts in " +
      "CURRENCY's format, days and times as that language writes them",
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;

  @PdfLanguage()
  lang?: Language;
}

export const SALES_GROUPINGS = ['hour', 'day', 'channel'] as const;
export type SalesGrouping = (typeof SALES_GROUPINGS)[number];

export class SalesReportQuery extends ReportQuery {
  @ApiPropertyOptional({
    enum: SALES_GROUPINGS,
    default: 'day',
    description:
      `day: one row per business day; hour: one row per local hour (at most ${MAX_HOURLY_REPORT_DAYS} days), ` +
      'so a business day has 23 or 25 rows on a daylight-saving night and the two 02:00 hours of a fall-back ' +
      'night are two rows with different offsets; channel: one row for the restaurant’s own orders (`own`) and ' +
      'one per sales channel, by the channel the order came from',
  })
  @IsOptional()
  @IsIn(SALES_GROUPINGS)
  groupBy?: SalesGrouping;
}

/** `?format=` of the shift (X) report, which always covers the current business day. */
export class ShiftReportQuery {
  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    default: 'json',
    description:
      "csv: the long form, one figure a row; pdf: the figures printed as the Z report's PDF prints them, in " +
      "?lang= or the restaurant's language",
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;

  @PdfLanguage()
  lang?: Language;
}
