import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../common/access/principal';
import { Clock } from '../common/time/clock';
import { AuditLog } from '../audit/audit-log.service';
import { VariationStock } from '../menu/variation-stock.service';
import { Database } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { BusinessCalendar } from './business-calendar';
import type { CreateOrderInput } from './dto/order.inputs';
import { OrderView } from './dto/order.views';
import { orderAudience } from './order-audience';
import { OrderLines } from './order-lines';
import { OrderNumbering } from './order-numbering';
import { OrderSource, OrderStatus, PaymentStatus } from './order-status';
import { OrderTotals } from './order-totals';
import { Order } from './order.entity';
import { TableFollowing } from './table-following';

/** Opening orders: staff, QR and API orders alike, each with the next ticket number of its day. */
@Injectable()
export class OrderCreation {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly auditLog: AuditLog,
    private readonly lines: OrderLines,
    private readonly stock: VariationStock,
    private readonly totals: OrderTotals,
    private readonly tables: TableFollowing,
    private readonly numbering: OrderNumbering,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
  ) {}

  /** Creates an order: staff orders go straight to the kitchen; QR orders wait, `pending`, for a waiter. */
  async create(actor: Principal | null, input: CreateOrderInput, source: OrderSource): Promise<OrderView> {
    // Lines are checked against the menu kept in memory, before the transaction: a bad line writes nothing.
    const orderables = await this.lines.resolve(input.items, 'items', input.type);
    this.lines.checkSeats(input.items, input.guests ?? null, 'items');
    return this.database.transaction(async (tx) => {
      const table = await this.tables.tableOf(tx, input.type, input.tableId);
      const now = this.clock.now();
      const businessDay = this.calendar.dayOf(now);
      const pending = source === OrderSource.Qr;
      if (table && !pending) await this.tables.occupy(tx, actor, table);
      await this.stock.take(tx, this.lines.stockOf(orderables, input.items, 'items'));
      const order = Object.assign(new Order(), {
        id: randomUUID(),
        number: 0,
        businessDay,
        type: input.type,
        source,
        status: pending ? OrderStatus.Pending : OrderStatus.Open,
        tableId: table?.id ?? null,
        seating: table?.seating ?? null,
        waiterId: actor?.kind === 'staff' ? actor.userId : null,
        guests: input.guests ?? null,
        notes: input.notes ?? null,
        customerId: null,
        customerName: null,
        customerAllergens: null,
        discountKind: null,
        discountValue: null,
        discountReason: null,
        discountBy: null,
        paymentStatus: PaymentStatus.Unpaid,
        paid: 0,
        refunded: 0,
        tips: 0,
        version: 1,
        cancelReason: null,
        shares: [],
        createdAt: now,
        updatedAt: now,
        closedAt: null,
      });
      const items = this.lines.newItems(order, orderables, input.items, 0, pending ? null : now);
      this.totals.apply(order, items);
      await this.numbering.insertNumbered(tx, [order], items);
      const view = OrderView.of(order, items);
      this.eventLog.append(tx, {
        type: EventType.OrderCreated,
        data: { ...view },
        audience: orderAudience(order, items, 'work'),
      });
      // An order from outside the restaurant names its API key as author; staff orders name their waiter.
      if (actor?.kind === 'apiKey') {
        await this.auditLog.record(tx, actor, {
          action: 'order.created',
          entityType: 'order',
          entityId: order.id,
          after: view,
        });
      }
      return view;
    });
  }
}
