import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  HqCatalogCategoryWhole,
  HqCatalogCombo,
  HqCatalogComboChoice,
  HqCatalogComboSlot,
  HqCatalogDishWhole,
  HqCatalogLevelPrice,
  HqCatalogPriceLevel,
  HqCatalogSchedule,
  HqCatalogDocumentWhole,
  HqCatalogModifierGroup,
  HqCatalogModifierOption,
  HqCatalogStation,
  HqCatalogTaxRate,
  HqCatalogVariation,
} from '../../../menu/hq-catalog/hq-catalog-document';
import { ppmToPercent } from '../../../money';
import type { EffectiveCatalog, OverriddenField } from '../effective-catalog';
import type { HqOverride, HqOverrideKind } from '../hq-catalog.entities';
import type { OverrideScope } from '../override-precedence';
import { CatalogRowProblemInput } from './catalog-report.inputs';
import { OVERRIDE_KINDS } from './hq-catalog.inputs';

const SCHEDULE_KEY_DOC = {
  type: String,
  nullable: true,
  example: 'breakfast',
  description: 'The hqKey of its menu schedule; null: each site sets it',
};

export class HqCategoryView implements HqCatalogCategoryWhole {
  @ApiProperty({ example: 'pizza' }) hqKey!: string;
  @ApiProperty({ example: 'Pizza' }) name!: string;
  @ApiProperty({ example: 0 }) sortOrder!: number;
  @ApiProperty(SCHEDULE_KEY_DOC) scheduleKey!: string | null;
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

export class HqComboChoiceView implements HqCatalogComboChoice {
  @ApiProperty({ example: 'fries' }) dishKey!: string;
  @ApiProperty({ example: 'fries-regular' }) variationKey!: string;
  @ApiProperty({ example: 0, description: 'Minor units added to the combo’s price' }) upcharge!: number;
}

export class HqComboSlotView implements HqCatalogComboSlot {
  @ApiProperty({ example: 'Side' }) name!: string;
  @ApiProperty({ example: 1 }) minChoices!: number;
  @ApiProperty({ example: 1 }) maxChoices!: number;
  @ApiProperty({ type: [HqComboChoiceView] }) choices!: HqComboChoiceView[];
}

export class HqComboView implements HqCatalogCombo {
  @ApiProperty({ type: [HqComboSlotView] }) slots!: HqComboSlotView[];
}

export class HqDishView implements HqCatalogDishWhole {
  @ApiProperty({ example: 'pizza-margherita' }) hqKey!: string;
  @ApiProperty({ example: 'Margherita' }) name!: string;
  @ApiProperty({ example: '' }) description!: string;
  @ApiProperty({ example: 'pizza' }) categoryKey!: string;
  @ApiProperty({ type: String, nullable: true, example: 'oven' }) stationKey!: string | null;
  @ApiProperty({ description: 'false: off sale; true leaves the site its own 86' }) available!: boolean;
  @ApiProperty({ type: [HqVariationView] }) variations!: HqVariationView[];
  @ApiProperty({
    type: [String],
    example: ['burger-sauce'],
    description: 'Its modifier groups’ hqKeys, in order',
  })
  modifierGroupKeys!: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'food',
    description: 'Its tax mapping; null: the site’s rates',
  })
  taxRateKey!: string | null;
  @ApiProperty(SCHEDULE_KEY_DOC) scheduleKey!: string | null;
  @ApiProperty({
    type: HqComboView,
    nullable: true,
    description: 'Its slots when it is a combo; at a site, only the choices there',
  })
  combo!: HqComboView | null;
}

export class HqModifierOptionView implements HqCatalogModifierOption {
  @ApiProperty({ example: 'burger-sauce-bbq' }) hqKey!: string;
  @ApiProperty({ example: 'BBQ' }) name!: string;
  @ApiProperty({ example: 50, description: 'Integer minor units added to the unit price; may be negative' })
  priceDelta!: number;
  @ApiProperty({ example: 0 }) sortOrder!: number;
  @ApiProperty({ description: 'false: off sale; true leaves the site its own 86' }) available!: boolean;
}

export class HqModifierGroupView implements HqCatalogModifierGroup {
  @ApiProperty({ example: 'burger-sauce' }) hqKey!: string;
  @ApiProperty({ example: 'Sauce' }) name!: string;
  @ApiProperty({ example: 0 }) minChoices!: number;
  @ApiProperty({ example: 1 }) maxChoices!: number;
  @ApiProperty({ type: [HqModifierOptionView] }) options!: HqModifierOptionView[];
}

export class HqTaxMappingView implements HqCatalogTaxRate {
  @ApiProperty({ example: 'food' }) hqKey!: string;
  @ApiProperty({ example: 'Food 7 %' }) name!: string;
  @ApiProperty({ example: 7, format: 'double', description: 'Percent, at most 4 decimals' }) percent!: number;
}

