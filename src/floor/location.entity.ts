import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/** A room or area of the restaurant: terrace, bar, main hall. */
@Entity('locations')
export class Location {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  @Column({ type: 'integer', default: 0 })
  sortOrder!: number;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
