import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { IsTimestamp } from '../../common/time/is-timestamp';

export class TimeClockQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Shifts still running at or after this time' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Shifts that began before this time' })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this staff member' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class ClockInInput {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The job worked: needed when the person holds several; their only one when they hold one',
  })
  @IsOptional()
  @IsUUID()
  jobId?: string;
}

export class BreakStartInput {
  @ApiProperty({ description: 'A paid break counts as time worked' })
  @IsBoolean()
  paid!: boolean;
}

/** A manager's correction of a shift: the times given replace the kept ones; the original stays in `edits`. */
export class TimeClockEditInput {
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsTimestamp()
  clockedInAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Set on an open shift: the clock-out it forgot' })
  @IsOptional()
  @IsTimestamp()
  clockedOutAt?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_input, value) => value !== null)
  @IsUUID()
  jobId?: string | null;

  @ApiProperty({ minLength: 3, maxLength: 500, example: 'Forgot to clock out; left at 23:10' })
  @IsString()
  @Length(3, 500)
  reason!: string;
}
