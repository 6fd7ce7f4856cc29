import { ApiProperty } from '@nestjs/swagger';
import { ReportPeriodView } from './report.views';

/** One person's tips of one business day, in minor units, with who they are and the jobs they worked. */
export class TipPersonView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Anna',
    description: 'null: the account was removed',
  })
  displayName!: string | null;
  @ApiProperty({
    type: [String],
    example: ['Waiter'],
    description: 'The jobs they were clocked in for that day, by name; empty: none (a tip without a shift)',
  })
  jobs!: string[];
  @ApiProperty({
    description: 'Card tips of the payments they took (less refunds of them) and declared cash tips',
  })
  earned!: number;
  @ApiProperty({ description: 'What the rules moved from them to others (tip-outs, pools)' })
  givenOut!: number;
  @ApiProperty({ description: 'What the rules moved to them from others' }) received!: number;
  @ApiProperty({ description: 'Paid out to them on this day' }) paidOut!: number;
  @ApiProperty({ description: 'earned − givenOut + received − paidOut' }) balance!: number;
}

export class TipDayView {
  @ApiProperty({ format: 'date' }) businessDay!: string;
  @ApiProperty({
    description:
      'Whether the ledger kept for the day equals the rebuild from its facts as they stood when it was kept ' +
      '(an open shift counted up to that moment, as the ledger counted it)',
  })
  ledgerMatches!: boolean;
  @ApiProperty({
    type: [TipPersonView],
    description: 'By user id, rebuilt now: an open shift counts its hours up to now',
  })
  people!: TipPersonView[];
}

export class TipReportView {
  @ApiProperty({ type: ReportPeriodView }) period!: ReportPeriodView;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: [TipDayView], description: 'Each business day with tips, oldest first' })
  days!: TipDayView[];
}
