import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/**
 * A device that sends X-Device-Id (a waiter's tablet), with the last keyed write it applied: what the tablet asks
 * after a Wi-Fi drop to learn how far its outbox got. Upserted in the transaction of each such write.
 */
@Entity('client_devices')
export class ClientDevice {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  deviceId!: string;

  /** Keyed writes it applied; replays are not counted. */
  @Column({ type: 'integer' })
  writesApplied!: number;

  /** The Idempotency-Key of the last one, or the key its client ids made (`ids:<sha-256>`). */
  @Column({ type: 'varchar', length: 200 })
  lastKey!: string;

  @Column({ type: 'varchar', length: 10 })
  lastMethod!: string;

  /** The actual path, ids and all. */
  @Column({ type: 'varchar', length: 300 })
  lastPath!: string;

  @Column({ type: 'integer' })
  lastStatus!: number;

  /** The staff member who sent it; null for an API key. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  lastUserId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  lastApiKeyId!: string | null;

  @InstantColumn()
  lastAppliedAt!: Date;
}
