import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Order } from './order.entity';
import { ItemStatus } from './order-status';
import { MoneyColumn } from '../common/money';
import type { ItemModifier } from '../menu/modifier-choices';
import type { LineMoney } from '../money';
import { InstantColumn } from '../database/columns';
import type { ItemTaxRate } from '../taxes/item-tax-rate';

export type PriceSource = 'menu' | 'channel';

/** One line of an order. Name, price and preparation time are copied when ordered: later menu edits do not touch it. */
@Entity('order_items')
@Index('order_items_order_id', ['orderId'])
@Index('order_items_status', ['status'])
@Index('order_items_station_id_status', ['stationId', 'status'])
export class OrderItem {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 36 })
  orderId!: string;

  @ManyToOne('Order', 'items', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'order_items_order_fk' })
  order?: Order;

  /** Position in the order, for a stable display order. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ length: 36 })
  dishId!: string;

  @Column({ length: 36 })
  variationId!: string;

  @Column({ length: 100 })
  name!: string;

  @Column({ length: 100 })
  variationName!: string;

  /** The variation's menu price when it was ordered. */
  @MoneyColumn()
  listPrice!: number;

  /** What one unit sells at, before modifiers: the list price, a price level's, or a price rule's. */
  @MoneyColumn()
  unitPrice!: number;

  /** `menu`: copied from the menu; `channel`: the price a sales channel sold it at, kept as it was sent. */
  @Column({ type: 'varchar', length: 8, default: 'menu' })
  priceSource!: PriceSource;
  /** The price rule that set the unit price, when one was in force; kept if the rule changes or goes. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  priceRuleId!: string | null;

  /** The price level it was priced on (the table's area's, else the order type's); null: the list price. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  priceLevelId!: string | null;

  @Column({ type: 'integer' })
  quantity!: number;

  /** The options chosen, copied when ordered, in the dish's group order then option order. */
  @Column({ type: 'simple-json', default: '[]' })
  modifiers!: ItemModifier[];

  /** The tax rates it was ordered with (its options are taxed with it), after the order type's mappings. */
  @Column({ type: 'simple-json', default: '[]' })
  taxes!: ItemTaxRate[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  comment!: string | null;

  /**
   * Its part of the order's discount, service charge and tax when the order's money was last computed; it moves
   * with the line (src/money). Null while not yet allocated, and once voided.
   */
  @Column({ type: 'simple-json', nullable: true })
  allocation!: LineMoney | null;

  /** The combo line it is a component of (docs/combos.md); null for an item ordered on its own. */
  @Column({ type: 'simple-json', nullable: true })
  combo!: ItemCombo | null;

  /** The seat (1 to the order's guests) it is for, when the waiter said; a split by seat follows it. */
  @Column({ type: 'integer', nullable: true })
  seat!: number | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ItemStatus;

  /** The course (1 to 9) it is served in: a held course reaches the kitchen when it is fired. */
  @Column({ type: 'integer', default: 1 })
  course!: number;

  @Column({ type: 'varchar', length: 36, nullable: true })
  stationId!: string | null;

  @Column({ type: 'integer' })
  prepMinutes!: number;

  /** When the kitchen got it: at ordering for staff orders, at acceptance for QR orders, at firing when held. */
  @InstantColumn({ nullable: true })
  firedAt!: Date | null;

  @InstantColumn({ nullable: true })
  startedAt!: Date | null;

  @InstantColumn({ nullable: true })
  readyAt!: Date | null;

  @InstantColumn({ nullable: true })
  servedAt!: Date | null;

  @InstantColumn({ nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  voidReason!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  voidedBy!: string | null;

  /** When its quantity, comment or seat last changed after it was fired: kitchen screens mark it changed. */
  @InstantColumn({ nullable: true })
  changedAt!: Date | null;

  /** Set when order.delayed was raised for this item, so it is raised once. */
  @InstantColumn({ nullable: true })
  delayedAt!: Date | null;

  @InstantColumn()
  createdAt!: Date;
}

/**
 * The combo line a component belongs to, copied onto each of its components: the line's id (the item id clients
 * see), the combo's dish and variation as ordered, what one unit of the whole combo costs (its price, upcharges and
 * options), and the slot the component fills.
 */
export interface ItemCombo {
  lineId: string;
  dishId: string;
  variationId: string;
  name: string;
  variationName: string;
  unitPrice: number;
  slot: number;
  slotName: string;
}

/** What one unit of the item costs: its price plus its modifiers' deltas. */
export function pricedUnit(item: Pick<OrderItem, 'unitPrice' | 'modifiers'>): number {
  return item.unitPrice + item.modifiers.reduce((sum, modifier) => sum + modifier.priceDelta, 0);
}
