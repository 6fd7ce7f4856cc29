import { Injectable } from '@nestjs/common';
import type { FindOptionsWhere } from 'typeorm';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { DiningTable } from '../floor/table.entity';
import type { OrderView } from '../orders/dto/order.views';
import type { Order } from '../orders/order.entity';
import { ItemStatus } from '../orders/order-status';
import { OrdersService } from '../orders/orders.service';
import { User } from '../users/user.entity';
import { guestComponents } from './combo-lines';
import type { GuestCheckDocument } from './document-types';

/** The order view with the per-rate tax rows the tax rules add, when they do. */
type OrderWithTaxes = OrderView & { taxes?: GuestCheckDocument['taxes'] };

/** The guest check (pre-bill) of an order as it stands. */
@Injectable()
export class BillService {
  constructor(
    private readonly orders: OrdersService,
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** Four reads: the order, its items, then its table's and its waiter's names (those two at once). */
  async guestCheck(orderId: string, within: FindOptionsWhere<Order> = {}): Promise<GuestCheckDocument> {
    const order: OrderWithTaxes = await this.orders.get(orderId, within);
    const reader = this.database.reader;
    const [table, waiter] = await Promise.all([
      order.tableId
        ? reader.findOne(DiningTable, { where: { id: order.tableId }, select: { name: true } })
        : null,
      order.waiterId
        ? reader.findOne(User, { where: { id: order.waiterId }, select: { displayName: true } })
        : null,
    ]);
    const share = order.shares[0];
    return {
      kind: 'guest_check',
      orderNumber: order.number,
      tableName: table?.name ?? null,
      waiterName: waiter?.displayName ?? null,
      guests: order.guests,
      split: share ? { part: share.direction === 'in' ? share.part : 1, parts: share.parts } : null,
      lines: order.items
        .filter((item) => item.status !== ItemStatus.Cancelled)
        .map((item) => ({
          name: item.name,
          variationName: item.variationName,
          quantity: item.quantity,
          unitPrice: item.unitPrice,
          modifiers: item.modifiers.map(({ name, priceDelta }) => ({ name, priceDelta })),
          seat: item.seat,
          total: item.total,
          ...guestComponents(item),
        })),
      subtotal: order.subtotal,
      discount: order.discount,
      discountDetail: order.discountDetail,
      serviceCharge: order.serviceCharge,
      tax: order.tax,
      taxes: order.taxes?.map(({ name, percent, net, tax, gross }) => ({ name, percent, net, tax, gross })),
      total: order.total,
      paid: order.paid,
      due: order.due,
      printedAt: this.clock.now().toISOString(),
    };
  }
}
