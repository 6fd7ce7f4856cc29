import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import { variationSubject } from '../audit/browser/audit-subject';
import type { StaffPrincipal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import type { Tx } from '../database/database.service';
import { EventType } from '../event-log/event-type';
import type { UpdateOrderInput, UpdateOrderItemInput } from './dto/order.inputs';
import { OrderView } from './dto/order.views';
import { findItems } from './combo-items';
import { OrderChanges } from './order-changes';
import { OrderItem } from './order-item.entity';
import { itemStock, seatProblem } from './order-lines';
import { OrderStock } from './order-stock';
import { ACTIVE_ORDER_STATUSES, assertOrderIn, LIVE_ITEM, OrderStatus, UNSTARTED_ITEM } from './order-status';
import { Order } from './order.entity';

/** What the floor changes on an order and its lines once they are written: the rush flag, quantities, seats. */
@Injectable()
export class OrderEdits {
  constructor(
    private readonly changes: OrderChanges,
    private readonly auditLog: AuditLog,
    private readonly stock: OrderStock,
    private readonly clock: Clock,
  ) {}

  /** Flags the order for the kitchen to cook first (or not): order.updated reaches its stations' screens. */
  update(id: string, ifMatch: number | undefined, input: UpdateOrderInput): Promise<OrderView> {
    return this.changes.change(id, ifMatch, ({ order, emit }) => {
      assertOrderIn(order.status, [OrderStatus.Pending, ...ACTIVE_ORDER_STATUSES], 'change');
      order.rush = input.rush;
      emit(EventType.OrderUpdated, 'work');
      return Promise.resolve();
    });
  }

  /**
   * Quantity and comment while the kitchen has not started the item; its seat whatever its status (audited). An
   * item the kitchen was sent already gets `changedAt`, so its screen can mark what changed.
   */
  editItem(
    actor: StaffPrincipal,
    id: string,
    itemId: string,
    ifMatch: number | undefined,
    input: UpdateOrderItemInput,
  ): Promise<OrderView> {
    return this.changes.change(id, ifMatch, async ({ tx, order, items, emit }) => {
      assertOrderIn(order.status, [OrderStatus.Pending, ...ACTIVE_ORDER_STATUSES], 'edit items of');
      const editsLine = input.quantity !== undefined || input.comment !== undefined;
      for (const item of findItems(items, itemId, true)) {
        if (editsLine && !UNSTARTED_ITEM(item.status)) {
          throw new DomainError(
            ErrorCode.InvalidTransition,
            'Only items the kitchen has not started can change quantity or comment',
          );
        }
        const before = { quantity: item.quantity, comment: item.comment, seat: item.seat };
        if (input.quantity !== undefined) {
          // A counted variation's stock follows the new quantity, both ways; more than is left is refused.
          const more = input.quantity - item.quantity;
          if (more > 0) await this.stock.take(tx, [itemStock(item, more, 'quantity')], actor, order.id);
          if (more < 0) {
            await this.stock.putBack(tx, [itemStock(item, -more, 'quantity')], false, actor, order.id);
          }
          item.quantity = input.quantity;
        }
        if (input.comment !== undefined) item.comment = input.comment;
        if (input.seat !== undefined && input.seat !== item.seat)
          await this.seat(tx, actor, order, item, input.seat);
        const changed =
          item.quantity !== before.quantity || item.comment !== before.comment || item.seat !== before.seat;
        if (changed && item.firedAt !== null) item.changedAt = this.clock.now();
      }
      emit(EventType.OrderUpdated, 'work');
    });
  }

  private async seat(
    tx: Tx,
    actor: StaffPrincipal,
    order: Order,
    item: OrderItem,
    seat: number | null,
  ): Promise<void> {
    if (!LIVE_ITEM(item.status)) {
      throw new DomainError(ErrorCode.InvalidTransition, 'A cancelled item has no seat to move to');
    }
    const problem = seatProblem(seat, order.guests);
    if (problem) throw DomainError.invalidField('seat', problem);
    await this.auditLog.record(tx, actor, {
      action: 'order_item.seat_changed',
      entityType: 'order_item',
      entityId: item.id,
      subject: variationSubject(item.name, item.variationName),
      before: { orderId: order.id, seat: item.seat },
      after: { orderId: order.id, seat },
    });
    item.seat = seat;
  }
}
