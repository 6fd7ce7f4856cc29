import { ApiProperty } from '@nestjs/swagger';
import { LABOUR_GROUPINGS, type LabourGrouping } from './labour-report.inputs';
import { ReportPeriodView } from './report.views';

const HOURS = 'Hours paid (unpaid breaks left out, paid ones counted), two decimals';
const PERCENT =
  'labourCost as a percentage of salesExclTax, two decimals; null when there were no net sales (or less than none)';

/** Labour figures of a row or of the whole period. */
export class LabourFiguresView {
  @ApiProperty({ example: 31.5, format: 'double', description: HOURS }) hours!: number;
  @ApiProperty({
    example: 1.5,
    format: 'double',
    description: "Of those, hours past the restaurant's daily or weekly overtime threshold",
  })
  overtimeHours!: number;

  @ApiProperty({
    example: 44100,
    description:
      "Wages in minor units: each shift's hours × the wage of its job on the day it began (the time clock's cost)",
  })
  labourCost!: number;

  @ApiProperty({
    example: 160000,
    description: "Net sales (before tax) of the same time, as the sales report's salesExclTax; minor units",
  })
  salesExclTax!: number;

  @ApiProperty({ type: Number, nullable: true, example: 27.56, format: 'double', description: PERCENT })
  labourPercent!: number | null;
}

export class LabourRowView extends LabourFiguresView {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-10-25T02:00+01:00',
    description:
      'By day: the business day (YYYY-MM-DD); by hour: the local hour with its UTC offset, as the sales report ' +
      'writes it; null by job',
  })
  period!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'The business day; null by job' })
  businessDay!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'By job: the job; null on the row of shifts worked without a job, and by day or hour',
  })
  jobId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Waiter', description: "By job: the job's name" })
  job!: string | null;

  @ApiProperty({ format: 'date-time', description: 'Start of the row (UTC); by job the period’s' })
  start!: string;
  @ApiProperty({ format: 'date-time', description: 'End of the row (UTC), exclusive' }) end!: string;
}

export class LabourReportView {
  @ApiProperty({ type: ReportPeriodView }) period!: ReportPeriodView;
  @ApiProperty({ enum: LABOUR_GROUPINGS }) groupBy!: LabourGrouping;
  @ApiProperty({
    type: [LabourRowView],
    description:
      'By day or hour: every business day or local hour of the period, in time order, empty ones included; a ' +
      'shift across midnight or an hour counts in each by its part. By job: every job worked in, by name, each ' +
      "with the whole period's net sales",
  })
  rows!: LabourRowView[];

  @ApiProperty({ type: LabourFiguresView }) totals!: LabourFiguresView;
}

/** The payroll's figures of a row or of everyone. */
export class PayrollFiguresView {
  @ApiProperty({ example: 38.25, format: 'double', description: HOURS }) hours!: number;
  @ApiProperty({ example: 120, description: 'Minutes of unpaid breaks' }) unpaidBreakMinutes!: number;
  @ApiProperty({ example: 1.5, format: 'double', description: 'Of the hours, overtime' })
  overtimeHours!: number;
  @ApiProperty({
    example: 53550,
    description: 'Wages in minor units: hours × wage, as the time clock counts',
  })
  wageCost!: number;
  @ApiProperty({ description: 'Card tips of the payments they took, less refunds of them (minor units)' })
  cardTips!: number;
  @ApiProperty({ description: 'Cash tips they declared (minor units)' }) declaredTips!: number;
  @ApiProperty({ description: 'Tips the rules (tip-outs, pools) moved from them to others (minor units)' })
  tipsGivenOut!: number;
  @ApiProperty({ description: 'Tips the rules moved to them from others (minor units)' })
  tipsReceived!: number;
  @ApiProperty({ description: 'Tips paid out to them, in cash or by payroll (minor units)' })
  tipsPaidOut!: number;
  @ApiProperty({
    description: 'Tips still owed: cardTips + declaredTips − tipsGivenOut + tipsReceived − tipsPaidOut',
  })
  tipsBalance!: number;
}

/** One person's time in one job; their tips of the period on their row without a job. */
export class PayrollRowView extends PayrollFiguresView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Anna' }) displayName!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Null: worked without a job' })
  jobId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Waiter' }) job!: string | null;
}

export class PayrollReportView {
  @ApiProperty({ type: ReportPeriodView }) period!: ReportPeriodView;
  @ApiProperty({
    type: [PayrollRowView],
    description:
      'One row per person and job worked in within the period, by name then job; a shift across a bound of ' +
      'the period counts by its part inside. Tips belong to no job: a person’s tips of the period (the kept tip ' +
      'ledger of its business days) are on their row without a job, last of theirs, added with no hours when ' +
      'they worked none without a job; their other rows have no tips',
  })
  rows!: PayrollRowView[];

  @ApiProperty({ type: PayrollFiguresView }) totals!: PayrollFiguresView;
}
