import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalNotNull } from '../../common/optional-not-null';
import { Name } from './menu.inputs';

const MAX_TIMER_MINUTES = 240;

/** A kitchen timer threshold: whole minutes, 1 to 240. */
const TimerMinutes = (example: number, description: string) => (target: object, property: string) => {
  ApiPropertyOptional({ example, minimum: 1, maximum: MAX_TIMER_MINUTES, description })(target, property);
  OptionalNotNull()(target, property);
  IsInt()(target, property);
  Min(1)(target, property);
  Max(MAX_TIMER_MINUTES)(target, property);
};

const WARN_DOC =
  'Minutes after firing at which kitchen screens show a ticket as getting late; below lateAfterMinutes';
const LATE_DOC =
  'Minutes after firing at which kitchen screens show a ticket as late; above warnAfterMinutes';

export class StationInput {
  @ApiProperty({ example: 'Grill', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @TimerMinutes(5, `${WARN_DOC} (default 5)`)
  warnAfterMinutes?: number;

  @TimerMinutes(8, `${LATE_DOC} (default 8)`)
  lateAfterMinutes?: number;
}

export class UpdateStationInput {
  @ApiPropertyOptional({ example: 'Grill', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @Name()
  name?: string;

  @TimerMinutes(5, `${WARN_DOC}; checked against the stored lateAfterMinutes when only this one is sent`)
  warnAfterMinutes?: number;

  @TimerMinutes(8, `${LATE_DOC}; checked against the stored warnAfterMinutes when only this one is sent`)
  lateAfterMinutes?: number;
}
