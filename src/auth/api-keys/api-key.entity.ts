import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Scope } from '../../common/access/scope';
import { InstantColumn } from '../../database/columns';

/** An integration's credential. Only hashes of its secrets are kept: the secret itself is shown once. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The first characters of the secret (`pos_` and 8 more), to tell keys apart in lists and logs. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  /** SHA-256 of the secret, hex: the secret has 192 random bits, so a slow hash would add nothing. */
  @Index('api_keys_secret_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  secretHash!: string;

  /** The secret before the last rotation, valid until previousSecretExpiresAt. */
  @Index('api_keys_previous_secret_hash')
  @Column({ type: 'varchar', length: 64, nullable: true })
  previousSecretHash!: string | null;

  @InstantColumn({ nullable: true })
  previousSecretExpiresAt!: Date | null;

  @Column({ type: 'simple-json' })
  scopes!: Scope[];

  /** Addresses and CIDR ranges the key may be used from; null allows any. */
  @Column({ type: 'simple-json', nullable: true })
  allowedIps!: string[] | null;

  /** For a `print:agent` key: the printers whose jobs its agent receives. */
  @Column({ type: 'simple-json', nullable: true })
  printerIds!: string[] | null;

  /** The channel whose orders alone this key may post and update (`/channels/{code}/orders`); null: none. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  channelCode!: string | null;

  @InstantColumn({ nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  rateLimitPerMinute!: number | null;

  @Column({ type: 'integer', nullable: true })
  rateLimitPerHour!: number | null;

  @Column({ type: 'integer', nullable: true })
  rateLimitPerDay!: number | null;

  @Column({ default: true })
  active!: boolean;

  /** Written by the usage statistics' flush, a few seconds behind. */
  @InstantColumn({ nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn({ nullable: true })
  rotatedAt!: Date | null;
}
