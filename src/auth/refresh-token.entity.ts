import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AuthSession } from './auth-session.entity';
import { InstantColumn } from '../database/columns';

/** A refresh token is `<id>.<secret>`; only a SHA-256 of the secret is kept. Each one may be used once. */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Index('refresh_tokens_session_id')
  @Column({ length: 36 })
  sessionId!: string;

  @ManyToOne(() => AuthSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'refresh_tokens_session_fk' })
  session?: AuthSession;

  @Column({ length: 64 })
  secretHash!: string;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  expiresAt!: Date;

  @InstantColumn({ nullable: true })
  usedAt!: Date | null;
}
