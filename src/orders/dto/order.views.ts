import { ApiProperty } from '@nestjs/swagger';
import type { OrderItem } from '../order-item.entity';
import type { Order } from '../order.entity';
import { amountsOwed, ppmToPercent } from '../../money';
import { FulfilmentView, PERSONAL } from './fulfilment.views';
import { itemViews, OrderItemView, TaxRowView } from './order-item.views';
import { OrderSource, OrderStatus, OrderType, PaymentStatus } from '../order-status';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export class OrderDiscountView {
  @ApiProperty({ enum: ['percent', 'amount'] }) kind!: 'percent' | 'amount';
  @ApiProperty({
    description: 'A percentage (12.5) or an amount in minor units',
    example: 10,
    format: 'double',
  })
  value!: number;
  @ApiProperty({ example: 'regular guest' }) reason!: string;
}

export class OrderShareView {
  @ApiProperty({
    format: 'uuid',
    description: 'The same on the order that gave it and the one that received it',
  })
  id!: string;
  @ApiProperty({ enum: ['in', 'out'], description: 'out: this order gave it; in: this order received it' })
  direction!: 'in' | 'out';
  @ApiProperty({ format: 'uuid', description: 'The order split evenly (as it was at the split)' })
  fromOrderId!: string;
  @ApiProperty({ format: 'uuid', description: 'The order that received the part (as it was at the split)' })
  toOrderId!: string;
  @ApiProperty({ example: 2 }) part!: number;
  @ApiProperty({ example: 3 }) parts!: number;
  @ApiProperty({ description: 'Minor units' }) subtotal!: number;
  @ApiProperty({ description: 'Minor units' }) discount!: number;
  @ApiProperty({ description: 'Minor units' }) serviceCharge!: number;
  @ApiProperty({ description: 'Minor units' }) tax!: number;
  @ApiProperty({ description: 'Minor units' }) total!: number;
  @ApiProperty({ type: [TaxRowView], description: 'The part of each tax row it moved' }) taxes!: TaxRowView[];
}

export class OrderCustomerView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    required: false,
    example: 'Ada Lovelace',
    description: `null once erased. ${PERSONAL}`,
  })
  name!: string | null;
  @ApiProperty({
    type: [String],
    required: false,
    example: ['peanuts', 'milk'],
    description: `Codes of GET /allergens: what the kitchen must keep out of this guest’s food. ${PERSONAL}`,
  })
  allergens!: string[];
}

