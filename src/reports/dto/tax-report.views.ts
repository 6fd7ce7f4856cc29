import { ApiProperty } from '@nestjs/swagger';
import { ReportPeriodView } from './report.views';
import { TaxFiguresView, TaxReportRowView } from './tax-figures.views';

export class TaxReportView {
  @ApiProperty({ type: ReportPeriodView })
  period!: ReportPeriodView;

  @ApiProperty({
    type: [TaxReportRowView],
    description:
      'Per business day and rate (and percent, should a rate have changed), closed orders less the refunds made ' +
      'after their close, by day then highest percent',
  })
  rows!: TaxReportRowView[];

  @ApiProperty({
    type: TaxFiguresView,
    description: "net equals /reports/sales' salesExclTax, gross its salesInclTax, for the same period",
  })
  totals!: TaxFiguresView;
}
