import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/** How large a screen draws its tickets: a TV read from across the kitchen wants large or xl. */
export const TEXT_SIZES = ['small', 'normal', 'large', 'xl'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

/**
 * A kitchen screen a manager set up: the stations it shows (or every one, as the expo), paired once with a
 * short-lived code for a long device token. Both secrets are kept as SHA-256 hashes only.
 */
@Entity('kitchen_devices')
@Index('kitchen_devices_token_hash_unique', ['tokenHash'], { unique: true })
@Index('kitchen_devices_pairing_code_hash', ['pairingCodeHash'])
export class KitchenDevice {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  /** The stations it shows; empty on the expo, which shows every station. */
  @Column({ type: 'simple-json' })
  stationIds!: string[];

  /** The pass: every station's tickets. */
  @Column({ default: false })
  expo!: boolean;

  @Column({ type: 'varchar', length: 8, default: 'normal' })
  textSize!: TextSize;

  /** The hash of the pairing code not yet used; null once used (or before one is issued). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  pairingCodeHash!: string | null;

  @InstantColumn({ nullable: true })
  pairingCodeExpiresAt!: Date | null;

  /** The hash of the paired screen's token; null while no screen is paired. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  tokenHash!: string | null;

  @InstantColumn({ nullable: true })
  pairedAt!: Date | null;

  /** When its screen last read its set-up (GET /kitchen/device), to the minute. */
  @InstantColumn({ nullable: true })
  lastSeenAt!: Date | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
