import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/** One Idempotency-Key of one caller, with the reply to replay. Kept 24 hours. */
@Entity('idempotency_keys')
@Index('idempotency_keys_expires_at', ['expiresAt'])
export class IdempotencyKey {
  /** The caller: `staff:<userId>`, `apiKey:<id>` or `qr:<qrToken>`. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  scope!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  /** SHA-256 of the route, its parameters and the body: the same key with another request is refused. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  @Column({ type: 'integer' })
  responseStatus!: number;

  @Column({ type: 'text' })
  responseBody!: string;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  expiresAt!: Date;
}
