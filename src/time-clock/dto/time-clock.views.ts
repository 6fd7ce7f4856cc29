import { ApiProperty } from '@nestjs/swagger';
import type { TimeClockBreak } from '../time-clock-break.entity';
import type { TimeClockEdit } from '../time-clock-edit.entity';
import type { TimeClockEntry } from '../time-clock-entry.entity';
import type { ShiftFigures } from '../shift-hours';

/** Seconds as hours with two decimals, for people. */
export const hoursOf = (seconds: number): number => Math.round(seconds / 36) / 100;

export class BreakView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'A paid break counts as time worked' }) paid!: boolean;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while on the break' })
  endedAt!: string | null;

  static of(this: void, pause: TimeClockBreak): BreakView {
    return {
      id: pause.id,
      paid: pause.paid,
      startedAt: pause.startedAt.toISOString(),
      endedAt: pause.endedAt?.toISOString() ?? null,
    };
  }
}

export class ShiftTimesView {
  @ApiProperty({ format: 'date-time' }) clockedInAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) clockedOutAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) jobId!: string | null;
}

/** A manager's correction: the times before and after, who and why. */
export class ShiftEditView {
  @ApiProperty({ example: 'staff:3f0c…', description: 'Who edited, as the audit log names them' })
  editedBy!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) editedAt!: string;
  @ApiProperty({ type: ShiftTimesView }) before!: ShiftTimesView;
  @ApiProperty({ type: ShiftTimesView }) after!: ShiftTimesView;

  static of(this: void, edit: TimeClockEdit): ShiftEditView {
    return {
      editedBy: edit.editedBy,
      reason: edit.reason,
      editedAt: edit.editedAt.toISOString(),
      before: edit.before,
      after: edit.after,
    };
  }
}

/** What a shift view is made of besides its row. */
export interface ShiftDetail {
  job: string | null;
  wage: number | null;
  breaks: TimeClockBreak[];
  edits: TimeClockEdit[];
  figures: ShiftFigures;
}

/** One shift worked: clock-in, clock-out, its job and wage, breaks, paid hours, overtime and the law's flags. */
export class TimeClockEntryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) jobId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Waiter',
    description: "The job's name; null: no job",
  })
  job!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1450,
    description: 'Minor units per hour in the job on the local day the shift began; null when none is set',
  })
  wage!: number | null;

  @ApiProperty({ format: 'date-time', description: 'The start' }) clockedInAt!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'The end; null while clocked in: a shift left open over night stays open until its clock-out',
  })
  clockedOutAt!: string | null;

  @ApiProperty({ description: 'Still clocked in' }) open!: boolean;
  @ApiProperty({ description: 'On a break now' }) onBreak!: boolean;
  @ApiProperty({ type: [BreakView] }) breaks!: BreakView[];
  @ApiProperty({
    description: 'Whole seconds paid: the shift less its unpaid breaks; an open shift up to now',
  })
  workedSeconds!: number;
  @ApiProperty({ example: 7.5, format: 'double', description: 'workedSeconds in hours, two decimals' })
  hours!: number;
  @ApiProperty({ description: 'Minutes of breaks, paid and unpaid' }) breakMinutes!: number;
  @ApiProperty({
    example: 0.5,
    format: 'double',
    description: "Hours of this shift past the profile's daily or weekly threshold (never counted twice)",
  })
  overtimeHours!: number;

  @ApiProperty({ description: 'workedSeconds × wage, in minor units (0 without a wage)' }) cost!: number;

  @ApiProperty({
    type: [String],
    enum: ['break_too_short', 'worked_too_long_without_break'],
    description: "The country's break rule broken by a closed shift (Germany: § 4 ArbZG)",
  })
  flags!: string[];

  @ApiProperty({ type: [ShiftEditView], description: "Managers' corrections, oldest first" })
  edits!: ShiftEditView[];

  static of(this: void, entry: TimeClockEntry, detail: ShiftDetail): TimeClockEntryView {
    const { figures } = detail;
    return {
      id: entry.id,
      userId: entry.userId,
      jobId: entry.jobId,
      job: detail.job,
      wage: detail.wage,
      clockedInAt: entry.clockedInAt.toISOString(),
      clockedOutAt: entry.clockedOutAt?.toISOString() ?? null,
      open: entry.clockedOutAt === null,
      onBreak: detail.breaks.some((pause) => pause.endedAt === null),
      breaks: detail.breaks.map(BreakView.of),
      workedSeconds: figures.workedSeconds,
      hours: hoursOf(figures.workedSeconds),
      breakMinutes: Math.round(figures.breakSeconds / 60),
      overtimeHours: hoursOf(figures.overtimeSeconds),
      cost: costOf(figures.workedSeconds, detail.wage),
      flags: figures.flags,
      edits: detail.edits.map(ShiftEditView.of),
    };
  }
}

/** Pay for seconds at an hourly wage, rounded to the minor unit. */
export const costOf = (workedSeconds: number, wage: number | null): number =>
  wage === null ? 0 : Math.round((workedSeconds * wage) / 3600);

/** One staff member's time worked within a period (the staff report's hours). */
export interface HoursWorked {
  userId: string;
  workedSeconds: number;
  hours: number;
}

/** What the person at the tablet sees of their own time: their jobs, their shift now, their week. */
export class MyTimeView {
  @ApiProperty({ type: () => [MyJobView], description: 'The active jobs to choose from at clock-in' })
  jobs!: MyJobView[];
  @ApiProperty({
    type: TimeClockEntryView,
    nullable: true,
    description: 'The open shift; null when clocked out',
  })
  current!: TimeClockEntryView | null;
  @ApiProperty({ format: 'date', description: 'Monday of this local week' }) weekFrom!: string;
  @ApiProperty({ format: 'double', description: 'Hours paid this week, the open shift up to now' })
  weekHours!: number;
  @ApiProperty({ format: 'double' }) weekOvertimeHours!: number;
  @ApiProperty({ type: [TimeClockEntryView], description: "This week's shifts, newest first" })
  week!: TimeClockEntryView[];
}

export class MyJobView {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ example: 'Waiter' }) name!: string;
}
