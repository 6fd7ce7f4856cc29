import { Module } from '@nestjs/common';
import { LoginThrottle } from '../../auth/login-throttle';
import { AppConfig } from '../../config/app-config';
import { GiftCardCodeHasher } from './gift-card-code';
import { GiftCardCodes } from './gift-card-codes';
import { GiftCardLedger } from './gift-card-ledger';
import { GiftCardMoneyRecords } from './gift-card-money-records';
import { GiftCardSaleMethods } from './gift-card-sale-methods';
import { GiftCardCodeGuard } from './gift-card-payment';
import { GiftCardsController } from './gift-cards.controller';
import { GiftCardsService } from './gift-cards.service';

/** Gift cards: issue, load, void, lookup and the ledger that payments redeem from and refund to. */
@Module({
  controllers: [GiftCardsController],
  providers: [
    GiftCardsService,
    GiftCardLedger,
    GiftCardCodes,
    GiftCardCodeGuard,
    GiftCardSaleMethods,
    GiftCardMoneyRecords,
    LoginThrottle,
    {
      provide: GiftCardCodeHasher,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new GiftCardCodeHasher(config.encryptionKey),
    },
  ],
  exports: [GiftCardsService, GiftCardLedger, GiftCardCodes, GiftCardCodeGuard, GiftCardSaleMethods],
})
export class GiftCardsModule {}
