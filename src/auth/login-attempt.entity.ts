import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/**
 * `account`: a person's wrong attempts; `device` (a waiter tablet's X-Device-Id, a kitchen screen) and `ip`: the
 * people who failed from there; `giftcode`: a caller's lookups of gift card codes that matched no card
 * (src/guests/gift-cards).
 */
export type LoginAttemptScope = 'account' | 'device' | 'ip' | 'giftcode';

/** Failed-login bookkeeping for one account, device or client IP, in the database so it survives restarts. */
@Entity('login_attempts')
export class LoginAttempt {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  scope!: LoginAttemptScope;

  @PrimaryColumn({ length: 200 })
  subject!: string;

  @Column({ type: 'integer', default: 0 })
  failures!: number;

  @InstantColumn({ nullable: true })
  windowStartedAt!: Date | null;

  /** How many lock-outs since the last success: each one doubles the next. */
  @Column({ type: 'integer', default: 0 })
  lockouts!: number;

  @InstantColumn({ nullable: true })
  lockedUntil!: Date | null;

  @InstantColumn()
  updatedAt!: Date;
}