export class HqScheduleWindowView {
  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5], description: 'ISO weekdays, 1 Monday' })
  days!: readonly number[];
  @ApiProperty({ example: '07:00' }) from!: string;
  @ApiProperty({ example: '11:30', description: 'Exclusive; before `from`: past midnight' }) to!: string;
}

export class HqScheduleView implements HqCatalogSchedule {
  @ApiProperty({ example: 'breakfast' }) hqKey!: string;
  @ApiProperty({ example: 'Breakfast' }) name!: string;
  @ApiProperty({ type: [HqScheduleWindowView], description: 'On each site’s own clock (its time zone)' })
  windows!: HqScheduleWindowView[];
}

export class HqLevelPriceView implements HqCatalogLevelPrice {
  @ApiProperty({ example: 'burger-regular' }) variationKey!: string;
  @ApiProperty({ example: 1290, description: 'Integer minor units of the site’s currency' }) price!: number;
}

export class HqPriceLevelView implements HqCatalogPriceLevel {
  @ApiProperty({ example: 'terrace' }) hqKey!: string;
  @ApiProperty({ example: 'Terrace' }) name!: string;
  @ApiProperty({
    type: [String],
    example: ['takeaway'],
    description: 'The order types it prices where the table’s area names no level',
  })
  orderTypes!: string[];
  @ApiProperty({ type: [HqLevelPriceView], description: 'Variations it names; others keep their price' })
  prices!: HqLevelPriceView[];
}

/** The document a site applies in one transaction, matching its rows by hqKey. */
export class HqCatalogDocumentView implements HqCatalogDocumentWhole {
  @ApiProperty({ type: [HqCategoryView] }) categories!: HqCategoryView[];
  @ApiProperty({ type: [HqStationView] }) stations!: HqStationView[];
  @ApiProperty({ type: [HqDishView] }) dishes!: HqDishView[];
  @ApiProperty({ type: [HqModifierGroupView] }) modifierGroups!: HqModifierGroupView[];
  @ApiProperty({
    type: [HqTaxMappingView],
    description: 'Headquarters’ tax mappings: each a tax rate of the site’s carrying its hqKey',
  })
  taxRates!: HqTaxMappingView[];
  @ApiProperty({ type: [HqScheduleView], description: 'Menu schedules: each a schedule of the site’s' })
  schedules!: HqScheduleView[];
  @ApiProperty({
    type: [HqPriceLevelView],
    description: 'Price levels: each a price level of the site’s; the site’s areas choose theirs',
  })
  priceLevels!: HqPriceLevelView[];
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
  @ApiProperty({ type: String, nullable: true, description: 'null: inherited' }) taxRateKey!: string | null;
  @ApiProperty({ type: Number, nullable: true, format: 'double', description: 'null: inherited' })
  percent!: number | null;
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
      taxRateKey: row.taxRateKey,
      percent: row.partsPerMillion === null ? null : ppmToPercent(row.partsPerMillion),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

/** The master catalog as the organisation has it, and every override of it. */
export class HqCatalogView extends HqCatalogDocumentView {
  @ApiProperty({ type: [HqOverrideView] }) overrides!: HqOverrideView[];
}

export class OverriddenFieldView implements OverriddenField {
  @ApiProperty({ enum: ['price', 'available', 'stationKey', 'taxRateKey', 'percent'] })
  field!: OverriddenField['field'];
  @ApiProperty({
    description:
      'The entry’s hqKey: a dish’s, its variation’s for a price; a modifier option’s for its price or availability',
  })
  hqKey!: string;
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

export class EffectiveModifierGroupView extends HqModifierGroupView {
  @ApiProperty({
    type: [OverriddenFieldView],
    description: 'Its options’ fields that come from an override; any other is the organisation’s',
  })
  overridden!: OverriddenFieldView[];
}

export class EffectiveTaxMappingView extends HqTaxMappingView {
  @ApiProperty({ type: [OverriddenFieldView], description: 'Its percent, when an override sets it there' })
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
  @ApiProperty({ type: [EffectiveModifierGroupView] }) modifierGroups!: EffectiveModifierGroupView[];
  @ApiProperty({ type: [EffectiveTaxMappingView] }) taxRates!: EffectiveTaxMappingView[];
  @ApiProperty({ type: [HqScheduleView] }) schedules!: HqScheduleView[];
  @ApiProperty({
    type: [HqPriceLevelView],
    description: 'Its prices of the variations at this site only; a level absent here is left off',
  })
  priceLevels!: HqPriceLevelView[];
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
    description:
      '`pending` until the site pulls and applies it; `applied` (rows it could not take set aside: see ' +
      '`problems`); `failed` with the site’s reason when it could not tell the document’s rows apart',
  })
  state!: 'pending' | 'applied' | 'failed';
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({
    type: [CatalogRowProblemInput],
    description: 'The rows the site set aside, each with why: everything else applied',
  })
  problems!: CatalogRowProblemInput[];
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
