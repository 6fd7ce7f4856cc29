import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

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

  @Column({ type: 'varchar', length: 12 })
  state!: 'in_progress' | 'done';

  /** A random id of the request that holds the reservation: tells a request whether its own insert won. */
  @Column({ type: 'varchar', length: 36 })
  owner!: string;

  @Column({ type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'text', nullable: true })
  responseBody!: string | null;

  @Column()
  createdAt!: Date;

  @Column()
  expiresAt!: Date;
}
