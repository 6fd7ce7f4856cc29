import { ApiProperty } from '@nestjs/swagger';
import type { Channel, ChannelItem } from '../channel.entities';

export class ChannelItemView {
  @ApiProperty({ example: 'wolt-123' }) externalId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'null: an option mapping' })
  dishId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) variationId!: string | null;
  @ApiProperty({ type: [String] }) optionIds!: string[];

  static of(this: void, item: ChannelItem): ChannelItemView {
    return {
      externalId: item.externalId,
      dishId: item.dishId,
      variationId: item.variationId,
      optionIds: item.optionIds,
    };
  }
}

export class ChannelView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'wolt' }) code!: string;
  @ApiProperty({ example: 'Wolt' }) name!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'Busy mode: new orders answer 409 CHANNEL_PAUSED' }) paused!: boolean;
  @ApiProperty() autoAccept!: boolean;
  @ApiProperty({ example: 10 }) prepBufferMinutes!: number;
  @ApiProperty({ type: [ChannelItemView] }) items!: ChannelItemView[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static of(this: void, channel: Channel, items: ChannelItem[]): ChannelView {
    return {
      id: channel.id,
      code: channel.code,
      name: channel.name,
      active: channel.active,
      paused: channel.paused,
      autoAccept: channel.autoAccept,
      prepBufferMinutes: channel.prepBufferMinutes,
      items: [...items].sort((a, b) => a.position - b.position).map(ChannelItemView.of),
      createdAt: channel.createdAt.toISOString(),
      updatedAt: channel.updatedAt.toISOString(),
    };
  }
}

export class ChannelMenuView {
  @ApiProperty({ example: 'wolt' }) channel!: string;
  @ApiProperty({
    type: [ChannelItemView],
    description:
      'The item mappings whose dish, variation and preset options can be ordered now, in the channel’s order',
  })
  items!: ChannelItemView[];
  @ApiProperty({
    type: [ChannelItemView],
    description: 'The option mappings whose options can all be chosen now',
  })
  options!: ChannelItemView[];
}
