import { Injectable, OnModuleInit } from '@nestjs/common';
import { GiftCardSaleMethods } from '../guests/gift-cards/gift-card-sale-methods';
import { PaymentMethod } from './payment.entities';

/** Answers gift cards, which sit below payments, which active payment method paid for a card. */
@Injectable()
export class GiftCardSalePaymentMethods implements OnModuleInit {
  constructor(private readonly saleMethods: GiftCardSaleMethods) {}

  onModuleInit(): void {
    this.saleMethods.use((tx, id) =>
      tx.manager.findOne(PaymentMethod, { select: { id: true, kind: true }, where: { id, active: true } }),
    );
  }
}
