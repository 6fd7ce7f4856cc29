import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsTimestamp } from '../../../../common/time/is-timestamp';

export class ApiKeyUsageQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Default: 7 days before `to`. Rounded down to the start of its UTC hour.',
  })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Default: now. Rounded up to the start of the next UTC hour; at most 400 days after `from`.',
  })
  @IsOptional()
  @IsTimestamp()
  to?: string;
}
