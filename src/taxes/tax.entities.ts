import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';
import { ppmToPercent } from '../money';
import { TaxLedgerEntry } from './tax-ledger.entity';

/** A tax rate ("VAT 19 %"). Default rates apply to a category that names none of its own. */
@Entity('tax_rates')
export class TaxRate {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  /** The percent × 10,000, kept as an integer so that 6.25 % stays exactly 6.25 %. */
  @Column({ type: 'integer' })
  partsPerMillion!: number;

  @Column({ default: false })
  isDefault!: boolean;

  /** An inactive rate stays on the items that carry it, but no dish, category or new line may take it. */
  @Column({ default: true })
  active!: boolean;

  /** The tax mapping of headquarters' catalog it was made from (src/menu/hq-catalog); null: the site's own. */
  @Index('tax_rates_hq_key', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  hqKey!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/** A fiscal position: on orders of these types, a line's `from` rate becomes `to` (null: the line is exempt). */
@Entity('tax_mappings')
export class TaxMapping {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  @Column({ type: 'simple-json' })
  orderTypes!: string[];

  @Index('tax_mappings_from_tax_rate_id')
  @ForeignKey(() => TaxRate, { name: 'tax_mappings_from_tax_rate_fk', onDelete: 'RESTRICT' })
  @Column({ length: 36 })
  fromTaxRateId!: string;

  @Index('tax_mappings_to_tax_rate_id')
  @ForeignKey(() => TaxRate, { name: 'tax_mappings_to_tax_rate_fk', onDelete: 'RESTRICT' })
  @Column({ type: 'varchar', length: 36, nullable: true })
  toTaxRateId!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

export const TAX_ENTITIES = [TaxRate, TaxMapping, TaxLedgerEntry];

/** The rate's percent as clients see it (19, 6.25). */
export function percentOf(rate: Pick<TaxRate, 'partsPerMillion'>): number {
  return ppmToPercent(rate.partsPerMillion);
}
