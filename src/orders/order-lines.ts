import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { DiningTable } from '../floor/table.entity';
import { MenuService } from '../menu/menu.service';
import type { Orderable } from '../menu/menu-catalog';
import { PriceBook } from '../pricing/price-book';
import type { ResolvedPrice } from '../pricing/price-resolution';
import type { ItemTaxRate } from '../taxes/item-tax-rate';
import { TaxCatalog } from '../taxes/tax-catalog';
import type { StockLine } from '../menu/variation-stock.service';
import type { OrderItemInput } from './dto/order.inputs';
import { OrderItem } from './order-item.entity';
import { ItemStatus } from './order-status';
import type { Order } from './order.entity';
import { comboItems, ItemCopy, OrderedComponent } from './combo-items';

/**
 * What a new item copies: the menu's line (`unitPrice` is its list price), and its tax rates for the order's type
 * (a combo's: its components').
 */
export interface OrderedLine extends Omit<Orderable, 'taxRateIds' | 'components'> {
  taxes: ItemTaxRate[];
  components?: OrderedComponent[];
}

/** An ordered line priced for its order: its list price, the price it sells at, and what set it. */
export type PricedLine = Omit<OrderedLine, 'categoryId'> & ResolvedPrice;

/** Order lines from what a client sent: checked against the menu, then copied onto new items. */
@Injectable()
export class OrderLines {
  constructor(
    private readonly menu: MenuService,
    private readonly taxes: TaxCatalog,
    private readonly book: PriceBook,
    private readonly clock: Clock,
  ) {}

  /**
   * Menu lookups for new lines of an order of `orderType`, and their tax rates, from memory; any unknown or
   * unavailable one rejects the whole request with 422: OUT_OF_STOCK when every refused line is of a variation its
   * count sold out, else VALIDATION_ERROR.
   */
  async resolve(lines: OrderItemInput[], path: string, orderType: string): Promise<OrderedLine[]> {
    const resolved = await this.menu.orderables(lines);
    const problems: FieldProblem[] = [];
    let soldOut = true;
    resolved.forEach((result, i) => {
      if (!Array.isArray(result)) return;
      for (const { field, message } of result) problems.push({ field: `${path}[${i}].${field}`, message });
      soldOut &&= result.every((problem) => problem.soldOut === true);
    });
    if (problems.length > 0 && soldOut) throw DomainError.outOfStock(problems);
    if (problems.length > 0) throw DomainError.validation(problems);
    const orderables = resolved as Orderable[];
    const rules = await this.taxes.current(
      orderables.flatMap((orderable) => [
        ...orderable.taxRateIds,
        ...(orderable.components ?? []).flatMap((component) => component.taxRateIds),
      ]),
    );
    return orderables.map(({ taxRateIds, components, ...orderable }) => ({
      ...orderable,
      taxes: rules.itemTaxes(taxRateIds, orderType),
      ...(components && {
        components: components.map(({ taxRateIds: rates, ...component }) => ({
          ...component,
          taxes: rules.itemTaxes(rates, orderType),
        })),
      }),
    }));
  }

  /**
   * Lines priced for an order of `orderType` at its table as of now: a price rule in force, else the price level of
   * the table's area or of the order type, else the list price (see PriceBook). `table` is the table's row when the
   * caller holds it, else its id: the row is read only while some area names a level.
   */
  async price(
    manager: EntityManager,
    orderables: OrderedLine[],
    orderType: string,
    table: Pick<DiningTable, 'locationId'> | string | null,
  ): Promise<PricedLine[]> {
    const prices = await this.book.price(
      orderables.map(({ categoryId, dishId, variationId, unitPrice }) => ({
        categoryId,
        dishId,
        variationId,
        listPrice: unitPrice,
      })),
      { orderType, locationId: await this.locationOf(manager, table) },
      this.clock.now(),
    );
    return orderables.map(({ categoryId: _category, ...orderable }, i) => ({ ...orderable, ...prices[i] }));
  }

  private async locationOf(
    manager: EntityManager,
    table: Pick<DiningTable, 'locationId'> | string | null,
  ): Promise<string | null> {
    if (table === null || typeof table === 'object') return table?.locationId ?? null;
    if (!(await this.book.pricesByArea())) return null;
    const row = await manager.findOne(DiningTable, { select: { locationId: true }, where: { id: table } });
    return row?.locationId ?? null;
  }

