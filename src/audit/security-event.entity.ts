import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';
import { SecurityEventType } from './security-event-type';

/**
 * Logins, failures, lock-outs, second factors, token misuse, address blocks and webhooks disabled for failing. Kept apart from users
 * so history outlives a deleted account. The indexes serve GET /security/events filtered by type, user or address,
 * newest first, a user's login history, and the count of an address's recent failed logins.
 */
@Entity('security_events')
@Index('security_events_type_occurred_at', ['type', 'occurredAt'])
@Index('security_events_user_id_occurred_at', ['userId', 'occurredAt'])
@Index('security_events_ip_occurred_at', ['ip', 'occurredAt'])
export class SecurityEvent {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  type!: SecurityEventType;

  @Column({ type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  /** What the caller claimed to be (a username or user id), as typed; never a password or PIN. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  subject!: string | null;

  /** The client's address (IPv4 clients as plain IPv4), or for a block event the blocked range. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  /** The User-Agent header of a login, refresh or logout, cut to USER_AGENT_LENGTH. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  details!: Record<string, unknown> | null;

  @Index('security_events_occurred_at')
  @InstantColumn()
  occurredAt!: Date;
}

export const USER_AGENT_LENGTH = 255;
