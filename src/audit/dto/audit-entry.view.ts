import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTIONS, type AuditAction } from '../audit-actions';
import type { AuditEntry } from '../audit-entry.entity';

export class AuditEntryView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    example: 'staff:5f0c2d11-3f1f-4f57-9a55-0b7e6c1e3f4a',
    description: 'staff:<userId>, apiKey:<keyId> or system',
  })
  actor!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The staff member, when staff made it',
  })
  actorUserId!: string | null;

  @ApiProperty({ enum: AUDIT_ACTIONS, enumName: 'AuditAction' })
  action!: AuditAction;

  @ApiProperty({ example: 'variation' })
  entityType!: string;

  @ApiProperty()
  entityId!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Diavola (Regular)',
    description:
      'The thing by its name as staff knew it when it changed (a variation with its dish, a table, a person, a ' +
      'business day, an order number); null for a guest, for a thing without a name, and on entries written ' +
      'before entries kept one',
  })
  subject!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The thing as clients saw it before the change (its view, as the API answers it)',
  })
  before!: Record<string, unknown> | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The thing as clients see it after the change (its view, as the API answers it)',
  })
  after!: Record<string, unknown> | null;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  static of(this: void, entry: AuditEntry): AuditEntryView {
    return {
      id: entry.id,
      actor: entry.actor,
      actorUserId: entry.actorUserId,
      // Written by AuditLog.record only, which takes an AuditAction.
      action: entry.action as AuditAction,
      entityType: entry.entityType,
      entityId: entry.entityId,
      subject: entry.subject,
      before: entry.before,
      after: entry.after,
      occurredAt: entry.occurredAt.toISOString(),
    };
  }
}
