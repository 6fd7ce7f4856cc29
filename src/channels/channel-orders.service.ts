import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { isUniqueViolation } from '../common/errors/unique-violation';
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
 * looked up first, and concurrent posts of one id meet on the unique index (channel, external_id), where all but
 * the first fail, roll back and answer the order the first made.
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
    assertOpen(channel, true);
    const mappings = await this.database.reader.find(ChannelItem, { where: { channelId: channel.id } });
    const lines = orderLinesOf(mappings, input.items);
    checkTotal(input.items, input.total);
    try {
      const order = await this.database.transaction(async (tx) => {
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
              channel: code,
              externalId: input.externalId,
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
      return { created: true, order };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const first = await this.find(code, input.externalId);
      if (!first) throw error;
      return { created: false, order: first };
    }
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
