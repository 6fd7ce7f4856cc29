import { Injectable, OnModuleInit } from '@nestjs/common';
import { In, IsNull, Not } from 'typeorm';
import { OrderType } from '../common/order-type';
import { Database } from '../database/database.service';
import { EventFeed } from '../event-log/event-feed';
import { EventType } from '../event-log/event-type';
import { Snapshot } from '../event-log/snapshot';
import { BusinessCalendar } from './business-calendar';
import { FulfilmentStatus } from './fulfilment';
import { OrderItem } from './order-item.entity';
import { LIVE_ITEM, OrderStatus } from './order-status';
import { Order } from './order.entity';

/** An order as a pickup board shows it: its number and kind, nothing about the person. */
export interface PickupOrder {
  orderId: string;
  number: number;
  type: OrderType;
  channel: string | null;
}

export interface PickupOrders {
  preparing: PickupOrder[];
  /** `readyAt`: when its last live item was put on the pass; ready longest first. */
  ready: Array<PickupOrder & { readyAt: string }>;
}

const AWAY_FROM_TABLES = [OrderType.Takeaway, OrderType.Delivery];
/** Accepted and not handed over yet: a pending order (awaiting acceptance) is no one's to wait for. */
const ON_THE_BOARD = [OrderStatus.Open, OrderStatus.InProgress, OrderStatus.Ready];
/** Handed over, whatever the items say: the customer is no longer waiting at the counter. */
const HANDED_OVER = [FulfilmentStatus.PickedUp, FulfilmentStatus.OutForDelivery, FulfilmentStatus.Delivered];

/** What can change a board: any order's event, and a day closed (a board shows the open day's orders). */
const BOARD_EVENTS = Object.values(EventType).filter(
  (type) => type.startsWith('order.') || type.startsWith('business_day.'),
);

/**
 * The orders a pickup board shows: takeaway and delivery orders (the restaurant's own and the channels') of the open
 * business day, accepted, with something live on them and not handed over, oldest first; `ready` once every live
 * item is ready (the order's status), ready longest first (the guests who have waited longest for the counter),
 * `preparing` before.
 */
@Injectable()
export class PickupBoardOrders implements OnModuleInit {
  /**
   * Every board asks every 2 seconds, and they all show the same orders: kept until an order changes or the day
   * turns, so a poll between changes reads nothing.
   */
  private readonly snapshot = new Snapshot(() => this.read(this.day));
  private day = '';

  constructor(
    private readonly database: Database,
    private readonly calendar: BusinessCalendar,
    private readonly feed: EventFeed,
  ) {}

  onModuleInit(): void {
    this.snapshot.dropOn(this.feed, BOARD_EVENTS);
  }

  now(): Promise<PickupOrders> {
    const today = this.calendar.today();
    if (today !== this.day) {
      this.day = today;
      this.snapshot.drop();
    }
    return this.snapshot.current();
  }

  private async read(businessDay: string): Promise<PickupOrders> {
    const reader = this.database.reader;
    const onTheBoard = {
      businessDay,
      type: In(AWAY_FROM_TABLES),
      status: In(ON_THE_BOARD),
    };
    // NOT IN leaves out a null status: an order from before fulfilments existed is asked for apart.
    const orders = await reader.find(Order, {
      where: [
        { ...onTheBoard, fulfilmentStatus: Not(In(HANDED_OVER)) },
        { ...onTheBoard, fulfilmentStatus: IsNull() },
      ],
      order: { createdAt: 'ASC', number: 'ASC' },
    });
    const items = orders.length
      ? await reader.find(OrderItem, {
          select: { orderId: true, status: true, readyAt: true },
          where: { orderId: In(orders.map((order) => order.id)) },
        })
      : [];
    const board: PickupOrders = { preparing: [], ready: [] };
    for (const order of orders) {
      const live = items.filter((item) => item.orderId === order.id && LIVE_ITEM(item.status));
      if (live.length === 0) continue;
      const shown = { orderId: order.id, number: order.number, type: order.type, channel: order.channel };
      if (order.status !== OrderStatus.Ready) board.preparing.push(shown);
      else board.ready.push({ ...shown, readyAt: lastReady(order, live) });
    }
    // ISO times of one zone sort as text; a stable sort keeps the oldest order first among equal times.
    board.ready.sort((a, b) => a.readyAt.localeCompare(b.readyAt));
    return board;
  }
}

/** When the last live item reached the pass (a served one by its readyAt too); else when the order last changed. */
function lastReady(order: Order, live: OrderItem[]): string {
  const latest = Math.max(...live.map((item) => item.readyAt?.getTime() ?? 0));
  return (latest > 0 ? new Date(latest) : order.updatedAt).toISOString();
}
