import { ApiProperty } from '@nestjs/swagger';
import type { TimeClockEntry } from '../time-clock-entry.entity';

/** Seconds as hours with two decimals, for people. */
export const hoursOf = (seconds: number): number => Math.round(seconds / 36) / 100;

/** One shift worked: clock-in, clock-out, and how long (an open one up to now). */
export class TimeClockEntryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'date-time' }) clockedInAt!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Null while clocked in; a shift left open over night stays open until its clock-out',
  })
  clockedOutAt!: string | null;

  @ApiProperty({ description: 'Still clocked in' }) open!: boolean;
  @ApiProperty({ description: 'Whole seconds worked; an open shift counts up to now' })
  workedSeconds!: number;
  @ApiProperty({ example: 7.5, format: 'double', description: 'workedSeconds in hours, two decimals' })
  hours!: number;

  static of(this: void, entry: TimeClockEntry, now: Date): TimeClockEntryView {
    const end = entry.clockedOutAt ?? now;
    const workedSeconds = Math.max(0, Math.floor((end.getTime() - entry.clockedInAt.getTime()) / 1000));
    return {
      id: entry.id,
      userId: entry.userId,
      clockedInAt: entry.clockedInAt.toISOString(),
      clockedOutAt: entry.clockedOutAt?.toISOString() ?? null,
      open: entry.clockedOutAt === null,
      workedSeconds,
      hours: hoursOf(workedSeconds),
    };
  }
}

/** One staff member's time worked within a period (the staff report's hours). */
export interface HoursWorked {
  userId: string;
  workedSeconds: number;
  hours: number;
}
