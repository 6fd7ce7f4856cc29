import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { KitchenQuoteService } from '../orders/kitchen-quote.service';
import type { OrderView } from '../orders/dto/order.views';
import { FulfilmentStatus } from '../orders/fulfilment';
import { OrderCreation } from '../orders/order-creation.service';
import { OrderSource } from '../orders/order-status';
import { Order } from '../orders/order.entity';
import { OrdersService } from '../orders/orders.service';
import { PaymentsService } from '../payments/payments.service';
import { assertChannelCaller } from '../common/access/channel-access';
import { Channel, ChannelItem } from './channel.entities';
import { checkTotal, keepChannelPrices, orderLinesOf } from './channel-lines';
import { assertOpen } from './channels.service';
import type { ChannelOrderInput, ChannelQuoteInput } from './dto/channel-order.inputs';

/** What an ingestion answers: the order, and whether this request made it (201) or found it (200). */
export interface Ingested {
  created: boolean;
  order: OrderView;
}

/**
 * Orders posted by a channel. Idempotent by the channel's external id without an Idempotency-Key: the order is
 * looked up first, again inside the writing transaction before any stock is judged, and concurrent posts of one id
 * that still meet (PostgreSQL's writers do not take turns) fail on what the first took, the last portions or the
 * unique index (channel, external_id): they roll back, read the order again and answer the one the first made,
 * whatever they failed on.
 */
@Injectable()
export class ChannelOrders {
  constructor(
    private readonly database: Database,
    private readonly creation: OrderCreation,
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
    private readonly kitchen: KitchenQuoteService,
    private readonly clock: Clock,
  ) {}

  /** When the basket would be ready if ordered now: the kitchen's quote plus the channel's buffer. */
  async quote(principal: Principal, code: string, input: ChannelQuoteInput): Promise<{ readyAt: string }> {
    assertChannelCaller(principal, code);
    const channel = assertOpen(await this.database.reader.findOne(Channel, { where: { code } }), false);
    const mappings = await this.database.reader.find(ChannelItem, { where: { channelId: channel.id } });
    const lines = orderLinesOf(mappings, input.items);
    const ready = await this.kitchen.readyAt(lines, this.clock.now());
    return { readyAt: new Date(ready.getTime() + channel.prepBufferMinutes * 60_000).toISOString() };
  }

  async ingest(principal: Principal, code: string, input: ChannelOrderInput): Promise<Ingested> {
    assertChannelCaller(principal, code);
    const channel = assertOpen(await this.database.reader.findOne(Channel, { where: { code } }), false);
    const known = await this.find(code, input.externalId);
    if (known) return { created: false, order: known };
    try {
      return await this.create(principal, channel, input);
    } catch (error) {
      // A post that lost the race to its twin fails on whatever the twin took first (the last portions, the
      // unique index): once the twin has committed, it answers the twin's order.
      const first = await this.find(code, input.externalId);
      if (!first) throw error;
      return { created: false, order: first };
    }
  }

  private async create(principal: Principal, channel: Channel, input: ChannelOrderInput): Promise<Ingested> {
    assertOpen(channel, true);
    const mappings = await this.database.reader.find(ChannelItem, { where: { channelId: channel.id } });
    const lines = orderLinesOf(mappings, input.items);
    checkTotal(input.items, input.total);
    const made = await this.database.transaction(async (tx) => {
      // Writers of SQLite take turns: a twin that went first has committed by now, and is found before any stock
      // is judged.
      const twin = await tx.manager.findOne(Order, {
        where: { channel: channel.code, externalId: input.externalId },
        select: { id: true },
      });
      if (twin) return null;
      const { order: created, view } = await withTopLevelFields(() =>
        this.creation.createIn(
          tx,
          principal,
          {
            type: input.type,
            items: lines,
            fulfilment: {
              customerName: input.customerName,
              phone: input.phone,
              address: input.address,
              promisedAt: input.promisedAt,
            },
          },
          OrderSource.Api,
          {
            channel: channel.code,
            externalId: input.externalId,
            keepInvalidPhone: true,
            status: channel.autoAccept ? FulfilmentStatus.Accepted : FulfilmentStatus.Received,
            pending: !channel.autoAccept,
            adjust: (items) => keepChannelPrices(items, input.items),
          },
        ),
      );
      return input.paidByChannel && created.total > 0
        ? this.payments.payByChannel(principal, created.id)
        : view;
    });
    if (made) return { created: true, order: made };
    const twin = await this.find(channel.code, input.externalId);
    return { created: false, order: twin! };
  }

  private async find(code: string, externalId: string): Promise<OrderView | null> {
    const order = await this.database.reader.findOne(Order, {
      where: { channel: code, externalId },
      select: { id: true },
    });
    return order ? this.orders.get(order.id) : null;
  }
}

/** The order's fulfilment fields are top-level in a channel's post: its 422s name them so. */
async function withTopLevelFields<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      error instanceof DomainError &&
      error.code === ErrorCode.ValidationError &&
      Array.isArray(error.details)
    ) {
      throw DomainError.validation(
        error.details.map((problem: { field: string; message: string }) => ({
          ...problem,
          field: problem.field.replace(/^fulfilment\./, ''),
        })),
      );
    }
    throw error;
  }
}
