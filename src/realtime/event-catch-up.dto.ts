import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { EventEnvelope } from '../visibility/event-envelope';

const MAX_LIMIT = 1000;

export class EventCatchUpQuery {
  @ApiPropertyOptional({ description: 'The last seq the client has; 0 for the oldest retained', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  since: number = 0;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_LIMIT,
    default: 100,
    description: 'How many events to scan',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit: number = 100;
}

export class EventCatchUpView {
  @ApiProperty({
    type: [EventEnvelope],
    maxItems: MAX_LIMIT,
    description: 'The events after `since` that the caller may see, in seq order (at most `limit`)',
  })
  items!: EventEnvelope[];

  @ApiProperty({ description: 'Pass as `since` to continue; equal to lastSeq when caught up' })
  nextSince!: number;

  @ApiProperty({ description: 'The newest seq in the log' })
  lastSeq!: number;

  @ApiProperty({
    description:
      'true when events after `since` were pruned: reload state over REST, then go on from lastSeq',
  })
  resyncRequired!: boolean;
}
