import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';
import type { EntityTarget } from '../database/entity-target';

/** A sales channel: an aggregator or our own shop, that posts takeaway and delivery orders by its own ids. */
@Entity('channels')
@Index('channels_code_unique', ['code'], { unique: true })
export class Channel {
  @PrimaryColumn({ length: 36 })
  id!: string;

  /** How URLs, keys and orders name it (`/channels/{code}/orders`); never changes. */
  @Column({ length: 40 })
  code!: string;

  @Column({ length: 100 })
  name!: string;

  /** false: the channel is switched off; its routes answer 409. */
  @Column({ default: true })
  active!: boolean;

  /** Busy mode: new orders answer 409 CHANNEL_PAUSED. */
  @Column({ default: false })
  paused!: boolean;

  /** true: its orders go straight to the kitchen, fulfilment `accepted`; false: they wait `pending`. */
  @Column({ default: false })
  autoAccept!: boolean;

  /** Minutes added to the kitchen's quote (packing, the courier's arrival). */
  @Column({ type: 'integer', default: 0 })
  prepBufferMinutes!: number;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/**
 * One of the channel's external ids. With a dish it is an item the channel sells (that dish, variation and preset
 * options); without one it is an option an item of the channel's orders may name (`options: [externalId]`).
 */
@Entity('channel_items')
@Index('channel_items_channel_external_unique', ['channelId', 'externalId'], { unique: true })
@Index('channel_items_dish_id', ['dishId'])
export class ChannelItem {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @ForeignKey(() => Channel, { name: 'channel_items_channel_fk', onDelete: 'CASCADE' })
  @Column({ length: 36 })
  channelId!: string;

  /** Its place in the channel's list. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ length: 100 })
  externalId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  dishId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  variationId!: string | null;

  @Column({ type: 'simple-json', default: '[]' })
  optionIds!: string[];
}

export const CHANNEL_ENTITIES: EntityTarget[] = [Channel, ChannelItem];
