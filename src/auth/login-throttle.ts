import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { LoginAttempt, LoginAttemptScope } from './login-attempt.entity';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const FIRST_LOCKOUT_MS = 60_000;
export const MAX_LOCKOUT_MS = 60 * 60_000;
/** A day without failures forgets earlier lock-outs, so the back-off starts small again. */
const LOCKOUT_MEMORY_MS = 24 * 60 * 60_000;

export interface LoginSubject {
  scope: LoginAttemptScope;
  subject: string;
}

/** The back-off for the n-th lock-out (0-based): 1, 2, 4, 8 ... minutes, at most an hour. */
export function lockoutDurationMs(previousLockouts: number): number {
  return Math.min(FIRST_LOCKOUT_MS * 2 ** previousLockouts, MAX_LOCKOUT_MS);
}

/** Failed logins per account and per client IP, kept in the database so every instance and restart sees them. */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** Milliseconds until every given subject may try again; 0 when none is locked. */
  async lockedForMs(subjects: LoginSubject[]): Promise<number> {
    const now = this.clock.now().getTime();
    const rows = await this.database.reader.getRepository(LoginAttempt).find({
      where: subjects.map(({ scope, subject }) => ({ scope, subject })),
    });
    return Math.max(0, ...rows.map((row) => (row.lockedUntil ? row.lockedUntil.getTime() - now : 0)));
  }

  /** Counts one failure against each subject; answers the lock-outs that this failure started. */
  async recordFailure(manager: EntityManager, subjects: LoginSubject[]): Promise<LoginSubject[]> {
    const now = this.clock.now();
    const started: LoginSubject[] = [];
    for (const key of subjects) {
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
      if (row.failures >= MAX_FAILURES) {
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

  async recordSuccess(manager: EntityManager, subjects: LoginSubject[]): Promise<void> {
    for (const scope of ['account', 'ip'] as const) {
      const keys = subjects.filter((s) => s.scope === scope).map((s) => s.subject);
      if (keys.length > 0) await manager.delete(LoginAttempt, { scope, subject: In(keys) });
    }
  }
}
