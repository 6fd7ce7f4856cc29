import { ApiProperty } from '@nestjs/swagger';
import { SecurityEvent, SecurityEventType } from '../security-event.entity';

export class SecurityEventView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: SecurityEventType, enumName: 'SecurityEventType' })
  type!: SecurityEventType;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  userId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The username or user id the caller gave' })
  subject!: string | null;

  @ApiProperty({ type: String, nullable: true })
  ip!: string | null;

  @ApiProperty({ type: Object, nullable: true })
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
      details: event.details,
      occurredAt: event.occurredAt.toISOString(),
    };
  }
}
