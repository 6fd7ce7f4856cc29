import { Injectable, OnModuleInit } from '@nestjs/common';
import { MoneyRecords } from '../../restaurant/money-records';
import { GiftCard } from './gift-card.entities';

/** A gift card issued or sold holds a balance in the restaurant's currency: it fixes the currency and time zone. */
@Injectable()
export class GiftCardMoneyRecords implements OnModuleInit {
  constructor(private readonly records: MoneyRecords) {}

  onModuleInit(): void {
    this.records.register((manager) => manager.exists(GiftCard));
  }
}
