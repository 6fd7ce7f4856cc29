import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OrderItem, pricedUnit } from './order-item.entity';
import { LIVE_ITEM, OrderType, PaymentStatus } from './order-status';
import type { Order } from './order.entity';
import { computeTotals, percentToPpm, Totals, TotalsInput } from './totals';

/** The glue between an order and the one totals function: its items, its discount and the configured rates. */
@Injectable()
export class OrderTotals {
  constructor(private readonly config: AppConfig) {}

  /** Recomputes the stored totals and payment status from items, discount, configuration, `paid` and `refunded`. */
  apply(order: Order, items: OrderItem[]): void {
    const { subtotal, discount, serviceCharge, tax, total, due } = this.of(order, items);
    Object.assign(order, { subtotal, discount, serviceCharge, tax, total, due });
    order.paymentStatus = paymentStatusOf(order);
  }

  of(order: Order, items: OrderItem[]): Totals {
    return computeTotals(this.input(order, items));
  }

  private input(order: Order, items: OrderItem[]): TotalsInput {
    return {
      items: items.map((item) => ({
        unitPrice: pricedUnit(item),
        quantity: item.quantity,
        live: LIVE_ITEM(item.status),
      })),
      discount:
        order.discountKind && order.discountValue !== null
          ? { kind: order.discountKind, value: order.discountValue }
          : null,
      serviceChargePpm:
        order.type === OrderType.DineIn ? percentToPpm(this.config.serviceChargeRatePercent) : 0,
      taxPpm: percentToPpm(this.config.taxRatePercent),
      pricesIncludeTax: this.config.pricesIncludeTax,
      paid: order.paid,
    };
  }
}

function paymentStatusOf(order: Order): PaymentStatus {
  if (order.paid === 0) return order.refunded > 0 ? PaymentStatus.Refunded : PaymentStatus.Unpaid;
  return order.paid >= order.total ? PaymentStatus.Paid : PaymentStatus.PartiallyPaid;
}
