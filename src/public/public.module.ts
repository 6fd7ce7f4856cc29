import { Module } from '@nestjs/common';
import { FloorModule } from '../floor/floor.module';
import { MenuModule } from '../menu/menu.module';
import { OrdersModule } from '../orders/orders.module';
import { PublicTablesController } from './public-tables.controller';
import { PublicService } from './public.service';
import { QrMenuPageController } from './qr-menu-page.controller';

/** Guests: the QR menu page and the customer endpoints. */
@Module({
  imports: [FloorModule, MenuModule, OrdersModule],
  controllers: [PublicTablesController, QrMenuPageController],
  providers: [PublicService],
})
export class PublicModule {}
