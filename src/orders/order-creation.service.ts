import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { assertOwnOrderPoster } from '../common/access/channel-access';
import type { Principal } from '../common/access/principal';
import { Clock } from '../common/time/clock';
import { AuditLog } from '../audit/audit-log.service';
import { Database, Tx } from '../database/database.service';
import { AppConfig } from '../config/app-config';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { BusinessCalendar } from './business-calendar';
import type { CreateOrderInput } from './dto/order.inputs';
import { raiseIfSentToKitchen } from './kitchen-lines';
import { OrderView } from './dto/order.views';
import { FulfilmentStatus } from './fulfilment';
import { FulfilmentOrigin, fulfilmentFields } from './fulfilment-fields';
import { OrderItem } from './order-item.entity';
import { orderAudience } from './order-audience';
import { OrderLines } from './order-lines';
import { OrderStock } from './order-stock';
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
    private readonly stock: OrderStock,
    private readonly totals: OrderTotals,
    private readonly tables: TableFollowing,
    private readonly numbering: OrderNumbering,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    idempotency: IdempotencyService,
  ) {
    idempotency.holdingIds(async (tx, ids) => [
      ...(await tx.manager.find(Order, { select: { id: true }, where: { id: In([...ids]) } })).map(
        ({ id }) => ({ id, held: 'an order' }),
      ),
      ...(await tx.manager.find(OrderItem, { select: { id: true }, where: { id: In([...ids]) } })).map(
        ({ id }) => ({ id, held: 'an order item' }),
      ),
    ]);
  }

  /**
   * Creates an order: staff orders go straight to the kitchen; QR orders wait, `pending`, for a waiter. A key
   * bound to a channel posts at the channel's route instead (403).
   */
  async create(
    actor: Principal | null,
    input: CreateOrderInput,
    source: OrderSource,
    deviceId: string | null = null,
  ): Promise<OrderView> {
    assertOwnOrderPoster(actor);
    // What the restaurant keys in itself it has accepted; an integration's order waits to be accepted.
    const status = source === OrderSource.Staff ? FulfilmentStatus.Accepted : FulfilmentStatus.Received;
    return this.database.transaction(
      async (tx) => (await this.createIn(tx, actor, input, source, { status, deviceId })).view,
    );
  }

  /**
   * Creates an order inside the caller's transaction (a channel's ingestion): the lines, the stock, the table,
   * the fulfilment (`origin`: channel, externalId and its first status, `received` by default), the ticket number
   * and order.created. `pending` keeps it from the kitchen until accepted (QR orders always are); `adjust` may
   * change the new items (a channel's prices) before the totals are computed. A second order with the same
   * channel and externalId fails on the unique index `orders_channel_external_id`.
   */
  async createIn(
    tx: Tx,
    actor: Principal | null,
    input: CreateOrderInput,
    source: OrderSource,
    options: FulfilmentOrigin & {
      pending?: boolean;
      adjust?: (items: OrderItem[]) => void;
      deviceId?: string | null;
    } = {},
  ): Promise<{ order: Order; items: OrderItem[]; view: OrderView }> {
    // Lines are checked against the menu kept in memory: a bad line throws before anything is written.
    const orderables = await this.lines.resolve(input.items, 'items', input.type);
    this.lines.checkSeats(input.items, input.guests ?? null, 'items');
    const fulfilment = fulfilmentFields(input.type, input.fulfilment, options, this.config.phoneRegion);
    const now = this.clock.now();
    const businessDay = this.calendar.openDayAt(now);
    // The ticket number is taken while the table's lock is asked for (two round trips at once on PostgreSQL); an
    // order refused after it leaves its number unused, as one rolled back does.
    const [table, number] = await Promise.all([
      this.tables.tableOf(tx, input.type, input.tableId),
      this.numbering.next(tx, businessDay),
    ]);
    const pending = source === OrderSource.Qr || options.pending === true;
    if (table && !pending) await this.tables.occupy(tx, actor, table);
    // A client's id (an offline tablet's) is the order's: its retry meets it (IdempotencyService).
    const orderId = input.id ?? randomUUID();
    await this.stock.take(tx, this.lines.stockOf(orderables, input.items, 'items'), actor, orderId);
    const priced = await this.lines.price(tx.manager, orderables, input.type, table);
    const order = Object.assign(new Order(), {
      id: orderId,
      number,
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
      ...fulfilment,
      splitFrom: null,
      discountKind: null,
      discountValue: null,
      discountReason: null,
      discountBy: null,
      paymentStatus: PaymentStatus.Unpaid,
      paid: 0,
      refunded: 0,
      tips: 0,
      rush: false,
      version: 1,
      cancelReason: null,
      shares: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      billPrintedAt: null,
      deviceId: options.deviceId ?? null,
    });
    const items = this.lines.newItems(order, priced, input.items, 0, pending ? null : now);
    options.adjust?.(items);
    this.totals.apply(order, items);
    await this.numbering.insert(tx, [order], items);
    raiseIfSentToKitchen(this.eventLog, tx, order, items, '');
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
    return { order, items, view };
  }
}
