import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The step between a right password and a second factor: its token is `<id>.<secret>`, only a SHA-256 of the
 * secret is kept, and it completes one login at most, before it expires.
 */
@Entity('login_challenges')
export class LoginChallenge {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Index('login_challenges_user_id')
  @Column({ length: 36 })
  userId!: string;

  @Column({ length: 64 })
  secretHash!: string;

  @Column()
  createdAt!: Date;

  @Column()
  expiresAt!: Date;

  @Column({ type: Date, nullable: true })
  usedAt!: Date | null;
}
