import { Module } from '@nestjs/common';
import { GiftCardsModule } from '../guests/gift-cards/gift-cards.module';
import { OrdersModule } from '../orders/orders.module';
import { GiftCardSalePaymentMethods } from './gift-card-sale-payment-methods';
import { TaxesModule } from '../taxes/taxes.module';
import { PaymentMethodsController, PaymentsController } from './payments.controller';
import { PaymentRefunds } from './payment-refunds';
import { PaymentMoneyRecords } from './payment-money-records';
import { RefundRequests } from './refund-requests';
import { PaymentsService } from './payments.service';

@Module({
  imports: [OrdersModule, GiftCardsModule, TaxesModule],
  controllers: [PaymentMethodsController, PaymentsController],
  providers: [
    PaymentsService,
    PaymentRefunds,
    RefundRequests,
    GiftCardSalePaymentMethods,
    PaymentMoneyRecords,
  ],
  exports: [PaymentsService],
})
export class PaymentsModule {}
