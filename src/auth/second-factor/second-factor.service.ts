import type { AuditAction } from '../../audit/audit-actions';
import { Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { EntityManager } from 'typeorm';
import { AuditLog } from '../../audit/audit-log.service';
import { SecurityEventType } from '../../audit/security-event-type';
import { SecurityEventsService } from '../../audit/security-events.service';
import type { StaffPrincipal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-code';
import { Clock } from '../../common/time/clock';
import { Database, Tx } from '../../database/database.service';
import { EventLog } from '../../event-log/event-log.service';
import { AccessChangeReason, changeStaffAccess } from '../../event-log/staff-access-change';
import { User } from '../../users/user.entity';
import { DisableSecondFactorInput, EnableSecondFactorInput, exactlyOne } from './dto/second-factor.inputs';
import { RecoveryCodesView, SecondFactorSetupView } from './dto/second-factor.views';
import { LoginChallenge } from './login-challenge.entity';
import { PasswordRecheck, WRONG_PASSWORD } from './password-recheck';
import { RecoveryCode } from './recovery-code.entity';
import { SecondFactorCodes } from './second-factor-codes';
import { SecondFactor } from './second-factor.entity';
import { newTotpSecret, otpauthUrl } from './totp';
import { RestaurantProfile } from '../../restaurant/restaurant-profile';

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
    private readonly recheck: PasswordRecheck,
    private readonly auditLog: AuditLog,
    private readonly securityEvents: SecurityEventsService,
    private readonly eventLog: EventLog,
    private readonly restaurant: RestaurantProfile,
    private readonly clock: Clock,
  ) {}

  /**
   * A new secret, pending until a code of it confirms; it replaces a pending one, never an enabled one. Only with
   * the password: the holder of a stolen access token must not enrol an authenticator of their own.
   */
  async setup(
    principal: StaffPrincipal,
    password: string,
    ip: string | null,
  ): Promise<SecondFactorSetupView> {
    await this.recheck.confirm(principal, password, ip, SecurityEventType.SecondFactorSetupRefused);
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
    const url = otpauthUrl(secret, this.restaurant.name, principal.username);
    const qrCode = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 256 });
    return { secret, otpauthUrl: url, qrCode };
  }

  /**
   * Confirms a pending setup with the password and a current code; answers the recovery codes, this one time.
   * Every other session of the user ends: whoever holds one may not be the owner who just enrolled.
   */
  async enable(
    principal: StaffPrincipal,
    { code, password }: EnableSecondFactorInput,
    ip: string | null,
  ): Promise<RecoveryCodesView> {
    await this.recheck.confirm(principal, password, ip, SecurityEventType.SecondFactorSetupRefused);
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
        details: { sessionId: principal.sessionId },
      });
      changeStaffAccess(this.eventLog, tx, {
        userId: principal.userId,
        reason: AccessChangeReason.SecondFactorEnabled,
        exceptSessionId: principal.sessionId,
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
    await this.recheck.refuseWhileLocked(this.recheck.subjectsOf(principal, ip));
    const passwordRight =
      method === 'password' && (await this.recheck.isPassword(principal.userId, input.password!));
    const disabled = await this.database.transaction(async (tx) => {
      const factor = await this.lockedFactor(tx.manager, principal.userId);
      if (!factor?.enabledAt)
        throw new DomainError(ErrorCode.Conflict, 'Two-factor authentication is not on');
      const proven = method === 'password' ? passwordRight : this.codes.acceptTotp(factor, input.code!);
      if (!proven) {
        const refused = SecurityEventType.SecondFactorDisableRefused;
        await this.recheck.recordRefusal(tx.manager, principal, ip, refused, method);
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
        type: SecurityEventType.SecondFactorDisabled,
        userId: principal.userId,
        subject: principal.username,
        ip,
      });
      return true;
    });
    if (!disabled) {
      throw DomainError.invalidField(method, method === 'password' ? WRONG_PASSWORD : WRONG_CODE);
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
      // Session revocation ends every session of the user in this transaction as the event is appended.
      changeStaffAccess(this.eventLog, tx, { userId, reason: AccessChangeReason.SecondFactorReset });
    });
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
    action: AuditAction,
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
