import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { IsTimestamp } from '../../common/time/is-timestamp';
import { SecurityEventType } from '../security-event-type';

/** GET /security/events: every filter is optional, and they combine. */
export class SecurityEventQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SecurityEventType, enumName: 'SecurityEventType' })
  @IsOptional()
  @IsEnum(SecurityEventType)
  type?: SecurityEventType;

  @ApiPropertyOptional({ description: 'The id of the staff member the event is about' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  userId?: string;

  @ApiPropertyOptional({
    example: '203.0.113.7',
    description: 'The client address, or for block events the range, exactly as recorded',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  ip?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Occurred at or after' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Occurred before' })
  @IsOptional()
  @IsTimestamp()
  to?: string;
}
