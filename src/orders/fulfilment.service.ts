import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { EventType } from '../event-log/event-type';
import type { FulfilmentChangeInput } from './dto/fulfilment.inputs';
import { OrderView } from './dto/order.views';
import { assertFulfilmentTransition, FulfilmentStatus, KITCHEN_FULFILMENT_STATUSES } from './fulfilment';
import { courierOf } from './fulfilment-fields';
import { OrderChanges } from './order-changes';
import { fireAccepted, OrderStatus } from './order-status';
import { OrderType } from '../common/order-type';
import { OrdersService } from './orders.service';
import { RejectionRefunds } from './rejection-refunds';
import { Role } from '../common/access/role';

/** The fulfilment of takeaway and delivery orders: its status machine, the courier and the promised time. */
@Injectable()
export class FulfilmentService {
  constructor(
    private readonly changes: OrderChanges,
    private readonly orders: OrdersService,
    private readonly rejectionRefunds: RejectionRefunds,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * One change of an order's fulfilment, with order.fulfilment_changed (the order, with `previousFulfilmentStatus`)
   * in the same transaction. Accepting a pending order opens it for the kitchen; rejecting (with a reason) cancels
   * the order, reversing what a channel was paid for it first (RejectionRefunds). 409 INVALID_TRANSITION off the
   * machine, on a dine-in order or a cancelled one; 403 for a key of another channel (assertOrderWriter).
   */
  async change(
    actor: Principal,
    id: string,
    ifMatch: number | undefined,
    input: FulfilmentChangeInput,
  ): Promise<OrderView> {
    if (input.status === undefined && input.courier === undefined && input.promisedAt === undefined) {
      throw DomainError.invalidField('status', 'is required when neither courier nor promisedAt changes');
    }
    assertKitchenMayChange(actor, input);
    return this.changes.changeBy(actor, id, ifMatch, async (change) => {
      const { tx, order, items, emit } = change;
      const previous = order.fulfilmentStatus;
      if (previous === null) {
        throw new DomainError(ErrorCode.InvalidTransition, 'A dine-in order has no fulfilment');
      }
      if (order.status === OrderStatus.Cancelled && input.status !== undefined) {
        throw new DomainError(ErrorCode.InvalidTransition, 'The order is cancelled');
      }
      if (input.courier !== undefined) {
        if (order.type !== OrderType.Delivery)
          throw DomainError.invalidField('courier', 'only delivery orders have a courier');
        order.courier = courierOf(input.courier, this.config.phoneRegion);
      }
      if (input.promisedAt !== undefined) order.promisedAt = new Date(input.promisedAt);
      if (input.status !== undefined) {
        assertFulfilmentTransition(order.type, previous, input.status);
        if (input.status === FulfilmentStatus.Rejected) {
          if (!input.reason) throw DomainError.invalidField('reason', 'is required to reject an order');
          if (order.paid > 0) await this.rejectionRefunds.apply(change, actor, input.reason);
          await this.orders.cancel(tx, actor, order, items, input.reason);
          order.fulfilmentReason = input.reason;
          emit(EventType.OrderStatusChanged, 'status', { previousStatus: order.status });
          order.status = OrderStatus.Cancelled;
        }
        if (input.status === FulfilmentStatus.Accepted && order.status === OrderStatus.Pending) {
          fireAccepted(items, this.clock.now());
          emit(EventType.OrderStatusChanged, 'status', { previousStatus: order.status });
          order.status = OrderStatus.Open;
        }
        order.fulfilmentStatus = input.status;
      }
      emit(EventType.OrderFulfilmentChanged, 'fulfilment', { previousFulfilmentStatus: previous });
    });
  }
}

/** The kitchen (the expo at the pass) says an order is ready or hands it over; the rest is the floor's: 403. */
function assertKitchenMayChange(actor: Principal, input: FulfilmentChangeInput): void {
  if (actor.kind !== 'staff' || actor.role !== Role.Kitchen) return;
  const handsOver = input.status !== undefined && KITCHEN_FULFILMENT_STATUSES.includes(input.status);
  if (!handsOver || input.courier !== undefined || input.promisedAt !== undefined) {
    throw new DomainError(
      ErrorCode.Forbidden,
      'The kitchen may only mark an order ready, picked up or out for delivery',
    );
  }
}
