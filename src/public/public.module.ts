import { Module } from '@nestjs/common';
import { FloorModule } from '../floor/floor.module';
import { MenuModule } from '../menu/menu.module';
import { OrdersModule } from '../orders/orders.module';
import { TaxesModule } from '../taxes/taxes.module';
import { PublicTablesController } from './public-tables.controller';
import { PublicService } from './public.service';
import { QrBillNote } from './qr-bill-note';
import { QrMenuPageController } from './qr-menu-page.controller';

/** Guests: the QR menu page and the customer endpoints. */
@Module({
  imports: [FloorModule, MenuModule, OrdersModule, TaxesModule],
  controllers: [PublicTablesController, QrMenuPageController],
  providers: [PublicService, QrBillNote],
})
export class PublicModule {}
