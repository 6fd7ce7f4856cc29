import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { IsNull, LessThanOrEqual, Not } from 'typeorm';
import { SecurityEventType } from '../../audit/security-event-type';
import { SecurityEventsService } from '../../audit/security-events.service';
import { sha256Hex } from '../../common/crypto/sha256';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-code';
import { Clock } from '../../common/time/clock';
import { Database } from '../../database/database.service';
import { sameHash } from '../api-keys/api-key-secret';
import type { User } from '../../users/user.entity';
import type { SecondFactorProof } from './dto/second-factor.inputs';
import { LoginChallengeView } from './dto/second-factor.views';
import { LoginChallenge } from './login-challenge.entity';
import { SecondFactorCodes } from './second-factor-codes';
import { SecondFactor } from './second-factor.entity';

/** Long enough to open the app and type a code, short enough that a stolen challenge is soon worthless. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

/** The second step of a password login: the challenge a right password earns, and the code that completes it. */
@Injectable()
export class SecondFactorLogin {
  constructor(
    private readonly database: Database,
    private readonly codes: SecondFactorCodes,
    private readonly securityEvents: SecurityEventsService,
    private readonly clock: Clock,
  ) {}

  async isEnabled(userId: string): Promise<boolean> {
    return this.database.reader
      .getRepository(SecondFactor)
      .exists({ where: { userId, enabledAt: Not(IsNull()) } });
  }

  /** A challenge for a user whose password was right, or null when the account has no second factor. */
  async challengeFor(
    user: User,
    client: { ip: string | null; userAgent: string | null },
  ): Promise<LoginChallengeView | null> {
    if (!(await this.isEnabled(user.id))) return null;
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.database.transaction(async ({ manager }) => {
      // The user's spent and expired challenges go as a new one comes, so the table never grows.
      await manager.delete(LoginChallenge, [
        { userId: user.id, expiresAt: LessThanOrEqual(now) },
        { userId: user.id, usedAt: Not(IsNull()) },
      ]);
      await manager.insert(LoginChallenge, {
        id,
        userId: user.id,
        secretHash: sha256Hex(secret),
        createdAt: now,
        expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
        usedAt: null,
      });
      await this.securityEvents.record(manager, {
        type: SecurityEventType.SecondFactorRequired,
        userId: user.id,
        subject: user.username,
        ip: client.ip,
        userAgent: client.userAgent,
        details: { method: 'password' },
      });
    });
    return { mfaRequired: true, mfaToken: `${id}.${secret}`, expiresIn: CHALLENGE_TTL_MS / 1000 };
  }

  /** The open challenge that `mfaToken` names; 401 when it is unknown, spent or expired. */
  async openChallenge(mfaToken: string): Promise<LoginChallenge> {
    const [id, secret] = mfaToken.split('.');
    const challenge =
      id && secret
        ? await this.database.reader.getRepository(LoginChallenge).findOne({ where: { id } })
        : null;
    if (!challenge || !sameHash(sha256Hex(secret), challenge.secretHash) || !this.isOpen(challenge)) {
      throw new DomainError(
        ErrorCode.Unauthorized,
        'Invalid, used or expired login challenge: log in with the password again',
      );
    }
    return challenge;
  }

  /**
   * Checks the second factor of the challenge's user and, when it is right, spends the code (or recovery code)
   * and the challenge together. The user's factor row is locked first, so two requests with one code cannot
   * both pass.
   */
  async complete(challenge: LoginChallenge, proof: SecondFactorProof): Promise<boolean> {
    return this.database.transaction(async ({ manager }) => {
      const factor = await manager.findOne(SecondFactor, {
        where: { userId: challenge.userId },
        ...this.database.forUpdate,
      });
      const current = await manager.findOne(LoginChallenge, { where: { id: challenge.id } });
      if (!factor?.enabledAt || !current || !this.isOpen(current)) return false;
      if (proof.method === 'totp') {
        if (!this.codes.acceptTotp(factor, proof.code)) return false;
        factor.updatedAt = this.clock.now();
        await manager.save(factor);
      } else if (!(await this.codes.spendRecoveryCode(manager, factor.userId, proof.recoveryCode))) {
        return false;
      }
      current.usedAt = this.clock.now();
      await manager.save(current);
      return true;
    });
  }

  private isOpen(challenge: LoginChallenge): boolean {
    return challenge.usedAt === null && challenge.expiresAt.getTime() > this.clock.now().getTime();
  }
}
