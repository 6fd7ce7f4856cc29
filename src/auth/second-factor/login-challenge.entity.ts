import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../database/columns';

/**
 * The step between a right password and a second factor: its token is `<id>.<secret>`, only a SHA-256 of the
 * secret is kept, and it completes one login at most, before it expires.
 */
@Entity('login_challenges')
export class LoginChallenge {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @ForeignKey('User', { name: 'login_challenges_user_fk', onDelete: 'CASCADE' })
  @Index('login_challenges_user_id')
  @Column({ length: 36 })
  userId!: string;

  @Column({ length: 64 })
  secretHash!: string;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  expiresAt!: Date;

  @InstantColumn({ nullable: true })
  usedAt!: Date | null;
}
