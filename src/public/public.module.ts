import { Module } from '@nestjs/common';
import { FloorModule } from '../floor/floor.module';
import { MenuModule } from '../menu/menu.module';
import { OrdersModule } from '../orders/orders.module';
import { PickupBoardsModule } from '../pickup-boards/pickup-boards.module';
import { PricingModule } from '../pricing/pricing.module';
import { TaxesModule } from '../taxes/taxes.module';
import { PublicPickupBoardsController } from './public-pickup-boards.controller';
import { PublicTablesController } from './public-tables.controller';
import { PublicService } from './public.service';
import { QrBillNote } from './qr-bill-note';
import { QrMenuPageController } from './qr-menu-page.controller';
import { TableMenus } from './table-menus';

/** Guests: the QR menu page and the customer endpoints, and the pickup boards they watch. */
@Module({
  imports: [FloorModule, MenuModule, OrdersModule, PickupBoardsModule, PricingModule, TaxesModule],
  controllers: [PublicTablesController, PublicPickupBoardsController, QrMenuPageController],
  providers: [PublicService, QrBillNote, TableMenus],
})
export class PublicModule {}
