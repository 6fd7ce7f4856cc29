import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import {
  computeOrderMoney,
  divideLineMoney,
  Money,
  MoneySettings,
  moneyOfLine,
  percentToPpm,
  sumMoney,
  sumRows,
  TaxRow,
  totalsOf,
  Totals,
} from '../money';
import { Check, Discount, shareMoney } from './check-splits';
import { OrderItem, pricedUnit } from './order-item.entity';
import { LIVE_ITEM, OrderType, PaymentStatus } from './order-status';
import type { Order } from './order.entity';

/**
 * The glue between an order and the money module. An order's money is the sum of what its live lines were
 * allocated and of its even-split shares. Its lines are allocated afresh (discount, service charge and tax
 * computed over all of them) when its own money changed: a line added, a quantity changed, a line voided, the
 * discount given or taken back. A split, a move or a merge is not such a change: lines keep what they were
 * allocated, so the parts add up to the whole and a merge gives back the original.
 */
@Injectable()
export class OrderTotals {
  constructor(private readonly config: AppConfig) {}

  /**
   * Allocates the lines when they need it, then stores the totals, the tax rows and the payment status. An order
   * that gave parts of its money away by an even split may not go below them: 409.
   */
  apply(order: Order, items: OrderItem[]): void {
    const { subtotal, discount, serviceCharge, tax, total, due, taxes } = this.of(order, items);
    const negative = taxes.some((row) => Math.min(row.net, row.tax, row.gross) < 0);
    if (negative || [subtotal - discount, serviceCharge, tax, total].some((amount) => amount < 0)) {
      throw new DomainError(
        ErrorCode.Conflict,
        'This order gave parts of its bill to other orders in an even split, and this change would take it ' +
          'below them: merge the parts back first',
      );
    }
    Object.assign(order, { subtotal, discount, serviceCharge, tax, total, due, taxes });
    order.paymentStatus = paymentStatusOf(order);
  }

  /** The order's totals from its lines' allocations (allocated first when they need it) and its shares. */
  of(order: Order, items: OrderItem[]): Totals {
    this.allocate(order, items);
    return totalsOf(this.moneyOf(checkOf(order, items)), order.paid);
  }

  /** A check's money: its live lines' allocations and its shares. */
  moneyOf(check: Check<OrderItem, Discount>): Money {
    const lines = check.items
      .filter((item) => LIVE_ITEM(item.status) && item.allocation)
      .map((item) => moneyOfLine(pricedUnit(item), item.allocation!));
    return sumMoney([...lines, shareMoney(check.shares)]);
  }

  /**
   * Allocates the order's money to its lines when it changed since they were allocated (a line without an
   * allocation for its quantity, or a voided line still holding one); otherwise leaves them as they are.
   */
  allocate(order: Order, items: OrderItem[]): void {
    const current = items.every((item) =>
      LIVE_ITEM(item.status) ? item.allocation?.quantity === item.quantity : !item.allocation,
    );
    if (current) return;
    const discount = discountOf(order);
    const money = computeOrderMoney({
      ...this.settings(order.type),
      discount: discount && { kind: discount.kind, value: discount.value },
      lines: items.map((item) => ({
        unitPrice: pricedUnit(item),
        quantity: item.quantity,
        live: LIVE_ITEM(item.status),
        rates: item.taxes,
      })),
    });
    items.forEach((item, i) => (item.allocation = money.lines[i]));
  }

  /**
   * Gives the order `discount` (null takes it away) and forgets what its lines were allocated, so that the next
   * `apply` spreads the new discount over them (and computes service charge and tax after it) afresh.
   */
  changeDiscount(order: Order, items: OrderItem[], discount: OrderDiscount | null): void {
    Object.assign(order, discountColumns(discount));
    for (const item of items) item.allocation = null;
  }

  /**
   * Forgets what the order's lines were allocated, so that the next `apply` allocates them afresh over the whole
   * order: lines joined it from an order of another type, whose service charge and rates it does not share.
   */
  reallocate(items: OrderItem[]): void {
    for (const item of items) item.allocation = null;
  }

  /** `item` as two lines of these quantities, its allocation divided exactly. */
  divide(item: OrderItem, quantities: [number, number], id: string): [OrderItem, OrderItem] {
    const allocations = item.allocation
      ? divideLineMoney(item.allocation, pricedUnit(item), quantities, this.config.pricesIncludeTax)
      : [null, null];
    return [
      Object.assign(new OrderItem(), { ...item, quantity: quantities[0], allocation: allocations[0] }),
      Object.assign(new OrderItem(), { ...item, id, quantity: quantities[1], allocation: allocations[1] }),
    ];
  }

  /**
   * The tax rows of units `from + 1` to `to` of a closed order's line, as its allocation divides them: the rows of
   * the first `to` units less those of the first `from`, so refunding a line a unit at a time adds up to the
   * whole line exactly.
   */
  unitRows(item: OrderItem, from: number, to: number): TaxRow[] {
    const firstUnits = (units: number): TaxRow[] => {
      const line = item.allocation!;
      if (units === 0) return [];
      if (units === line.quantity) return line.taxes;
      const quantities = [units, line.quantity - units];
      return divideLineMoney(line, pricedUnit(item), quantities, this.config.pricesIncludeTax)[0].taxes;
    };
    return sumRows([firstUnits(to), firstUnits(from)], [1, -1]);
  }

  get pricesIncludeTax(): boolean {
    return this.config.pricesIncludeTax;
  }

  settings(type: OrderType): MoneySettings {
    return {
      serviceChargePpm: type === OrderType.DineIn ? percentToPpm(this.config.serviceChargeRatePercent) : 0,
      serviceChargeTaxed: this.config.serviceChargeTaxed,
      pricesIncludeTax: this.config.pricesIncludeTax,
      taxRounding: this.config.taxRounding,
    };
  }
}

/** An order's discount with who gave it and why, so that it travels whole with a split or a merge. */
export interface OrderDiscount extends Discount {
  reason: string | null;
  by: string | null;
}

/** An order and its items as the split planner sees them. */
export function checkOf(order: Order, items: OrderItem[]): Check<OrderItem, OrderDiscount> {
  return { id: order.id, items, discount: discountOf(order), shares: order.shares, paid: order.paid };
}

export function discountOf(order: Order): OrderDiscount | null {
  return order.discountKind && order.discountValue !== null
    ? {
        kind: order.discountKind,
        value: order.discountValue,
        reason: order.discountReason,
        by: order.discountBy,
      }
    : null;
}

/**
 * The order columns that hold `discount` (null: none). Writing them alone does not spread the discount over the
 * lines: a discount is changed with OrderTotals.changeDiscount; only a split, a move or a merge writes them alone,
 * as the discount travels with lines that keep what they were allocated.
 */
export function discountColumns(
  discount: OrderDiscount | null,
): Pick<Order, 'discountKind' | 'discountValue' | 'discountReason' | 'discountBy'> {
  return {
    discountKind: discount?.kind ?? null,
    discountValue: discount?.value ?? null,
    discountReason: discount?.reason ?? null,
    discountBy: discount?.by ?? null,
  };
}

function paymentStatusOf(order: Order): PaymentStatus {
  if (order.paid === 0) return order.refunded > 0 ? PaymentStatus.Refunded : PaymentStatus.Unpaid;
  return order.paid >= order.total ? PaymentStatus.Paid : PaymentStatus.PartiallyPaid;
}
