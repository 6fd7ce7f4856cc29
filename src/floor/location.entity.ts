import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
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

  /** The price level its tables' orders are priced by, before any order type's level; null: none. */
  @Index('locations_price_level_id')
  @ForeignKey('PriceLevel', { name: 'locations_price_level_fk', onDelete: 'RESTRICT' })
  @Column({ type: 'varchar', length: 36, nullable: true })
  priceLevelId!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
