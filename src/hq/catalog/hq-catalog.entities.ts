import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '../../common/money';
import { InstantColumn } from '../../database/columns';
import type {
  HqCatalogCategory,
  HqCatalogDish,
  HqCatalogModifierGroup,
  HqCatalogPriceLevel,
  HqCatalogRowProblem,
  HqCatalogSchedule,
  HqCatalogStation,
  HqCatalogTaxRate,
} from '../../menu/hq-catalog/hq-catalog-document';

/**
 * What the master catalog holds: a category, a station, a dish with its variations, a modifier group with its
 * options, a tax mapping (a named rate), a menu schedule or a price level.
 */
export type HqCatalogKind =
  'category' | 'station' | 'dish' | 'modifierGroup' | 'taxMapping' | 'schedule' | 'priceLevel';

/** An entry of the master catalog as the organisation has it, before any override. */
export type HqCatalogEntry =
  | HqCatalogCategory
  | HqCatalogStation
  | HqCatalogDish
  | HqCatalogModifierGroup
  | HqCatalogTaxRate
  | HqCatalogSchedule
  | HqCatalogPriceLevel;

/**
 * One entry of the organisation's master catalog, by kind and its stable hqKey: the key every site's copy of it
 * carries, whatever it is named or priced there. A dish keeps its variations (each with an hqKey of its own).
 */
@Entity('hq_catalog_items')
export class HqCatalogItem {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind!: HqCatalogKind;

  @PrimaryColumn({ length: 100 })
  hqKey!: string;

  /** The entry as the organisation has it (HqCatalogCategory, HqCatalogStation or HqCatalogDish). */
  @Column({ type: 'simple-json' })
  entry!: HqCatalogEntry;

  @InstantColumn()
  updatedAt!: Date;
}

/** What an override is of: the categories, dishes, variations, modifier groups, options, tax mappings, levels. */
export type HqOverrideKind =
  'category' | 'dish' | 'variation' | 'modifierGroup' | 'modifierOption' | 'taxMapping' | 'priceLevel';

/**
 * An organisation's value replaced for one site or one group (`scopeKey`: `site:<id>` or `group:<id>`); a field
 * left null is inherited. The site's own beats its groups' in order, which beat the organisation's.
 */
@Entity('hq_overrides')
@Index('hq_overrides_target_scope_unique', ['kind', 'hqKey', 'scopeKey'], { unique: true })
export class HqOverride {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: HqOverrideKind;

  @Column({ length: 100 })
  hqKey!: string;

  @Column({ length: 45 })
  scopeKey!: string;

  /** A variation's price, or a modifier option's price delta, there: minor units of the site's currency. */
  @MoneyColumn({ nullable: true })
  price!: number | null;

  /** false: a dish headquarters takes off sale there. */
  @Column({ type: 'boolean', nullable: true })
  available!: boolean | null;

  /** true: not on the menu there at all. */
  @Column({ type: 'boolean', nullable: true })
  absent!: boolean | null;

  /** A dish's station there. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  stationKey!: string | null;

  /** A dish's tax mapping there (its hqKey). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  taxRateKey!: string | null;

  /** A tax mapping's percent there, × 10,000 as tax rates keep it (6.25 % is 62,500). */
  @Column({ type: 'integer', nullable: true })
  partsPerMillion!: number | null;

  @InstantColumn()
  updatedAt!: Date;
}

/** The master catalog and its overrides as a publication froze them: what every site's effective catalog is made of. */
export interface CatalogSnapshot {
  items: Array<Pick<HqCatalogItem, 'kind' | 'hqKey' | 'entry'>>;
  overrides: Array<Omit<HqOverride, 'id' | 'updatedAt'>>;
}

/** A version of the catalog, published to every site: each pulls its effective catalog of it and applies it. */
@Entity('hq_publications')
export class HqPublication {
  @PrimaryColumn({ length: 36 })
  id!: string;

  /** 1, 2, 3…: a site applies the highest it has not applied yet. */
  @Index('hq_publications_version_unique', { unique: true })
  @Column({ type: 'integer' })
  version!: number;

  @Column({ length: 500 })
  note!: string;

  @Column({ type: 'simple-json' })
  snapshot!: CatalogSnapshot;

  @InstantColumn()
  createdAt!: Date;
}

/** Where a publication stands at one site: `pending` until the site reports it `applied`, or `failed` and why. */
export type PublicationState = 'pending' | 'applied' | 'failed';

@Entity('hq_publication_sites')
export class HqPublicationSite {
  @PrimaryColumn({ length: 36 })
  publicationId!: string;

  @PrimaryColumn({ length: 36 })
  siteId!: string;

  @Column({ type: 'varchar', length: 10 })
  state!: PublicationState;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** The rows the site set aside, each with why, when it applied the rest. */
  @Column({ type: 'simple-json', nullable: true })
  problems!: HqCatalogRowProblem[] | null;

  @InstantColumn()
  updatedAt!: Date;
}
