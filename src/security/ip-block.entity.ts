import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

export enum IpBlockSource {
  /** An admin added it. */
  Manual = 'manual',
  /** A burst of failed logins over several accounts did (AUTO_BLOCK_*). */
  Automatic = 'automatic',
}

/**
 * An address or CIDR range whose requests are refused before authentication. Lifted blocks keep their row, as
 * history of who blocked what, why, and who lifted it.
 */
@Entity('ip_blocks')
export class IpBlock {
  @PrimaryColumn({ length: 36 })
  id!: string;

  /** An IPv4 or IPv6 address or CIDR range; an IPv4-mapped IPv6 address is kept as the IPv4 one. */
  @Index('ip_blocks_range')
  @Column({ type: 'varchar', length: 64 })
  range!: string;

  @Column({ type: 'varchar', length: 200 })
  reason!: string;

  @Column({ type: 'varchar', length: 16 })
  source!: IpBlockSource;

  /** The admin who added it; null for an automatic block. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @Index('ip_blocks_created_at')
  @InstantColumn()
  createdAt!: Date;

  /** null: until lifted. */
  @InstantColumn({ nullable: true })
  expiresAt!: Date | null;

  @InstantColumn({ nullable: true })
  liftedAt!: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  liftedBy!: string | null;

  /**
   * The range while the block may be in force; null once lifted, or once found expired when the range is blocked
   * again. Its unique index lets a range be blocked only once, even by requests at the same instant.
   */
  @Index('ip_blocks_active_range_unique', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  activeRange!: string | null;
}

/** In force at `now`: neither lifted nor expired. */
export function isActive(block: IpBlock, now: Date): boolean {
  return block.liftedAt === null && (block.expiresAt === null || block.expiresAt > now);
}
