import { ApiProperty } from '@nestjs/swagger';
import { DayReportView } from '../../reports/dto/report.views';

/** A closed business day, as listed. */
export class BusinessDayCloseView {
  @ApiProperty({ format: 'date', example: '2026-11-22' }) businessDay!: string;
  @ApiProperty({ example: 128, description: 'The Z number: one more for every day closed' }) number!: number;
  @ApiProperty({ format: 'date-time' }) closedAt!: string;
  @ApiProperty({ format: 'uuid', description: 'The manager or admin who closed it' }) closedBy!: string;
}

/** The Z report: the day's figures as they stood at the close, numbered and never changed afterwards. */
export class ZReportView extends BusinessDayCloseView {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Maria',
    description: 'Display name of the closer at the close',
  })
  closedByName!: string | null;

  @ApiProperty({
    type: DayReportView,
    description: 'The day report (as /reports/shift) at the close, its cash-drawer shifts all counted',
  })
  report!: DayReportView;
}

export class OpenOrderRefView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 17 }) number!: number;
  @ApiProperty({ example: 'served' }) status!: string;
}

/** `error.details` of the 409 that refuses to close a day with orders still open. */
export class OpenOrdersConflictView {
  @ApiProperty({ type: [OpenOrderRefView], description: 'The first 50 open orders, by number' })
  openOrders!: OpenOrderRefView[];
}
