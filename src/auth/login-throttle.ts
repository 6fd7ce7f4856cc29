import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { LoginAttempt, LoginAttemptScope } from './login-attempt.entity';

/** Wrong attempts of one person (an account, or one unknown name) before they are locked out. */
export const MAX_FAILURES = 5;
/**
 * Different people failing from one device, or one address, before it is locked for everyone: a restaurant's
 * tablets share one address, so one person's typos lock out that person alone. A device or an address is locked
 * only by many people's failures, as someone trying PINs across the staff list makes them.
 */
export const MAX_PEOPLE_PER_DEVICE = 5;
export const MAX_PEOPLE_PER_ADDRESS = 8;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const FIRST_LOCKOUT_MS = 60_000;
export const MAX_LOCKOUT_MS = 60 * 60_000;
/** A day without failures forgets earlier lock-outs, so the back-off starts small again. */
const LOCKOUT_MEMORY_MS = 24 * 60 * 60_000;

export interface LoginSubject {
  scope: LoginAttemptScope;
  subject: string;
}

/** A lock in force: which subject's, and for how much longer. */
export interface Lock {
  scope: LoginAttemptScope;
  forMs: number;
}

/** The scopes that count people rather than attempts: one failure each per account and window. */
const COUNTS_PEOPLE: ReadonlySet<LoginAttemptScope> = new Set(['device', 'ip']);

/** Rows are locked in this order; an account's row first, to know whether it is a new person elsewhere. */
const LOCK_ORDER: readonly LoginAttemptScope[] = ['account', 'giftcode', 'device', 'ip'];

const limitOf = (scope: LoginAttemptScope): number =>
  scope === 'device' ? MAX_PEOPLE_PER_DEVICE : scope === 'ip' ? MAX_PEOPLE_PER_ADDRESS : MAX_FAILURES;

/** The back-off for the n-th lock-out (0-based): 1, 2, 4, 8 ... minutes, at most an hour. */
export function lockoutDurationMs(previousLockouts: number): number {
  return Math.min(FIRST_LOCKOUT_MS * 2 ** previousLockouts, MAX_LOCKOUT_MS);
}

/**
 * Failed logins per account (a person), per device and per client IP, kept in the database so every instance and
 * restart sees them. An account counts its wrong attempts; a device and an address count the people who failed
 * from them (an account's first failure in its window counts there, its later ones do not).
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** Milliseconds until every given subject may try again; 0 when none is locked. */
  async lockedForMs(subjects: LoginSubject[]): Promise<number> {
    return (await this.longestLock(subjects))?.forMs ?? 0;
  }

  /** The lock of the given subjects that ends last, or null when none is locked. */
  async longestLock(subjects: LoginSubject[]): Promise<Lock | null> {
    const now = this.clock.now().getTime();
    const rows = await this.database.reader.getRepository(LoginAttempt).find({
      where: subjects.map(({ scope, subject }) => ({ scope, subject })),
    });
    let longest: Lock | null = null;
    for (const row of rows) {
      const forMs = row.lockedUntil ? row.lockedUntil.getTime() - now : 0;
      if (forMs > 0 && forMs > (longest?.forMs ?? 0)) longest = { scope: row.scope, forMs };
    }
    return longest;
  }

  /**
   * Counts one failure against each subject (devices and addresses only for an account's first failure in its
   * window); answers the lock-outs that this failure started.
   */
  async recordFailure(manager: EntityManager, subjects: LoginSubject[]): Promise<LoginSubject[]> {
    const now = this.clock.now();
    const started: LoginSubject[] = [];
    let newPerson = true;
    for (const key of [...subjects].sort(
      (a, b) => LOCK_ORDER.indexOf(a.scope) - LOCK_ORDER.indexOf(b.scope),
    )) {
      if (COUNTS_PEOPLE.has(key.scope) && !newPerson) continue;
      const row = await this.database.lockedRow(manager, LoginAttempt, key, {
        ...key,
        failures: 0,
        lockouts: 0,
        updatedAt: now,
      });
      if (now.getTime() - row.updatedAt.getTime() > LOCKOUT_MEMORY_MS) row.lockouts = 0;
      if (!row.windowStartedAt || now.getTime() - row.windowStartedAt.getTime() > FAILURE_WINDOW_MS) {
        row.windowStartedAt = now;
        row.failures = 0;
      }
      row.failures += 1;
      if (key.scope === 'account') newPerson = row.failures === 1;
      if (row.failures >= limitOf(key.scope)) {
        row.lockedUntil = new Date(now.getTime() + lockoutDurationMs(row.lockouts));
        row.lockouts += 1;
        row.failures = 0;
        row.windowStartedAt = null;
        started.push(key);
      }
      row.updatedAt = now;
      await manager.save(row);
    }
    return started;
  }

  /**
   * A success forgets the person's failures. A device's or an address's count of people stays until its window
   * ends: one right PIN among many people's wrong ones clears nothing.
   */
  async recordSuccess(manager: EntityManager, subjects: LoginSubject[]): Promise<void> {
    const keys = subjects.filter((s) => s.scope === 'account').map((s) => s.subject);
    if (keys.length > 0) await manager.delete(LoginAttempt, { scope: 'account', subject: In(keys) });
  }
}

/** Who a login attempt counts against: the person; the device, when known; the client's address. */
export function loginSubjects(
  account: string,
  client: { ip: string | null; deviceId?: string | null },
  kitchenDeviceId: string | null,
): LoginSubject[] {
  const subjects: LoginSubject[] = [{ scope: 'account', subject: account }];
  if (kitchenDeviceId) subjects.push({ scope: 'device', subject: `kitchen:${kitchenDeviceId}` });
  else if (client.deviceId)
    subjects.push({ scope: 'device', subject: `tablet:${client.deviceId.slice(0, 100)}` });
  if (client.ip) subjects.push({ scope: 'ip', subject: client.ip });
  return subjects;
}

const LOCKED_WHAT: Record<string, string> = {
  account: 'for this person',
  device: 'on this device',
  ip: 'from this address',
};

/** The 429's message: whose lock it is, and for how long, in words a person at the PIN pad reads. */
export function lockedOutMessage(lock: Lock): string {
  const seconds = Math.max(1, Math.ceil(lock.forMs / 1000));
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many wrong attempts ${LOCKED_WHAT[lock.scope] ?? ''}: try again in ${wait}`;
}
