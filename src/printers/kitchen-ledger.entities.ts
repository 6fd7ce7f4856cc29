import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../event-log/event-record.entity';

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

/** The last event kitchen tickets were derived from: moved in the transaction that makes them. */
@Entity('print_ticket_cursor')
export class PrintTicketCursor {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  lastSeq!: number;
}
