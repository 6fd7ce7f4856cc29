import { Module } from '@nestjs/common';
import { FloorModule } from '../floor/floor.module';
import { MenuModule } from '../menu/menu.module';
import { KitchenController } from './kitchen.controller';
import { KitchenService } from './kitchen.service';
import { OrderStatsService } from './order-stats.service';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({
  imports: [FloorModule, MenuModule],
  controllers: [OrdersController, KitchenController],
  providers: [OrdersService, OrderStatsService, KitchenService],
  exports: [OrdersService],
})
export class OrdersModule {}
