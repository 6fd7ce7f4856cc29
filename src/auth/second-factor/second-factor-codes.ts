import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { SecretBox } from '../../common/crypto/secret-box';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { hashRecoveryCode, newRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes';
import { RecoveryCode } from './recovery-code.entity';
import type { SecondFactor } from './second-factor.entity';
import { matchingStep } from './totp';

/** The secrets of second factors: TOTP secrets sealed at rest, codes checked on the app's clock, recovery codes. */
@Injectable()
export class SecondFactorCodes {
  private readonly box: SecretBox;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.box = new SecretBox(config.encryptionKey);
  }

  /** Sealed under ENCRYPTION_KEY and bound to the user, so a sealed secret copied to another user's row fails. */
  seal(userId: string, secret: string): string {
    return this.box.seal(secret, sealContext(userId));
  }

  /**
   * Accepts a current code once: its time step must come after the last accepted one, so a code seen over a
   * shoulder or replayed within its window is refused. Records the step on the row, for the caller to save.
   */
  acceptTotp(factor: SecondFactor, code: string): boolean {
    const secret = this.box.open(factor.sealedSecret, sealContext(factor.userId));
    const step = matchingStep(secret, code, this.clock.now());
    if (step === null || (factor.lastUsedStep !== null && step <= factor.lastUsedStep)) return false;
    factor.lastUsedStep = step;
    return true;
  }

  /** Spends one unused recovery code of the user, if this is one. */
  async spendRecoveryCode(manager: EntityManager, userId: string, code: string): Promise<boolean> {
    const row = await manager.findOne(RecoveryCode, {
      where: { userId, codeHash: hashRecoveryCode(code), usedAt: IsNull() },
    });
    if (!row) return false;
    row.usedAt = this.clock.now();
    await manager.save(row);
    return true;
  }

  /** A new set of recovery codes in place of any earlier one; the codes are answered once and kept as hashes. */
  async issueRecoveryCodes(manager: EntityManager, userId: string): Promise<string[]> {
    await manager.delete(RecoveryCode, { userId });
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const createdAt = this.clock.now();
    await manager.insert(
      RecoveryCode,
      codes.map((code) => ({
        id: randomUUID(),
        userId,
        codeHash: hashRecoveryCode(code),
        createdAt,
        usedAt: null,
      })),
    );
    return codes;
  }
}

const sealContext = (userId: string) => `second-factor:${userId}`;
