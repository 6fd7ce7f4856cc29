import { Module } from '@nestjs/common';
import { GiftCardsModule } from '../guests/gift-cards/gift-cards.module';
import { OrdersModule } from '../orders/orders.module';
import { TaxesModule } from '../taxes/taxes.module';
import { PaymentMethodsController, PaymentsController } from './payments.controller';
import { PaymentRefunds } from './payment-refunds';
import { PaymentsService } from './payments.service';

@Module({
  imports: [OrdersModule, GiftCardsModule, TaxesModule],
  controllers: [PaymentMethodsController, PaymentsController],
  providers: [PaymentsService, PaymentRefunds],
  exports: [PaymentsService],
})
export class PaymentsModule {}
