import { Module } from '@nestjs/common';
import { BusinessDaysModule } from '../../business-days/business-days.module';
import { GiftCardsModule } from '../../guests/gift-cards/gift-cards.module';
import { OrdersModule } from '../../orders/orders.module';
import { PaymentsModule } from '../../payments/payments.module';
import { ReceiptsModule } from '../../receipts/receipts.module';
import { ShiftsModule } from '../../shifts/shifts.module';
import { UsersModule } from '../../users/users.module';
import { DsfinvkController } from './dsfinvk.controller';
import { DsfinvkService } from './dsfinvk.service';

/**
 * The DSFinV-K export: receipts (through the receipts module), the closed days (through the business days module),
 * orders, cash shifts, gift cards sold, payment methods and staff names through theirs, and the signing unit's transactions (the fiscal tables, read
 * directly: the same domain).
 */
@Module({
  imports: [
    ReceiptsModule,
    BusinessDaysModule,
    OrdersModule,
    ShiftsModule,
    UsersModule,
    GiftCardsModule,
    PaymentsModule,
  ],
  controllers: [DsfinvkController],
  providers: [DsfinvkService],
})
export class DsfinvkModule {}
