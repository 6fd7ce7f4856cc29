import type { PaymentMethodKind } from '../payments/payment.entities';

/** What the reports' statements answer: integer sums and the rows behind them, per range of business days. */

/** A range of business days, both included, as the SQL sees it. */
export interface DayRange {
  from: string;
  to: string;
}

/**
 * Sales summed under the names the queries, headquarters' tables and the sales facts sent to it use: `gross` is the
 * item sales, `netSales` the order totals less refunds, tax included. The reports rename them (salesFigures).
 */
export interface SalesSums {
  orders: number;
  gross: number;
  discounts: number;
  serviceCharge: number;
  tax: number;
  refunds: number;
  netSales: number;
  tips: number;
}

export interface DishVariationSums {
  dishId: string;
  variationId: string;
  name: string;
  variationName: string;
  quantity: number;
  revenue: number;
  priceRuleDiscount: number;
}

export interface ModifierSums {
  optionId: string;
  groupName: string;
  name: string;
  quantity: number;
  revenue: number;
}

export interface WaiterSums {
  waiterId: string | null;
  displayName: string | null;
  orders: number;
  revenue: number;
  tips: number;
}

export interface MethodSums {
  methodId: string;
  name: string;
  kind: PaymentMethodKind;
  payments: number;
  received: number;
  change: number;
  tips: number;
  refunds: number;
  refunded: number;
}

export interface PrepTimeSums {
  key: string | null;
  name: string | null;
  items: number;
  totalMs: number;
  p50Ms: number;
  p90Ms: number;
}

export interface StaffAdjustmentSums {
  staffId: string | null;
  discounts: number;
  discountAmount: number;
  voids: number;
  voidedQuantity: number;
  voidedValue: number;
}

export interface DiscountEntry {
  orderId: string;
  orderNumber: number;
  businessDay: string;
  kind: 'percent' | 'amount';
  storedValue: number;
  amount: number;
  reason: string;
  appliedBy: string | null;
}

export interface VoidEntry {
  orderId: string;
  orderNumber: number;
  businessDay: string;
  itemId: string;
  dishId: string;
  name: string;
  variationName: string;
  quantity: number;
  value: number;
  reason: string | null;
  voidedBy: string | null;
  voidedAt: Date | null;
}

export interface StatusSums {
  status: string;
  orders: number;
  total: number;
  paid: number;
  due: number;
}
