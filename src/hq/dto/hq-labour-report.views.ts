import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { HqMixKeyView, HqMixReportScopeView } from './hq-mix-report.views';

const MINOR = 'Minor units of the row’s currency.';

/** Tips of the row's days, every person's added up as the site's GET /reports/tips shares them. */
export class HqLabourTipsView {
  @ApiProperty({
    example: 4200,
    description: `Card tips (less refunds of them) and declared cash tips. ${MINOR}`,
  })
  earned!: number;
  @ApiProperty({ example: 800, description: `What the tip rules moved from people to others. ${MINOR}` })
  givenOut!: number;
  @ApiProperty({ example: 800, description: `What the tip rules moved to people: equals givenOut. ${MINOR}` })
  received!: number;
  @ApiProperty({ example: 3000, description: `Paid out on the row’s days. ${MINOR}` })
  paidOut!: number;
}

/** Labour beside sales, as a site's GET /reports/labour counts them. */
export class HqLabourFiguresView {
  @ApiProperty({ example: 20.5, format: 'double', description: 'Hours worked (paid time), two decimals' })
  hours!: number;
  @ApiProperty({ example: 1.5, format: 'double', description: 'Of them, overtime hours, two decimals' })
  overtimeHours!: number;
  @ApiProperty({ example: 28050, description: `Wages of the hours worked. ${MINOR}` })
  labourCost!: number;
  @ApiProperty({
    example: 45000,
    description: `Net sales before tax, from headquarters’ own sales figures of the same days. ${MINOR}`,
  })
  salesExclTax!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 62.33,
    format: 'double',
    description: 'labourCost as a percent of salesExclTax, two decimals; null without sales',
  })
  labourPercent!: number | null;
  @ApiProperty({ type: HqLabourTipsView })
  tips!: HqLabourTipsView;
}

export class HqLabourRowView extends IntersectionType(HqMixKeyView, HqLabourFiguresView) {}

export class HqLabourTotalsView extends HqLabourFiguresView {
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

export class HqLabourReportView extends HqMixReportScopeView {
  @ApiProperty({
    type: [HqLabourRowView],
    description: 'Per currency, and per site or business day when grouped so; by site name, day and currency',
  })
  rows!: HqLabourRowView[];
  @ApiProperty({ type: [HqLabourTotalsView], description: 'One entry per currency, by its code' })
  totals!: HqLabourTotalsView[];
}
