import { Module } from '@nestjs/common';
import { MenuModule } from '../menu/menu.module';
import { OrdersModule } from '../orders/orders.module';
import { CustomerPrivacy } from './customer-privacy.service';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';
import { LoyaltyController } from './loyalty.controller';
import { LoyaltyEarning } from './loyalty-earning';
import { LoyaltyLedger } from './loyalty-ledger';
import { LoyaltyService } from './loyalty.service';
import { OrderCustomerCopies } from './order-customer-copies';
import { OrderGuestsController } from './order-guests.controller';

/** Customers, their privacy, and loyalty. It listens to orders' events; orders know nothing of it. */
@Module({
  imports: [OrdersModule, MenuModule],
  controllers: [CustomersController, LoyaltyController, OrderGuestsController],
  providers: [
    CustomersService,
    CustomerPrivacy,
    OrderCustomerCopies,
    LoyaltyLedger,
    LoyaltyService,
    LoyaltyEarning,
  ],
})
export class GuestsModule {}
