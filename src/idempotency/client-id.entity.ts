import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/**
 * A client-chosen id that a write created a row under (an order, an item, a payment), kept for good: an id names
 * one row, so its reuse on another route, on another order or after its stored reply expired is a 409, whichever
 * table the first row went to (the tables' own primary keys only see their own rows).
 */
@Entity('client_ids')
export class ClientId {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The request that used it first: `POST /api/v1/orders/<id>/items`, for the 409's message. */
  @Column({ type: 'varchar', length: 300 })
  usedBy!: string;

  @InstantColumn()
  createdAt!: Date;
}
