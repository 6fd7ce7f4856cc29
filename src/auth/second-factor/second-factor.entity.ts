import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../database/columns';

/**
 * A staff member's TOTP second factor. Pending (enabledAt null) from setup until a first code confirms it; a new
 * setup replaces a pending one.
 */
@Entity('second_factors')
export class SecondFactor {
  @ForeignKey('User', { name: 'second_factors_user_fk', onDelete: 'CASCADE' })
  @PrimaryColumn({ length: 36 })
  userId!: string;

  /** The base32 TOTP secret, sealed with ENCRYPTION_KEY (SecretBox, the user id as context). */
  @Column({ type: 'text' })
  sealedSecret!: string;

  @InstantColumn({ nullable: true })
  enabledAt!: Date | null;

  /** The time step of the last code accepted: a code of this step or an earlier one is refused (no replay). */
  @Column({ type: 'integer', nullable: true })
  lastUsedStep!: number | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
