import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { MenuService, Orderable } from '../menu/menu.service';
import type { OrderItemInput } from './dto/order.inputs';
import { OrderItem } from './order-item.entity';
import { ItemStatus } from './order-status';
import type { Order } from './order.entity';

/** Order lines from what a client sent: checked against the menu, then copied onto new items. */
@Injectable()
export class OrderLines {
  constructor(
    private readonly menu: MenuService,
    private readonly clock: Clock,
  ) {}

  /** Menu lookups for new lines; any unknown or unavailable one rejects the whole request with 422. */
  async resolve(lines: OrderItemInput[], path: string): Promise<Orderable[]> {
    const resolved = await this.menu.orderables(lines);
    const problems: FieldProblem[] = [];
    resolved.forEach((result, i) => {
      if (!Array.isArray(result)) return;
      for (const { field, message } of result) problems.push({ field: `${path}[${i}].${field}`, message });
    });
    if (problems.length > 0) throw DomainError.validation(problems);
    return resolved as Orderable[];
  }

  /** A new line of `order`, copied from the menu: later menu changes leave it as it is. */
  newItem(
    order: Order,
    orderable: Orderable,
    line: OrderItemInput,
    position: number,
    firedAt: Date | null,
  ): OrderItem {
    return Object.assign(new OrderItem(), {
      id: randomUUID(),
      orderId: order.id,
      position,
      ...orderable,
      quantity: line.quantity,
      comment: line.comment ?? null,
      status: ItemStatus.New,
      firedAt,
      startedAt: null,
      readyAt: null,
      servedAt: null,
      cancelledAt: null,
      voidReason: null,
      voidedBy: null,
      delayedAt: null,
      createdAt: this.clock.now(),
    });
  }
}
