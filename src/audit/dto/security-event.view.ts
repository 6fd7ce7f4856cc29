import { ApiProperty } from '@nestjs/swagger';
import { SecurityEvent } from '../security-event.entity';
import { SecurityEventType } from '../security-event-type';

export class SecurityEventView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: SecurityEventType, enumName: 'SecurityEventType' })
  type!: SecurityEventType;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  userId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The username or user id the caller gave' })
  subject!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The client address; for ip_block.created and ip_block.lifted the blocked range',
  })
  ip!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The User-Agent of a login, refresh or logout' })
  userAgent!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'What else the event type records (a reason, a user id, a count)',
  })
  details!: Record<string, unknown> | null;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  static of(this: void, event: SecurityEvent): SecurityEventView {
    return {
      id: event.id,
      type: event.type,
      userId: event.userId,
      subject: event.subject,
      ip: event.ip,
      userAgent: event.userAgent,
      details: event.details,
      occurredAt: event.occurredAt.toISOString(),
    };
  }
}
