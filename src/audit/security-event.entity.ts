import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

export enum SecurityEventType {
  LoginSucceeded = 'login.succeeded',
  LoginFailed = 'login.failed',
  LockedOut = 'login.locked_out',
  LoginRefusedWhileLocked = 'login.refused_locked',
  /** A refresh token traded for a new pair: the session goes on, from this address and user agent. */
  RefreshSucceeded = 'refresh.succeeded',
  RefreshTokenReused = 'refresh.reused',
  Logout = 'logout',
  /** A right password of an account with a second factor: a login challenge was issued, no session yet. */
  SecondFactorRequired = 'login.second_factor_required',
  SecondFactorEnabled = 'second_factor.enabled',
  SecondFactorDisabled = 'second_factor.disabled',
  /** A wrong code or password when turning one's second factor off; it counts towards lock-out like a login. */
  SecondFactorDisableRefused = 'second_factor.disable_refused',
  /** A wrong password when enrolling a second factor (setup or enable); it counts towards lock-out like a login. */
  SecondFactorSetupRefused = 'second_factor.setup_refused',
  /** An admin removed another user's second factor (a lost phone), ending that user's sessions. */
  SecondFactorReset = 'second_factor.reset',
  /** An unknown, expired, inactive, rotated-out, wrong-address or out-of-scope API key. */
  ApiKeyRefused = 'api_key.refused',
  /** The dispatcher disabled a webhook subscription whose deliveries kept failing. */
  WebhookDisabled = 'webhook.disabled',
  /** An admin blocked an address or range; `ip` is the range. */
  IpBlockCreated = 'ip_block.created',
  /** A burst of failed logins over several accounts blocked the address for a while. */
  IpBlockedAutomatically = 'ip_block.automatic',
  /** An admin lifted a block before it expired; `ip` is the range. */
  IpBlockLifted = 'ip_block.lifted',
  /** Requests or handshakes from a blocked address were refused: at most one event per block and minute. */
  BlockedRequestRefused = 'ip_block.refused',
}

/**
 * Logins, failures, lock-outs, second factors, token misuse, address blocks and webhooks disabled for failing. Kept apart from users
 * so history outlives a deleted account. The indexes serve GET /security/events filtered by type, user or address,
 * newest first, a user's login history, and the count of an address's recent failed logins.
 */
@Entity('security_events')
@Index('security_events_type_occurred_at', ['type', 'occurredAt'])
@Index('security_events_user_id_occurred_at', ['userId', 'occurredAt'])
@Index('security_events_ip_occurred_at', ['ip', 'occurredAt'])
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

  /** The client's address (IPv4 clients as plain IPv4), or for a block event the blocked range. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  /** The User-Agent header of a login, refresh or logout, cut to USER_AGENT_LENGTH. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  details!: Record<string, unknown> | null;

  @Index('security_events_occurred_at')
  @InstantColumn()
  occurredAt!: Date;
}

export const USER_AGENT_LENGTH = 255;