  /**
   * Gives items that join an order of `orderType` from an order of another type (a merge, a move) the rates that
   * type gives their dishes (its tax mappings); a rate an item already had stays as it was copied. An item whose
   * dish was deleted since keeps its rates.
   */
  async retax(items: OrderItem[], orderType: string): Promise<void> {
    for (const item of items) {
      const taxRateIds = await this.menu.taxRateIdsOf(item.dishId);
      if (taxRateIds === null) continue;
      const rules = await this.taxes.current(taxRateIds);
      item.taxes = rules
        .itemTaxes(taxRateIds, orderType)
        .map((rate) => item.taxes.find((had) => had.taxRateId === rate.taxRateId) ?? rate);
    }
  }

  /** 422 naming the line for a seat when the order has no guests count or the seat is beyond it. */
  checkSeats(lines: OrderItemInput[], guests: number | null, path: string): void {
    const problems = lines.flatMap((line, i) => {
      const problem = seatProblem(line.seat, guests);
      return problem ? [{ field: `${path}[${i}].seat`, message: problem }] : [];
    });
    if (problems.length > 0) throw DomainError.validation(problems);
  }

  /**
   * The items of new lines of `order` from position `start` on, copied from the menu: later menu changes leave
   * them as they are; a combo line becomes one item per component (comboItems). `firedAt` is when the kitchen gets
   * them (null for a pending QR order); a held line waits for its course to be fired.
   */
  newItems(
    order: Order,
    orderables: PricedLine[],
    lines: OrderItemInput[],
    start: number,
    firedAt: Date | null,
  ): OrderItem[] {
    const items: OrderItem[] = [];
    orderables.forEach((orderable, i) => {
      const parts = orderable.components
        ? comboItems(orderable, orderable.components, lines[i].id)
        : [orderable];
      for (const part of parts) {
        // A client's id is the item's (a plain line's); a combo's went to its line, its components get new ones.
        const id = (!orderable.components && lines[i].id) || randomUUID();
        items.push(this.newItem(order, part, lines[i], id, start + items.length, firedAt));
      }
    });
    return items;
  }

  private newItem(
    order: Order,
    orderable: ItemCopy,
    line: OrderItemInput,
    id: string,
    position: number,
    firedAt: Date | null,
  ): OrderItem {
    return Object.assign(new OrderItem(), {
      combo: null,
      id,
      orderId: order.id,
      position,
      ...orderable,
      priceSource: 'menu',
      quantity: line.quantity,
      comment: line.comment ?? null,
      seat: line.seat ?? null,
      status: line.hold ? ItemStatus.Held : ItemStatus.New,
      course: line.course ?? 1,
      firedAt: line.hold ? null : firedAt,
      startedAt: null,
      readyAt: null,
      servedAt: null,
      cancelledAt: null,
      voidReason: null,
      voidedBy: null,
      changedAt: null,
      delayedAt: null,
      createdAt: this.clock.now(),
    });
  }

  /**
   * What new lines take from counted stock (a combo's: its components'); an OUT_OF_STOCK error names them as
   * `path[i].variationId` or `path[i].comboChoices[j]`.
   */
  stockOf(orderables: OrderedLine[], lines: OrderItemInput[], path: string): StockLine[] {
    return orderables.flatMap((orderable, i) =>
      orderable.components
        ? orderable.components.map((component, j) => ({
            dishId: component.dishId,
            variationId: component.variationId,
            stationId: component.stationId,
            optionIds: component.modifiers.map((modifier) => modifier.optionId),
            quantity: lines[i].quantity,
            field: `${path}[${i}].comboChoices[${j}]`,
          }))
        : [
            {
              dishId: orderable.dishId,
              variationId: orderable.variationId,
              stationId: orderable.stationId,
              optionIds: orderable.modifiers.map((modifier) => modifier.optionId),
              quantity: lines[i].quantity,
              field: `${path}[${i}].variationId`,
            },
          ],
    );
  }
}

/** `quantity` of an item as a stock line, named by `field` in an OUT_OF_STOCK error. */
export function itemStock(item: OrderItem, quantity: number, field: string): StockLine {
  return {
    dishId: item.dishId,
    variationId: item.variationId,
    stationId: item.stationId,
    optionIds: item.modifiers.map((modifier) => modifier.optionId),
    quantity,
    field,
  };
}

/** What is wrong with a seat for an order of `guests` guests, if anything: seats are 1 to guests. */
export function seatProblem(seat: number | null | undefined, guests: number | null): string | null {
  if (seat === null || seat === undefined) return null;
  if (guests === null) return 'needs the order’s guests count: seats are numbered 1 to guests';
  return seat > guests ? `must be at most the order’s guests (${guests})` : null;
}
