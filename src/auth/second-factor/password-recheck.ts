import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SecurityEventType } from '../../audit/security-event-type';
import { SecurityEventsService } from '../../audit/security-events.service';
import type { StaffPrincipal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-code';
import { Database } from '../../database/database.service';
import { CredentialHasher } from '../../users/credential-hasher';
import { User } from '../../users/user.entity';
import { LoginSubject, LoginThrottle } from '../login-throttle';

export const WRONG_PASSWORD = 'is not the password of this account';

/**
 * Proof, inside a session, that the person at the keyboard is the account's owner and not merely the holder of its
 * access token: before a second factor is enrolled or turned off. A wrong proof counts towards the lock-out as a
 * failed login would, so that a stolen access token is no way to test passwords.
 */
@Injectable()
export class PasswordRecheck {
  constructor(
    private readonly database: Database,
    private readonly hasher: CredentialHasher,
    private readonly throttle: LoginThrottle,
    private readonly securityEvents: SecurityEventsService,
  ) {}

  /** The account and, when known, the client address: what a wrong proof counts against. */
  subjectsOf(principal: StaffPrincipal, ip: string | null): LoginSubject[] {
    const subjects: LoginSubject[] = [{ scope: 'account', subject: `user:${principal.userId}` }];
    if (ip) subjects.push({ scope: 'ip', subject: ip });
    return subjects;
  }

  async refuseWhileLocked(subjects: LoginSubject[]): Promise<void> {
    const lockedForMs = await this.throttle.lockedForMs(subjects);
    if (lockedForMs > 0) {
      throw new DomainError(
        ErrorCode.LockedOut,
        'Too many failed attempts: try again later',
        undefined,
        lockedForMs / 1000,
      );
    }
  }

  async isPassword(userId: string, password: string): Promise<boolean> {
    const user = await this.database.reader.findOneOrFail(User, { where: { id: userId } });
    return this.hasher.verifyPassword(password, user.passwordHash);
  }

  /** Counts a wrong proof and records it as `type`, with any lock-out it caused. */
  async recordRefusal(
    manager: EntityManager,
    principal: StaffPrincipal,
    ip: string | null,
    type: SecurityEventType,
    method: 'password' | 'code',
  ): Promise<void> {
    const event = { userId: principal.userId, subject: principal.username, ip };
    const lockouts = await this.throttle.recordFailure(manager, this.subjectsOf(principal, ip));
    await this.securityEvents.record(manager, { ...event, type, details: { method } });
    for (const lockout of lockouts) {
      await this.securityEvents.record(manager, {
        ...event,
        type: SecurityEventType.LockedOut,
        details: { method, scope: lockout.scope },
      });
    }
  }

  /** Goes on only with the account's password; a wrong one is recorded as `refusedAs` and answers 422. */
  async confirm(
    principal: StaffPrincipal,
    password: string,
    ip: string | null,
    refusedAs: SecurityEventType,
  ): Promise<void> {
    await this.refuseWhileLocked(this.subjectsOf(principal, ip));
    if (await this.isPassword(principal.userId, password)) return;
    await this.database.transaction(({ manager }) =>
      this.recordRefusal(manager, principal, ip, refusedAs, 'password'),
    );
    throw DomainError.invalidField('password', WRONG_PASSWORD);
  }
}
