import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How much of an order line the kitchen printers have been sent (live quantity): what a new ticket compares the
 * order with, so a ticket carries only what is new, and a void prints only what the kitchen was told to make.
 */
@Entity('kitchen_ticketed_items')
export class KitchenTicketedItem {
  @PrimaryColumn({ length: 36 })
  itemId!: string;

  @Column({ type: 'varchar', length: 36 })
  orderId!: string;

  @Column({ type: 'integer' })
  quantity!: number;
}
