import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AUDIT_ACTIONS, type AuditAction } from '../audit-actions';
import { PageQuery } from '../../common/pagination/page';
import { IsTimestamp } from '../../common/time/is-timestamp';

/** A staff member's user id (or `staff:<id>`), `apiKey:<id>`, or `system`. */
const ACTOR = /^(system|((staff|apiKey):)?[A-Za-z0-9-]{1,36})$/;

export class AuditLogQuery extends PageQuery {
  @ApiPropertyOptional({
    example: 'apiKey:0b7e6c1e-3f4a-4f57-9a55-3f1f5f0c2d11',
    description: 'Who made the change: a user id, `apiKey:<id>`, or `system`',
  })
  @IsOptional()
  @IsString()
  @Matches(ACTOR, { message: 'must be a user id, apiKey:<id> or system' })
  actor?: string;

  @ApiPropertyOptional({ example: 'user', description: 'What kind of thing changed: user, dish, api_key…' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  entityType?: string;

  @ApiPropertyOptional({ description: 'The id of the thing that changed (most are UUIDs)' })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  entityId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS, enumName: 'AuditAction' })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ format: 'date-time', description: 'At or after' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before' })
  @IsOptional()
  @IsTimestamp()
  to?: string;
}
