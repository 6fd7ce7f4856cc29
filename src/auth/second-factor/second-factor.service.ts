import { Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { EntityManager } from 'typeorm';
import { AuditLog } from '../../audit/audit-log.service';
import { SecurityEventType } from '../../audit/security-event.entity';
import { SecurityEventsService } from '../../audit/security-events.service';
import type { StaffPrincipal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-code';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { Database, Tx } from '../../database/database.service';
import { NOBODY } from '../../event-log/audience';
import { EventLog } from '../../event-log/event-log.service';
import { EventType } from '../../event-log/event-type';
import { CredentialHasher } from '../../users/credential-hasher';
import { User } from '../../users/user.entity';
import { LoginSubject, LoginThrottle } from '../login-throttle';
import { DisableSecondFactorInput, exactlyOne } from './dto/second-factor.inputs';
import { RecoveryCodesView, SecondFactorSetupView } from './dto/second-factor.views';
import { LoginChallenge } from './login-challenge.entity';
import { RecoveryCode } from './recovery-code.entity';
import { SecondFactorCodes } from './second-factor-codes';
import { SecondFactor } from './second-factor.entity';
import { newTotpSecret, otpauthUrl } from './totp';

/** Why every session of a user whose second factor an admin removed was revoked (auth_sessions.revoked_reason). */
export const SECOND_FACTOR_RESET = 'second_factor_reset';

const WRONG_CODE = 'is not a current code of the authenticator app';

/** What the audit log keeps of a second factor: its state, never its secret. */
const stateOf = (factor: SecondFactor | null) => ({
  secondFactor: !factor ? 'none' : factor.enabledAt ? 'enabled' : 'pending',
});

/** Enrolment in TOTP, turning it off, and an admin's reset of another user's second factor. */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly database: Database,
    private readonly codes: SecondFactorCodes,
    private readonly hasher: CredentialHasher,
    private readonly throttle: LoginThrottle,
    private readonly auditLog: AuditLog,
    private readonly securityEvents: SecurityEventsService,
    private readonly eventLog: EventLog,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A new secret, pending until a code of it confirms; it replaces a pending one, never an enabled one. */
  async setup(principal: StaffPrincipal): Promise<SecondFactorSetupView> {
    const secret = newTotpSecret();
    const sealedSecret = this.codes.seal(principal.userId, secret);
    const now = this.clock.now();
    await this.database.transaction(async ({ manager }) => {
      const factor = await this.database.lockedRow(
        manager,
        SecondFactor,
        { userId: principal.userId },
        { userId: principal.userId, sealedSecret, createdAt: now, updatedAt: now },
      );
      if (factor.enabledAt) {
        throw new DomainError(
          ErrorCode.Conflict,
          'Two-factor authentication is on already: turn it off first',
        );
      }
      Object.assign(factor, { sealedSecret, lastUsedStep: null, updatedAt: now });
      await manager.save(factor);
    });
    const url = otpauthUrl(secret, this.config.restaurantName, principal.username);
    const qrCode = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 256 });
    return { secret, otpauthUrl: url, qrCode };
  }

  /** Confirms a pending setup with a current code; answers the recovery codes, this one time. */
  async enable(principal: StaffPrincipal, code: string, ip: string | null): Promise<RecoveryCodesView> {
    return this.database.transaction(async (tx) => {
      const factor = await this.lockedFactor(tx.manager, principal.userId);
      if (!factor) {
        throw new DomainError(ErrorCode.Conflict, 'No setup to confirm: POST /auth/2fa/setup first');
      }
      if (factor.enabledAt)
        throw new DomainError(ErrorCode.Conflict, 'Two-factor authentication is on already');
      if (!this.codes.acceptTotp(factor, code)) throw DomainError.invalidField('code', WRONG_CODE);
      const before = stateOf(factor);
      factor.enabledAt = this.clock.now();
      factor.updatedAt = factor.enabledAt;
      await tx.manager.save(factor);
      const recoveryCodes = await this.codes.issueRecoveryCodes(tx.manager, principal.userId);
      await this.recordChange(tx, principal, principal.userId, 'user.second_factor_enabled', before, factor);
      await this.securityEvents.record(tx.manager, {
        type: SecurityEventType.SecondFactorEnabled,
        userId: principal.userId,
        subject: principal.username,
        ip,
      });
      return { recoveryCodes };
    });
  }

  /**
   * Turns one's own second factor off, proven with a current code or the password. A wrong one counts towards
   * the lock-out as a failed login would: a stolen access token must not become a way to test passwords.
   */
  async disable(
    principal: StaffPrincipal,
    input: DisableSecondFactorInput,
    ip: string | null,
  ): Promise<void> {
    const method = exactlyOne({ code: input.code, password: input.password });
    const subjects: LoginSubject[] = [{ scope: 'account', subject: `user:${principal.userId}` }];
    if (ip) subjects.push({ scope: 'ip', subject: ip });
    const lockedForMs = await this.throttle.lockedForMs(subjects);
    if (lockedForMs > 0) {
      throw new DomainError(
        ErrorCode.LockedOut,
        'Too many failed attempts: try again later',
        undefined,
        lockedForMs / 1000,
      );
    }
    const passwordRight = method === 'password' && (await this.isPassword(principal.userId, input.password!));
    const event = { userId: principal.userId, subject: principal.username, ip };
    const disabled = await this.database.transaction(async (tx) => {
      const factor = await this.lockedFactor(tx.manager, principal.userId);
      if (!factor?.enabledAt)
        throw new DomainError(ErrorCode.Conflict, 'Two-factor authentication is not on');
      const proven = method === 'password' ? passwordRight : this.codes.acceptTotp(factor, input.code!);
      if (!proven) {
        const lockouts = await this.throttle.recordFailure(tx.manager, subjects);
        await this.securityEvents.record(tx.manager, {
          ...event,
          type: SecurityEventType.SecondFactorDisableRefused,
          details: { method },
        });
        for (const lockout of lockouts) {
          await this.securityEvents.record(tx.manager, {
            ...event,
            type: SecurityEventType.LockedOut,
            details: { method, scope: lockout.scope },
          });
        }
        return false;
      }
      await this.remove(tx.manager, principal.userId);
      await this.recordChange(
        tx,
        principal,
        principal.userId,
        'user.second_factor_disabled',
        stateOf(factor),
        null,
      );
      await this.securityEvents.record(tx.manager, {
        ...event,
        type: SecurityEventType.SecondFactorDisabled,
      });
      return true;
    });
    if (!disabled) {
      throw DomainError.invalidField(
        method,
        method === 'password' ? 'is not the password of this account' : WRONG_CODE,
      );
    }
  }

  /**
   * An admin removes a user's second factor (a lost phone), and every session of that user ends with it: whoever
   * holds a session may be the one who has the phone, and the account now rests on its password alone.
   */
  async reset(actor: StaffPrincipal, userId: string, ip: string | null): Promise<void> {
    await this.database.transaction(async (tx) => {
      const user = await tx.manager.findOne(User, { where: { id: userId } });
      if (!user) throw DomainError.notFound('User');
      const factor = await this.lockedFactor(tx.manager, userId);
      if (!factor) throw DomainError.notFound('Second factor');
      await this.remove(tx.manager, userId);
      await this.recordChange(tx, actor, userId, 'user.second_factor_reset', stateOf(factor), null);
      await this.securityEvents.record(tx.manager, {
        type: SecurityEventType.SecondFactorReset,
        userId,
        subject: user.username,
        ip,
        details: { by: actor.userId },
      });
      // The auth service revokes every session of the user in this transaction as the event is appended.
      this.eventLog.append(tx, {
        type: EventType.StaffAccessChanged,
        data: { userId, reason: SECOND_FACTOR_RESET },
        audience: NOBODY,
      });
    });
  }

  private async isPassword(userId: string, password: string): Promise<boolean> {
    const user = await this.database.reader.findOneOrFail(User, { where: { id: userId } });
    return this.hasher.verifyPassword(password, user.passwordHash);
  }

  private lockedFactor(manager: EntityManager, userId: string): Promise<SecondFactor | null> {
    return manager.findOne(SecondFactor, { where: { userId }, ...this.database.forUpdate });
  }

  private async remove(manager: EntityManager, userId: string): Promise<void> {
    await manager.delete(LoginChallenge, { userId });
    await manager.delete(RecoveryCode, { userId });
    await manager.delete(SecondFactor, { userId });
  }

  private recordChange(
    tx: Tx,
    actor: StaffPrincipal,
    userId: string,
    action: string,
    before: ReturnType<typeof stateOf>,
    after: SecondFactor | null,
  ): Promise<void> {
    return this.auditLog.record(tx, actor, {
      action,
      entityType: 'user',
      entityId: userId,
      before,
      after: stateOf(after),
    });
  }
}
