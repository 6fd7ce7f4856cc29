import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
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
