import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../database/columns';

/** One single-use recovery code of a second factor; only its SHA-256 is kept. */
@Entity('recovery_codes')
export class RecoveryCode {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @ForeignKey('User', { name: 'recovery_codes_user_fk', onDelete: 'CASCADE' })
  @Index('recovery_codes_user_id')
  @Column({ length: 36 })
  userId!: string;

  @Column({ length: 64 })
  codeHash!: string;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn({ nullable: true })
  usedAt!: Date | null;
}
