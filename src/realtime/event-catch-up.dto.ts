import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { EventEnvelope } from '../visibility/event-envelope';

export class EventCatchUpQuery {
  @ApiPropertyOptional({ description: 'The last seq the client has; 0 for the oldest retained', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  since: number = 0;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: 'How many events to scan' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 100;
}

export class EventCatchUpView {
  @ApiProperty({
    type: [EventEnvelope],
    description: 'The events after `since` that the caller may see, in seq order',
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
