import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { MAX_AMOUNT } from '../../common/money';
import { isCalendarDate } from '../../common/time/calendar-date';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateJobInput {
  @ApiProperty({ example: 'Waiter', minLength: 1, maxLength: 60 })
  @Transform(trimmed)
  @IsString()
  @Length(1, 60)
  name!: string;
}

export class UpdateJobInput {
  @ApiPropertyOptional({ example: 'Bartender', minLength: 1, maxLength: 60 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 60)
  name?: string;

  @ApiPropertyOptional({ description: 'An inactive job is no longer chosen at clock-in' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** A person's wage in a job from a local date on: the person holds the job from then. */
export class StaffJobWageInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  jobId!: string;

  @ApiProperty({ example: 1450, minimum: 0, maximum: MAX_AMOUNT, description: 'Minor units per hour' })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  hourlyWage!: number;

  @ApiProperty({
    format: 'date',
    example: '2026-11-01',
    description: "The first day (the restaurant's time zone) this wage is paid, YYYY-MM-DD",
  })
  @ValidateBy({
    name: 'isCalendarDate',
    validator: { validate: isCalendarDate, defaultMessage: () => 'must be a date written YYYY-MM-DD' },
  })
  effectiveFrom!: string;
}
