import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One single-use recovery code of a second factor; only its SHA-256 is kept. */
@Entity('recovery_codes')
export class RecoveryCode {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Index('recovery_codes_user_id')
  @Column({ length: 36 })
  userId!: string;

  @Column({ length: 64 })
  codeHash!: string;

  @Column()
  createdAt!: Date;

  @Column({ type: Date, nullable: true })
  usedAt!: Date | null;
}
