import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { PaymentMethodsController, PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';

@Module({
  imports: [OrdersModule],
  controllers: [PaymentMethodsController, PaymentsController],
  providers: [PaymentsService],
})
export class PaymentsModule {}
