import { Module } from '@nestjs/common';
import { MenuModule } from '../menu/menu.module';
import { OrdersModule } from '../orders/orders.module';
import { KitchenDevicesController } from './kitchen-devices.controller';
import { KitchenDevicesService } from './kitchen-devices.service';
import { KitchenTicketsController } from './kitchen-tickets.controller';

/** Everything under /kitchen: the screens' tickets (read from orders) and the devices the screens pair as. */
@Module({
  imports: [MenuModule, OrdersModule],
  controllers: [KitchenTicketsController, KitchenDevicesController],
  providers: [KitchenDevicesService],
  exports: [KitchenDevicesService],
})
export class KitchenModule {}
