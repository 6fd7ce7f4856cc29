import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Check, Discount, shareAdjustment } from './check-splits';
import { OrderItem, pricedUnit } from './order-item.entity';
import { LIVE_ITEM, OrderType, PaymentStatus } from './order-status';
import type { Order } from './order.entity';
import { computeTotals, percentToPpm, Totals, TotalsInput } from './totals';

/** The glue between an order and the one totals function: its items, its discount and the configured rates. */
@Injectable()
export class OrderTotals {
  constructor(private readonly config: AppConfig) {}

  /**
   * Recomputes the stored totals and payment status from items, discount, shares, configuration, `paid` and
   * `refunded`. An order that gave parts of its money away by an even split may not go below them: 409.
   */
  apply(order: Order, items: OrderItem[]): void {
    const { subtotal, discount, serviceCharge, tax, total, due } = this.of(order, items);
    if ([subtotal - discount, serviceCharge, tax, total].some((amount) => amount < 0)) {
      throw new DomainError(
        ErrorCode.Conflict,
        'This order gave parts of its bill to other orders in an even split, and this change would take it ' +
          'below them: merge the parts back first',
      );
    }
    Object.assign(order, { subtotal, discount, serviceCharge, tax, total, due });
    order.paymentStatus = paymentStatusOf(order);
  }

  of(order: Order, items: OrderItem[]): Totals {
    return computeTotals(this.input(order, items));
  }

  input(order: Order, items: OrderItem[]): TotalsInput {
    return this.inputOf(order.type, checkOf(order, items));
  }

  /** The totals input of a check of an order of this type: what the split planner computes with. */
  inputOf(type: OrderType, check: Check<OrderItem, Discount>): TotalsInput {
    return {
      items: check.items.map((item) => ({
        unitPrice: pricedUnit(item),
        quantity: item.quantity,
        live: LIVE_ITEM(item.status),
      })),
      discount: check.discount && { kind: check.discount.kind, value: check.discount.value },
      serviceChargePpm: type === OrderType.DineIn ? percentToPpm(this.config.serviceChargeRatePercent) : 0,
      taxPpm: percentToPpm(this.config.taxRatePercent),
      pricesIncludeTax: this.config.pricesIncludeTax,
      shares: shareAdjustment(check.shares),
      paid: check.paid,
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

export function setDiscount(order: Order, discount: OrderDiscount | null): void {
  order.discountKind = discount?.kind ?? null;
  order.discountValue = discount?.value ?? null;
  order.discountReason = discount?.reason ?? null;
  order.discountBy = discount?.by ?? null;
}

function paymentStatusOf(order: Order): PaymentStatus {
  if (order.paid === 0) return order.refunded > 0 ? PaymentStatus.Refunded : PaymentStatus.Unpaid;
  return order.paid >= order.total ? PaymentStatus.Paid : PaymentStatus.PartiallyPaid;
}
