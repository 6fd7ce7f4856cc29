import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OrderItem, PriceSource, pricedUnit } from '../order-item.entity';
import { ItemStatus } from '../order-status';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export class ItemModifierView {
  @ApiProperty({ format: 'uuid' }) optionId!: string;
  @ApiProperty({ example: 'Sauce', description: 'Copied from the menu when ordered' }) groupName!: string;
  @ApiProperty({ example: 'Aioli', description: 'Copied from the menu when ordered' }) name!: string;
  @ApiProperty({ example: 150, description: 'Minor units added to the unit price; copied when ordered' })
  priceDelta!: number;
}

export class ItemTaxRateView {
  @ApiProperty({ format: 'uuid' }) taxRateId!: string;
  @ApiProperty({ example: 'VAT 19 %', description: 'Copied from the rate when ordered' }) name!: string;
  @ApiProperty({
    example: 19,
    format: 'double',
    description: 'Percent, at most 4 decimals; copied when ordered',
  })
  percent!: number;
}

export class TaxRowView {
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'null: the exempt row (lines without a rate, an untaxed service charge)',
  })
  taxRateId!: string | null;
  @ApiProperty({ example: 'VAT 19 %' }) name!: string;
  @ApiProperty({ example: 19, format: 'double', description: 'Percent; 0 on the exempt row' })
  percent!: number;
  @ApiProperty({
    description:
      'Minor units the rate was charged on; with stacked rates the base counts once, in the highest rate’s row',
  })
  net!: number;
  @ApiProperty({ description: 'Minor units of tax' }) tax!: number;
  @ApiProperty({ description: 'Minor units: net + tax' }) gross!: number;
}

export class OrderItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) dishId!: string;
  @ApiProperty({ format: 'uuid' }) variationId!: string;
  @ApiProperty({ example: 'Margherita', description: 'Copied from the menu when ordered' }) name!: string;
  @ApiProperty({ example: 'Large' }) variationName!: string;
  @ApiProperty({ example: 1250, description: 'Minor units: the variation’s menu price when it was ordered' })
  listPrice!: number;
  @ApiProperty({
    example: 1000,
    description:
      'Minor units, what one unit sells at before modifiers: set when ordered by a price rule in force, else a ' +
      'price level, else the list price; later rule or level changes do not alter it',
  })
  unitPrice!: number;
  @ApiProperty({
    enum: ['menu', 'channel'],
    description: '`channel`: unitPrice is the price a sales channel sold it at, not the menu’s',
  })
  priceSource!: PriceSource;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description:
      'The price rule that set unitPrice (kept if the rule changes or goes); null: none was in force',
  })
  priceRuleId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The price level it was priced on (its table’s area’s, else its order type’s); null: none',
  })
  priceLevelId!: string | null;
  @ApiProperty({ example: 2 }) quantity!: number;
  @ApiProperty({
    type: [ItemModifierView],
    description: "The options chosen, in the dish's group order then option order",
  })
  modifiers!: ItemModifierView[];
  @ApiProperty({
    type: [ItemTaxRateView],
    description: 'The rates it was ordered with (empty: exempt); a later rate change does not alter it',
  })
  taxes!: ItemTaxRateView[];
  @ApiProperty({ type: String, nullable: true, example: 'no onions' }) comment!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 2, description: 'The seat it is for, 1 to guests' })
  seat!: number | null;
  @ApiProperty({
    enum: ItemStatus,
    enumName: 'ItemStatus',
    description: '`held`: waiting for its course to be fired; no kitchen screen shows it',
  })
  status!: ItemStatus;
  @ApiProperty({ minimum: 1, maximum: 9, example: 1, description: 'The course it is served in' })
  course!: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) stationId!: string | null;
  @ApiProperty({
    example: 2800,
    description: '(unitPrice + the modifiers’ priceDeltas) × quantity; 0 once cancelled',
  })
  total!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When the kitchen got it; null while held or pending',
  })
  firedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) readyAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) servedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was voided' }) voidReason!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description:
      'When its quantity, comment or seat last changed after it was fired (a kitchen screen marks it changed); ' +
      'null when it has not changed since',
  })
  changedAt!: string | null;
  @ApiPropertyOptional({
    type: () => [ComboComponentView],
    description:
      'Only on a combo line (docs/combos.md): its components, each an item of its own with its station, status, ' +
      'part of the combo’s price (unitPrice) and tax rates. The line’s status is its least advanced live ' +
      'component’s, its total their sum; its stationId is null.',
  })
  components?: ComboComponentView[];

  static of(this: void, item: OrderItem): OrderItemView {
    return {
      id: item.id,
      dishId: item.dishId,
      variationId: item.variationId,
      name: item.name,
      variationName: item.variationName,
      listPrice: item.listPrice,
      unitPrice: item.unitPrice,
      priceSource: item.priceSource,
      priceRuleId: item.priceRuleId,
      priceLevelId: item.priceLevelId,
      quantity: item.quantity,
      modifiers: item.modifiers.map(({ optionId, groupName, name, priceDelta }) => ({
        optionId,
        groupName,
        name,
        priceDelta,
      })),
      taxes: item.taxes.map(({ taxRateId, name, percent }) => ({
        taxRateId,
        name,
        percent,
      })),
      comment: item.comment,
      seat: item.seat,
      status: item.status,
      course: item.course,
      stationId: item.stationId,
      total: item.status === ItemStatus.Cancelled ? 0 : pricedUnit(item) * item.quantity,
      firedAt: iso(item.firedAt),
      startedAt: iso(item.startedAt),
      readyAt: iso(item.readyAt),
      servedAt: iso(item.servedAt),
      voidReason: item.voidReason,
      changedAt: iso(item.changedAt),
    };
  }
}

