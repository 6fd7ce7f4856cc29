import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../auth/api-keys/api-keys.module';
import { MenuModule } from '../menu/menu.module';
import { ChannelLinks } from './channel-links';
import { ChannelMappings } from './channel-mappings';
import { ChannelMenu } from './channel-menu.service';
import { ChannelsController } from './channels.controller';
import { ChannelsService } from './channels.service';

/** Sales channels: their settings and mappings, their menu, and the orders they post. */
@Module({
  imports: [ApiKeysModule, MenuModule],
  controllers: [ChannelsController],
  providers: [ChannelsService, ChannelMappings, ChannelMenu, ChannelLinks],
})
export class ChannelsModule {}
