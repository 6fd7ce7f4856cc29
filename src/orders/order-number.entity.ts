import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last ticket number of each business day; its row lock makes numbers unique under concurrent orders. */
@Entity('order_numbers')
export class OrderNumber {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  businessDay!: string;

  @Column({ type: 'integer', default: 0 })
  lastNumber!: number;
}
