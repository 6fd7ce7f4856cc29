import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../auth/api-keys/api-keys.module';
import { MenuModule } from '../menu/menu.module';
import { OrdersModule } from '../orders/orders.module';
import { PaymentsModule } from '../payments/payments.module';
import { ChannelLinks } from './channel-links';
import { ChannelMappings } from './channel-mappings';
import { ChannelMenu } from './channel-menu.service';
import { ChannelOrdersController } from './channel-orders.controller';
import { ChannelOrders } from './channel-orders.service';
import { ChannelsController } from './channels.controller';
import { ChannelsService } from './channels.service';

/** Sales channels: their settings and mappings, their menu, and the orders they post. */
@Module({
  imports: [ApiKeysModule, MenuModule, OrdersModule, PaymentsModule],
  controllers: [ChannelsController, ChannelOrdersController],
  providers: [ChannelsService, ChannelMappings, ChannelMenu, ChannelLinks, ChannelOrders],
})
export class ChannelsModule {}
