import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../event-log/event-record.entity';
import type { EventType } from '../../event-log/event-type';
import { InstantColumn } from '../../database/columns';

/** An admin's subscription: the integration events to POST to one URL, signed with its secret. */
@Entity('webhooks')
export class Webhook {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  @Column({ type: 'simple-json' })
  events!: EventType[];

  @Column({ default: true })
  active!: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  /**
   * The admin's consent that this receiver gets guests' personal data (as a key with customers:read does): the
   * customer events, and orders with their customer and fulfilment contact. Without it orders come without them.
   */
  @Column({ default: false })
  personalData!: boolean;

  /** Why the dispatcher disabled it (its retries ran out); null when enabled or disabled by an admin. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  disabledReason!: string | null;

  /** The signing secret, sealed with ENCRYPTION_KEY (SecretBox, the webhook id as context). */
  @Column({ type: 'text' })
  sealedSecret!: string;

  /** The secret before the last rotation, still signed with until `previousSecretExpiresAt`. */
  @Column({ type: 'text', nullable: true })
  sealedPreviousSecret!: string | null;

  @InstantColumn({ nullable: true })
  previousSecretExpiresAt!: Date | null;

  /** The log's last seq when it subscribed: only later events are delivered to it. */
  @Column({ type: 'bigint', transformer: bigintAsNumber, default: 0 })
  subscribedAtSeq!: number;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
