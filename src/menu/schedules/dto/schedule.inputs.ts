import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  ValidateBy,
} from 'class-validator';
import { OptionalNotNull } from '../../../common/optional-not-null';
import { PageQuery } from '../../../common/pagination/page';
import { ISO_WEEKDAYS, isTimeOfDay } from '../schedule-window';
import { NestedList } from '../../../common/nested-list';

/** Enough for a different window each day, and split services. */
export const MAX_WINDOWS = 21;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** What isTimeOfDay accepts, for the document. */
const TIME_OF_DAY_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';

const TimeOfDay = () =>
  ValidateBy({
    name: 'timeOfDay',
    validator: {
      validate: isTimeOfDay,
      defaultMessage: () => 'must be a time of day HH:MM from 00:00 to 23:59',
    },
  });

const NotTheStart = () =>
  ValidateBy({
    name: 'notTheStart',
    validator: {
      validate: (value, args) => value !== (args?.object as { from?: unknown }).from,
      defaultMessage: () => 'must differ from `from`: a window cannot be empty or last a whole day',
    },
  });

export class ScheduleWindowInput {
  @ApiProperty({
    type: [Number],
    example: [1, 2, 3, 4, 5],
    description: 'ISO weekdays the window starts on, 1 Monday to 7 Sunday, each once',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ISO_WEEKDAYS.length)
  @ArrayUnique({ message: 'must list each weekday once' })
  @IsIn(ISO_WEEKDAYS, {
    each: true,
    message: 'each value must be an ISO weekday from 1 (Monday) to 7 (Sunday)',
  })
  days!: number[];

  @ApiProperty({
    example: '07:00',
    pattern: TIME_OF_DAY_PATTERN,
    description: 'HH:MM on the restaurant clock (its time zone, GET /restaurant)',
  })
  @TimeOfDay()
  from!: string;

  @ApiProperty({
    example: '11:30',
    pattern: TIME_OF_DAY_PATTERN,
    description:
      'HH:MM, exclusive; before `from` it runs past midnight into the next day ("00:00": to midnight)',
  })
  @TimeOfDay()
  @NotTheStart()
  to!: string;
}

const WINDOWS_DOC: ApiPropertyOptions = {
  type: [ScheduleWindowInput],
  description: `1 to ${MAX_WINDOWS} windows; the schedule is on while any of them is. Replaces the whole list.`,
};

const Windows = () => NestedList(() => ScheduleWindowInput, { min: 1, max: MAX_WINDOWS });

const Name = () => (target: object, property: string) => {
  Transform(trimmed)(target, property);
  IsString()(target, property);
  Length(1, 100)(target, property);
};

export class CreateMenuScheduleInput {
  @ApiProperty({ example: 'Breakfast', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiProperty(WINDOWS_DOC)
  @Windows()
  windows!: ScheduleWindowInput[];
}

export class UpdateMenuScheduleInput {
  @ApiPropertyOptional({ example: 'Breakfast', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @Name()
  name?: string;

  @ApiPropertyOptional(WINDOWS_DOC)
  @OptionalNotNull()
  @Windows()
  windows?: ScheduleWindowInput[];
}

export class MenuScheduleListQuery extends PageQuery {}

export const SCHEDULE_ID_DOC: ApiPropertyOptions = {
  type: String,
  format: 'uuid',
  nullable: true,
  description: 'A menu schedule (see /menu-schedules): on the menu only while it runs; null: always',
};

/** `scheduleId`: a menu schedule, or null for always. */
export const ScheduleId = () => (target: object, property: string) => {
  IsOptional()(target, property);
  IsString()(target, property);
  Length(1, 36)(target, property);
};
