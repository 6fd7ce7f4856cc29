import { Module } from '@nestjs/common';
import { FloorModule } from '../floor/floor.module';
import { InventoryModule } from '../inventory/inventory.module';
import { MenuModule } from '../menu/menu.module';
import { PricingModule } from '../pricing/pricing.module';
import { TaxesModule } from '../taxes/taxes.module';
import { BusinessCalendar } from './business-calendar';
import { ChecksController } from './checks.controller';
import { ChecksService } from './checks.service';
import { KitchenService } from './kitchen.service';
import { FulfilmentService } from './fulfilment.service';
import { KitchenQuoteService } from './kitchen-quote.service';
import { OrderStatsService } from './order-stats.service';
import { OrdersController } from './orders.controller';
import { OrderChanges } from './order-changes';
import { OrderCreation } from './order-creation.service';
import { OrderEdits } from './order-edits.service';
import { OrderLines } from './order-lines';
import { OrderNumbering } from './order-numbering';
import { OrderTotals } from './order-totals';
import { OrderCustomerCopy } from './order-customer-copy';
import { OrdersService } from './orders.service';
import { PickupBoardOrders } from './pickup-board-orders';
import { TableFollowing } from './table-following';
import { UsersModule } from '../users/users.module';
import { WaiterReferences } from './waiter-references';
import { OrderTaxReferences } from './order-tax-references';
import { RejectionRefunds } from './rejection-refunds';
import { OrderStock } from './order-stock';

@Module({
  imports: [FloorModule, MenuModule, InventoryModule, PricingModule, TaxesModule, UsersModule],
  controllers: [OrdersController, ChecksController],
  providers: [
    OrdersService,
    OrderCustomerCopy,
    ChecksService,
    OrderCreation,
    OrderEdits,
    OrderChanges,
    OrderLines,
    OrderStock,
    OrderNumbering,
    OrderTotals,
    TableFollowing,
    OrderStatsService,
    KitchenService,
    FulfilmentService,
    KitchenQuoteService,
    WaiterReferences,
    OrderTaxReferences,
    BusinessCalendar,
    RejectionRefunds,
    PickupBoardOrders,
  ],
  exports: [
    KitchenService,
    KitchenQuoteService,
    OrderCustomerCopy,
    OrderCreation,
    OrderChanges,
    OrderLines,
    OrderStock,
    OrderTotals,
    OrdersService,
    BusinessCalendar,
    RejectionRefunds,
    PickupBoardOrders,
  ],
})
export class OrdersModule {}
