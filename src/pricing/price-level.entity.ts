import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/** One variation's price on a level. */
export interface LevelPrice {
  variationId: string;
  price: number;
}

/**
 * Another price list: the terrace's, the takeaway one. It prices the variations it names for orders at a table of
 * an area that names it (`locations.price_level_id`), else for orders of its order types.
 */
@Entity('price_levels')
export class PriceLevel {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  /** `[{variationId, price}]`, each variation once; the variations it does not name keep their list price. */
  @Column({ type: 'simple-json' })
  prices!: LevelPrice[];

  /** The order types it prices when the table's area names no level; each order type on one level at most. */
  @Column({ type: 'simple-json' })
  orderTypes!: string[];

  /** The headquarters row it was made from (src/menu/hq-catalog); null: the site's own. */
  @Index('price_levels_hq_key', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  hqKey!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
