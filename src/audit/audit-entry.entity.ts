import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/** Who changed what, when, with the values before and after. */
@Entity('audit_log')
@Index('audit_log_entity', ['entityType', 'entityId', 'occurredAt'])
@Index('audit_log_actor', ['actor', 'occurredAt'])
@Index('audit_log_action', ['action', 'occurredAt'])
export class AuditEntry {
  @PrimaryColumn({ length: 36 })
  id!: string;

  /** `staff:<userId>` or `apiKey:<keyId>` or `system`. */
  @Column({ type: 'varchar', length: 80 })
  actor!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorUserId!: string | null;

  /** What happened, such as `user.updated` or `dish.price_changed`. */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 40 })
  entityType!: string;

  @Column({ type: 'varchar', length: 36 })
  entityId!: string;

  /** The thing's name as staff knew it then ("Diavola (Regular)"); null before entries kept one, and for a guest. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  subject!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'simple-json', nullable: true })
  after!: Record<string, unknown> | null;

  @Index('audit_log_occurred_at')
  @InstantColumn()
  occurredAt!: Date;
}
