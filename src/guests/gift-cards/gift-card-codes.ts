import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-code';
import { Database } from '../../database/database.service';
import { LoginThrottle } from '../../auth/login-throttle';
import { GiftCardCodeHasher, giftCardDigits } from './gift-card-code';
import { GiftCard } from './gift-card.entities';

/**
 * Finds cards by their code. A code that matches no card counts against its caller exactly as a wrong PIN counts
 * against an account (LoginThrottle: 5 in 15 minutes lock the caller out for a back-off that grows), so codes
 * cannot be tried in bulk; a mistyped one is refused by its check digit before any lookup and counts for nothing.
 * Runs outside any transaction, so that a miss is counted even though the request then fails.
 */
@Injectable()
export class GiftCardCodes {
  constructor(
    private readonly database: Database,
    private readonly throttle: LoginThrottle,
    private readonly hasher: GiftCardCodeHasher,
  ) {}

  /** The card with this code; `miss` is the error when there is none. */
  async find(caller: Principal, field: string, typed: string, miss: () => DomainError): Promise<GiftCard> {
    const digits = giftCardDigits(field, typed);
    const subjects = [{ scope: 'giftcode' as const, subject: actorOf(caller) }];
    const lockedForMs = await this.throttle.lockedForMs(subjects);
    if (lockedForMs > 0) {
      throw new DomainError(
        ErrorCode.RateLimited,
        'Too many gift card codes that match no card: try again later',
        undefined,
        Math.ceil(lockedForMs / 1000),
      );
    }
    const card = await this.database.reader.findOne(GiftCard, {
      where: { codeHash: this.hasher.hash(digits) },
    });
    if (card) return card;
    await this.database.transaction((tx) => this.throttle.recordFailure(tx.manager, subjects));
    throw miss();
  }
}