export class ComboComponentView extends OrderItemView {
  @ApiProperty({ example: 2, description: 'The index of the slot it fills' }) slot!: number;
  @ApiProperty({ example: 'Drink' }) slotName!: string;
}

const STATUS_ORDER = [
  ItemStatus.Held,
  ItemStatus.New,
  ItemStatus.InProgress,
  ItemStatus.Ready,
  ItemStatus.Served,
] as const;

/**
 * Items as clients see them, by position: the components of one combo line (stored as items of their own) as one
 * item with `components`.
 */
export function itemViews(items: OrderItem[]): OrderItemView[] {
  const views: OrderItemView[] = [];
  const lines = new Map<string, ComboComponentView[]>();
  for (const item of [...items].sort((a, b) => a.position - b.position)) {
    if (!item.combo) {
      views.push(OrderItemView.of(item));
      continue;
    }
    const component = { ...OrderItemView.of(item), slot: item.combo.slot, slotName: item.combo.slotName };
    const components = lines.get(item.combo.lineId);
    if (components) components.push(component);
    else {
      lines.set(item.combo.lineId, [component]);
      views.push(comboLineView(item, lines.get(item.combo.lineId)!));
    }
  }
  return views.map((view) => (view.components ? { ...view, ...comboProgress(view.components) } : view));
}

/** A combo line from its first component; its progress and total follow from all of them (comboProgress). */
function comboLineView(first: OrderItem, components: ComboComponentView[]): OrderItemView {
  const combo = first.combo!;
  return {
    ...OrderItemView.of(first),
    id: combo.lineId,
    dishId: combo.dishId,
    variationId: combo.variationId,
    name: combo.name,
    variationName: combo.variationName,
    unitPrice: combo.unitPrice,
    modifiers: [],
    taxes: [],
    stationId: null,
    components,
  };
}

function comboProgress(components: ComboComponentView[]): Partial<OrderItemView> {
  const live = components.filter((component) => component.status !== ItemStatus.Cancelled);
  const latest = (key: 'readyAt' | 'servedAt') =>
    live.every((component) => component[key])
      ? live
          .map((c) => c[key]!)
          .sort()
          .at(-1)!
      : null;
  const started = live.flatMap((component) => (component.startedAt ? [component.startedAt] : [])).sort();
  const status =
    live.length === 0
      ? ItemStatus.Cancelled
      : STATUS_ORDER[Math.min(...live.map((component) => STATUS_ORDER.indexOf(component.status as never)))];
  const taxes = new Map(live.flatMap((component) => component.taxes.map((rate) => [rate.taxRateId, rate])));
  return {
    status,
    // Each component's list price is its part of the combo's, spread like its price: together, the combo's.
    listPrice: components.reduce((sum, component) => sum + component.listPrice, 0),
    total: components.reduce((sum, component) => sum + component.total, 0),
    taxes: [...taxes.values()],
    startedAt: started[0] ?? null,
    readyAt: live.length > 0 ? latest('readyAt') : null,
    servedAt: live.length > 0 ? latest('servedAt') : null,
  };
}