export class OrderView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 42, description: 'Ticket number, restarting each business day' }) number!: number;
  @ApiProperty({ example: '2026-11-22', description: 'The business day of the ticket number' })
  businessDay!: string;
  @ApiProperty({ enum: OrderType, enumName: 'OrderType' }) type!: OrderType;
  @ApiProperty({ enum: OrderSource, enumName: 'OrderSource' }) source!: OrderSource;
  @ApiProperty({ enum: OrderStatus, enumName: 'OrderStatus' }) status!: OrderStatus;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) tableId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) waiterId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) guests!: number | null;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({
    type: OrderCustomerView,
    nullable: true,
    description: 'The guest it is for (POST /orders/{id}/customer), with their allergens; null when none',
  })
  customer!: OrderCustomerView | null;
  @ApiProperty({
    type: FulfilmentView,
    nullable: true,
    description:
      'Takeaway and delivery: the customer, the promised time, the channel, the courier; null on dine-in',
  })
  fulfilment!: FulfilmentView | null;
  @ApiProperty({ type: [OrderItemView] }) items!: OrderItemView[];
  @ApiProperty({ description: 'Minor units' }) subtotal!: number;
  @ApiProperty({ description: 'Minor units' }) discount!: number;
  @ApiProperty({ type: OrderDiscountView, nullable: true }) discountDetail!: OrderDiscountView | null;
  @ApiProperty({ description: 'Minor units; dine-in only' }) serviceCharge!: number;
  @ApiProperty({ description: 'Minor units; contained in the total or added to it, by PRICES_INCLUDE_TAX' })
  tax!: number;
  @ApiProperty({ description: 'Minor units' }) total!: number;
  @ApiProperty({
    type: [TaxRowView],
    description:
      'The tax breakdown, one row per rate (docs/money.md): sum(gross) = total, sum(tax) = tax, ' +
      'sum(net) = total - tax',
  })
  taxes!: TaxRowView[];
  @ApiProperty({
    type: [OrderShareView],
    description:
      'Parts of the money given to (out) or received from (in) other orders by an even split; the totals ' +
      'include them. The food stays on the order that was split.',
  })
  shares!: OrderShareView[];
  @ApiProperty({ description: 'Minor units paid, net of refunds; tips excluded' }) paid!: number;
  @ApiProperty({ description: 'Minor units still to pay' }) due!: number;
  @ApiProperty({
    description:
      'Minor units owed back to the guest when a discount or a void left more paid than the total; ' +
      'the order cannot close until it is refunded',
  })
  refundDue!: number;
  @ApiProperty({ enum: PaymentStatus, enumName: 'PaymentStatus' }) paymentStatus!: PaymentStatus;
  @ApiProperty({
    description: 'The floor asked the kitchen to cook it first (PATCH /orders/{id}); kitchen screens flag it',
  })
  rush!: boolean;
  @ApiProperty({ description: 'Send back in If-Match to reject stale writes' }) version!: number;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description:
      'When its guest check was last printed (POST /orders/{id}/print-bill): the bill was asked for',
  })
  billPrintedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'tablet-7',
    description: 'The device it was opened on (X-Device-Id); a split check keeps its original’s',
  })
  deviceId!: string | null;

  static of(this: void, order: Order, items: OrderItem[]): OrderView {
    return {
      id: order.id,
      number: order.number,
      businessDay: order.businessDay,
      type: order.type,
      source: order.source,
      status: order.status,
      tableId: order.tableId,
      waiterId: order.waiterId,
      guests: order.guests,
      notes: order.notes,
      customer: order.customerId
        ? { id: order.customerId, name: order.customerName, allergens: order.customerAllergens ?? [] }
        : null,
      fulfilment: FulfilmentView.of(order),
      items: itemViews(items),
      subtotal: order.subtotal,
      discount: order.discount,
      discountDetail:
        order.discountKind && order.discountValue !== null
          ? {
              kind: order.discountKind,
              value:
                order.discountKind === 'percent' ? ppmToPercent(order.discountValue) : order.discountValue,
              reason: order.discountReason ?? '',
            }
          : null,
      serviceCharge: order.serviceCharge,
      tax: order.tax,
      total: order.total,
      taxes: order.taxes.map((row) => ({ ...row })),
      shares: order.shares.map((share) => ({
        ...share,
        taxes: (share.taxes ?? []).map((row) => ({ ...row })),
      })),
      paid: order.paid,
      due: order.due,
      refundDue: amountsOwed(order.total, order.paid).refundDue,
      paymentStatus: order.paymentStatus,
      rush: order.rush,
      version: order.version,
      cancelReason: order.cancelReason,
      createdAt: order.createdAt.toISOString(),
      updatedAt: order.updatedAt.toISOString(),
      closedAt: iso(order.closedAt),
      billPrintedAt: iso(order.billPrintedAt),
      deviceId: order.deviceId,
    };
  }
}

export class OrderStatsView {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ description: 'Orders created in the period' }) orders!: number;
  @ApiProperty({
    description: 'Orders by status',
    additionalProperties: { type: 'integer' },
    example: { closed: 40, cancelled: 2 },
  })
  byStatus!: Record<string, number>;
  @ApiProperty({ description: 'Minor units paid for the period’s orders, net of refunds' }) revenue!: number;
  @ApiProperty({ description: 'Minor units' }) discounts!: number;
  @ApiProperty({ description: 'Minor units' }) serviceCharges!: number;
  @ApiProperty({ description: 'Minor units' }) tax!: number;
  @ApiProperty({ description: 'Minor units of tips' }) tips!: number;
  @ApiProperty({ description: 'Revenue per closed order, minor units' }) averageTicket!: number;
}

export class OrdersView {
  @ApiProperty({
    type: [OrderView],
    description:
      'Every order involved, the one in the path first, then the others in the order of the request',
  })
  orders!: OrderView[];
}
