import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  HqCatalogCategory,
  HqCatalogDish,
  HqCatalogDocument,
  HqCatalogStation,
  HqCatalogVariation,
} from '../../../menu/hq-catalog/hq-catalog-document';
import type { EffectiveCatalog, OverriddenField } from '../effective-catalog';
import type { HqOverride, HqOverrideKind } from '../hq-catalog.entities';
import type { OverrideScope } from '../override-precedence';
import { OVERRIDE_KINDS } from './hq-catalog.inputs';

export class HqCategoryView implements HqCatalogCategory {
  @ApiProperty({ example: 'pizza' }) hqKey!: string;
  @ApiProperty({ example: 'Pizza' }) name!: string;
  @ApiProperty({ example: 0 }) sortOrder!: number;
}

export class HqStationView implements HqCatalogStation {
  @ApiProperty({ example: 'oven' }) hqKey!: string;
  @ApiProperty({ example: 'Oven' }) name!: string;
}

export class HqVariationView implements HqCatalogVariation {
  @ApiProperty({ example: 'pizza-margherita-large' }) hqKey!: string;
  @ApiProperty({ example: 'Large' }) name!: string;
  @ApiProperty({ example: 1250, description: 'Integer minor units of the site’s currency' }) price!: number;
  @ApiProperty({ example: 0 }) sortOrder!: number;
}

export class HqDishView implements HqCatalogDish {
  @ApiProperty({ example: 'pizza-margherita' }) hqKey!: string;
  @ApiProperty({ example: 'Margherita' }) name!: string;
  @ApiProperty({ example: '' }) description!: string;
  @ApiProperty({ example: 'pizza' }) categoryKey!: string;
  @ApiProperty({ type: String, nullable: true, example: 'oven' }) stationKey!: string | null;
  @ApiProperty({ description: 'false: off sale; true leaves the site its own 86' }) available!: boolean;
  @ApiProperty({ type: [HqVariationView] }) variations!: HqVariationView[];
}

/** The document a site applies in one transaction, matching its rows by hqKey. */
export class HqCatalogDocumentView implements HqCatalogDocument {
  @ApiProperty({ type: [HqCategoryView] }) categories!: HqCategoryView[];
  @ApiProperty({ type: [HqStationView] }) stations!: HqStationView[];
  @ApiProperty({ type: [HqDishView] }) dishes!: HqDishView[];
}

export class OverrideScopeView {
  @ApiPropertyOptional({ format: 'uuid' }) siteId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) groupId?: string;

  static of(this: void, scopeKey: string): OverrideScopeView {
    const [type, id] = scopeKey.split(':');
    return type === 'site' ? { siteId: id } : { groupId: id };
  }
}

export class HqOverrideView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: OVERRIDE_KINDS }) kind!: HqOverrideKind;
  @ApiProperty({ example: 'pizza-margherita-large' }) hqKey!: string;
  @ApiProperty({ type: OverrideScopeView }) scope!: OverrideScopeView;
  @ApiProperty({ type: Number, nullable: true, description: 'null: inherited' }) price!: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null: inherited' }) available!: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null: inherited' }) absent!: boolean | null;
  @ApiProperty({ type: String, nullable: true, description: 'null: inherited' }) stationKey!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static of(this: void, row: HqOverride): HqOverrideView {
    return {
      id: row.id,
      kind: row.kind,
      hqKey: row.hqKey,
      scope: OverrideScopeView.of(row.scopeKey),
      price: row.price,
      available: row.available,
      absent: row.absent,
      stationKey: row.stationKey,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

/** The master catalog as the organisation has it, and every override of it. */
export class HqCatalogView extends HqCatalogDocumentView {
  @ApiProperty({ type: [HqOverrideView] }) overrides!: HqOverrideView[];
}

export class OverriddenFieldView implements OverriddenField {
  @ApiProperty({ enum: ['price', 'available', 'stationKey'] }) field!: OverriddenField['field'];
  @ApiProperty({ description: 'The dish’s hqKey, or its variation’s for a price' }) hqKey!: string;
  @ApiProperty({
    type: OverrideScopeView,
    description: 'The override it comes from: this site or one of its groups',
  })
  scope!: OverrideScope;
}

export class EffectiveDishView extends HqDishView {
  @ApiProperty({
    type: [OverriddenFieldView],
    description:
      'Its fields that come from an override ("overridden"); any other is the organisation’s ("inherited")',
  })
  overridden!: OverriddenFieldView[];
}

export class AbsentEntryView {
  @ApiProperty({ enum: OVERRIDE_KINDS }) kind!: HqOverrideKind;
  @ApiProperty() hqKey!: string;
  @ApiProperty({ type: OverrideScopeView }) scope!: OverrideScope;
}

/** What a site gets of the current master catalog and overrides (as the next publication would give it). */
export class EffectiveCatalogView {
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ type: [HqCategoryView] }) categories!: HqCategoryView[];
  @ApiProperty({ type: [HqStationView] }) stations!: HqStationView[];
  @ApiProperty({ type: [EffectiveDishView] }) dishes!: EffectiveDishView[];
  @ApiProperty({
    type: [AbsentEntryView],
    description: 'Entries of the master catalog left off at this site, and by whom',
  })
  absent!: AbsentEntryView[];

  static of(siteId: string, catalog: EffectiveCatalog): EffectiveCatalogView {
    return { siteId, ...catalog };
  }
}

/** A site's pull: the latest publication's effective catalog for it. */
export class SiteCatalogView {
  @ApiProperty({ format: 'uuid' }) publicationId!: string;
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ type: HqCatalogDocumentView }) catalog!: HqCatalogDocumentView;
}

export class PublicationSiteView {
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ example: 'Zur Linde, Mitte' }) name!: string;
  @ApiProperty({
    enum: ['pending', 'applied', 'failed'],
    description: '`pending` until the site pulls and applies it; `failed` with the site’s reason',
  })
  state!: 'pending' | 'applied' | 'failed';
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class PublicationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ example: 'Autumn menu' }) note!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: 18 }) applied!: number;
  @ApiProperty({ example: 2 }) pending!: number;
  @ApiProperty({ example: 0 }) failed!: number;
  @ApiProperty({
    type: [PublicationSiteView],
    description: 'Each site of the organisation when it was made, by name',
  })
  sites!: PublicationSiteView[];
}
