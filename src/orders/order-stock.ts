import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '../common/access/principal';
import type { Tx } from '../database/database.service';
import { InventoryDepletion } from '../inventory/inventory-depletion';
import { StockLine, VariationStock } from '../menu/variation-stock.service';
import { OrderItem } from './order-item.entity';
import { itemStock } from './order-lines';
import { UNSTARTED_ITEM } from './order-status';

/**
 * What order lines take from stock in the order's own transaction: counted portions of variations (the menu's),
 * then the ingredients of their recipes (the inventory's), in that lock order. Either refuses a line that cannot be
 * made with 422 OUT_OF_STOCK, and the order writes nothing.
 */
@Injectable()
export class OrderStock {
  constructor(
    private readonly counted: VariationStock,
    private readonly inventory: InventoryDepletion,
  ) {}

  async take(tx: Tx, lines: StockLine[], actor: Principal | null, orderId: string): Promise<void> {
    await this.counted.take(tx, lines);
    await this.inventory.take(tx, lines, actor ? actorOf(actor) : null, `order:${orderId}`);
  }

  /**
   * Gives back what lines took (a void, a cancellation, a smaller quantity). `made`: the kitchen started them, so
   * their ingredients are waste (docs/inventory.md); counted portions go back either way, as they always did.
   */
  async putBack(
    tx: Tx,
    lines: StockLine[],
    made: boolean,
    actor: Principal | null,
    orderId: string,
  ): Promise<void> {
    await this.counted.putBack(tx, lines);
    await this.inventory.giveBack(tx, lines, made, actor ? actorOf(actor) : null, `order:${orderId}`);
  }

  /** Gives back what these items took, each as made (waste) or not by whether the kitchen started it. */
  async putBackItems(tx: Tx, items: OrderItem[], actor: Principal | null, orderId: string): Promise<void> {
    for (const made of [false, true]) {
      const lines = items.filter((item) => UNSTARTED_ITEM(item.status) !== made);
      if (lines.length === 0) continue;
      await this.putBack(
        tx,
        lines.map((item) => itemStock(item, item.quantity, 'status')),
        made,
        actor,
        orderId,
      );
    }
  }
}
