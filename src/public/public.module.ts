import { Module } from '@nestjs/common';
import { FloorModule } from '../floor/floor.module';
import { MenuModule } from '../menu/menu.module';
import { OrdersModule } from '../orders/orders.module';
import { PricingModule } from '../pricing/pricing.module';
import { TaxesModule } from '../taxes/taxes.module';
import { PublicTablesController } from './public-tables.controller';
import { PublicService } from './public.service';
import { QrBillNote } from './qr-bill-note';
import { QrMenuPageController } from './qr-menu-page.controller';
import { TableMenus } from './table-menus';

/** Guests: the QR menu page and the customer endpoints. */
@Module({
  imports: [FloorModule, MenuModule, OrdersModule, PricingModule, TaxesModule],
  controllers: [PublicTablesController, QrMenuPageController],
  providers: [PublicService, QrBillNote, TableMenus],
})
export class PublicModule {}
