import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum SecurityEventType {
  LoginSucceeded = 'login.succeeded',
  LoginFailed = 'login.failed',
  LockedOut = 'login.locked_out',
  LoginRefusedWhileLocked = 'login.refused_locked',
  RefreshTokenReused = 'refresh.reused',
  Logout = 'logout',
  /** A right password of an account with a second factor: a login challenge was issued, no session yet. */
  SecondFactorRequired = 'login.second_factor_required',
  SecondFactorEnabled = 'second_factor.enabled',
  SecondFactorDisabled = 'second_factor.disabled',
  /** A wrong code or password when turning one's second factor off; it counts towards lock-out like a login. */
  SecondFactorDisableRefused = 'second_factor.disable_refused',
  /** An admin removed another user's second factor (a lost phone), ending that user's sessions. */
  SecondFactorReset = 'second_factor.reset',
  /** An unknown, expired, inactive, rotated-out, wrong-address or out-of-scope API key. */
  ApiKeyRefused = 'api_key.refused',
  /** The dispatcher disabled a webhook subscription whose deliveries kept failing. */
  WebhookDisabled = 'webhook.disabled',
}

/** Logins, failures, lock-outs, second factors, token misuse and webhooks disabled for failing. Kept apart from users so history outlives a deleted account. */
@Entity('security_events')
export class SecurityEvent {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  type!: SecurityEventType;

  @Column({ type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  /** What the caller claimed to be (a username or user id), as typed; never a password or PIN. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  subject!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  details!: Record<string, unknown> | null;

  @Index('security_events_occurred_at')
  @Column()
  occurredAt!: Date;
}
