import { ApiProperty } from '@nestjs/swagger';
import { SalesFiguresView } from '../../reports/dto/report.views';
import { HQ_SALES_GROUPINGS, HqSalesGrouping } from './hq-sales.inputs';

/** Headquarters' answer to a batch of sales facts. */
export class SalesFactsReceiptView {
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ example: 100, description: 'Facts kept now' }) accepted!: number;
  @ApiProperty({ example: 0, description: 'Facts held already (a batch sent again): dropped' })
  repeated!: number;
  @ApiProperty({
    example: 1042,
    description:
      'Where the site’s database stands in its stream: the highest seq of the newest batch that brought a fact',
  })
  cursor!: number;
}

/** One group's figures in one currency: a group's sites may trade in several, which are never summed. */
export class HqSalesRowView extends SalesFiguresView {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-11-22',
    description:
      'By site: its id; by group: the group’s id (null: sites in no group); by day: the business day ' +
      '(each site’s own); by channel: `own` or the channel’s code',
  })
  key!: string | null;
  @ApiProperty({
    example: 'Zur Linde, Mitte',
    description: 'What the key names: the site’s or group’s name, the day, the channel',
  })
  name!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

export class HqCurrencyTotalsView extends SalesFiguresView {
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

/** A site's sales of its current business day, in one currency. */
export class HqLiveSiteView extends SalesFiguresView {
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ example: 'Zur Linde, Mitte' }) name!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date',
    example: '2026-11-26',
    description:
      'The business day the site last said it trades in (its contact, its latest sale); null before its first ' +
      'contact',
  })
  businessDay!: string | null;
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

export class HqLiveView {
  @ApiProperty({
    type: [HqLiveSiteView],
    description:
      'Every site, by name: its sales of its current business day (zeros before its first sale of the day), a ' +
      'row per currency it sold in that day',
  })
  sites!: HqLiveSiteView[];
  @ApiProperty({
    type: [HqCurrencyTotalsView],
    description: 'The sites’ current days added up, one entry per currency',
  })
  totals!: HqCurrencyTotalsView[];
}

export class HqSalesReportView {
  @ApiProperty({ format: 'date', example: '2026-11-01' }) from!: string;
  @ApiProperty({ format: 'date', example: '2026-11-30' }) to!: string;
  @ApiProperty({ enum: HQ_SALES_GROUPINGS }) groupBy!: HqSalesGrouping;
  @ApiProperty({
    type: [HqSalesRowView],
    description:
      'One row per key and currency with sales in the period, by name then currency. By group a site counts ' +
      'in each of its groups (directly, not in a group’s parent), so the rows may add up to more than the totals',
  })
  rows!: HqSalesRowView[];
  @ApiProperty({ type: [HqCurrencyTotalsView], description: 'Every site’s figures, one row per currency' })
  totals!: HqCurrencyTotalsView[];
}
