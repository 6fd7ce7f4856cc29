import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { FindOptionsWhere } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { actorOf, Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { CreatePurchaseOrderInput, PurchaseOrderQuery, ReceiptInput } from './dto/receiving.inputs';
import { PurchaseOrderView } from './dto/receiving.views';
import { IngredientStock, MovementReason } from './inventory.entities';
import { PurchaseOrder, PurchaseOrderLine, PurchaseOrderStatus } from './receiving.entities';
import { StockLedger } from './stock-ledger';
import { StockedIngredients } from './stocked-ingredients.service';
import { Suppliers } from './suppliers.service';

/** What a receipt or a cancellation may still change. */
const OUTSTANDING = [PurchaseOrderStatus.Open, PurchaseOrderStatus.PartlyReceived];

/**
 * `/purchase-orders`: packs ordered from a supplier at its prices, received in one or more receipts (each line a
 * `receipt` movement through the one ledger, the ingredient's cost following the last price paid), or cancelled.
 */
@Injectable()
export class PurchaseOrders {
  constructor(
    private readonly database: Database,
    private readonly suppliers: Suppliers,
    private readonly ledger: StockLedger,
    private readonly stocked: StockedIngredients,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
  ) {}

  async list(query: PurchaseOrderQuery): Promise<Page<PurchaseOrderView>> {
    const where: FindOptionsWhere<PurchaseOrder> = {};
    if (query.supplierId) where.supplierId = query.supplierId;
    if (query.status) where.status = query.status;
    const [rows, total] = await this.database.reader.findAndCount(PurchaseOrder, {
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(rows.map(PurchaseOrderView.of), total, query);
  }

  async get(id: string): Promise<PurchaseOrderView> {
    const order = await this.database.reader.findOne(PurchaseOrder, { where: { id } });
    if (!order) throw DomainError.notFound('Purchase order');
    return PurchaseOrderView.of(order);
  }

  /** Each line an ingredient the supplier has a price for (422 else), at that price unless another is given. */
  create(principal: Principal, input: CreatePurchaseOrderInput): Promise<PurchaseOrderView> {
    return this.database.transaction(async (tx) => {
      const supplier = await this.suppliers.find(tx.manager, input.supplierId);
      const prices = new Map(supplier.prices.map((price) => [price.ingredientId, price]));
      const problems: Array<{ field: string; message: string }> = [];
      const seen = new Set<string>();
      input.lines.forEach((line, i) => {
        const field = `lines[${i}].ingredientId`;
        if (!prices.has(line.ingredientId))
          problems.push({ field, message: 'has no pack price at this supplier' });
        else if (seen.has(line.ingredientId)) problems.push({ field, message: 'is ordered already' });
        seen.add(line.ingredientId);
      });
      if (problems.length > 0) throw DomainError.validation(problems);
      const now = this.clock.now();
      const order = tx.manager.create(PurchaseOrder, {
        id: randomUUID(),
        supplierId: supplier.id,
        status: PurchaseOrderStatus.Open,
        lines: input.lines.map((line): PurchaseOrderLine => {
          const price = prices.get(line.ingredientId)!;
          return {
            ingredientId: line.ingredientId,
            packName: price.packName,
            baseQuantity: price.baseQuantity,
            packs: line.packs,
            packPrice: line.packPrice ?? price.packPrice,
            receivedPacks: 0,
          };
        }),
        createdBy: actorOf(principal),
        createdAt: now,
        updatedAt: now,
      });
      await tx.manager.insert(PurchaseOrder, order);
      const view = PurchaseOrderView.of(order);
      await this.auditLog.record(tx, principal, {
        action: 'purchase_order.created',
        entityType: 'purchase_order',
        entityId: order.id,
        subject: supplier.name,
        after: view,
      });
      return view;
    });
  }

  /**
   * Books each line as a `receipt` movement of packs × the pack's base units, after setting the ingredient's cost
   * per 1,000 base units from the price paid; the order is received once every line has come (partly before).
   */
  receive(principal: Principal, id: string, input: ReceiptInput): Promise<PurchaseOrderView> {
    return this.database.transaction(async (tx) => {
      const order = await this.lockOutstanding(tx, id);
      const before = PurchaseOrderView.of(order);
      const lines = new Map(order.lines.map((line) => [line.ingredientId, line]));
      const problems = input.lines.flatMap((line, i) =>
        lines.has(line.ingredientId)
          ? []
          : [{ field: `lines[${i}].ingredientId`, message: 'is not an ingredient of this order' }],
      );
      if (problems.length > 0) throw DomainError.validation(problems);
      await this.stocked.ensure(
        tx,
        input.lines.map((line) => line.ingredientId),
      );
      const costs = new Map<string, number>();
      for (const line of input.lines) {
        const ordered = lines.get(line.ingredientId)!;
        ordered.receivedPacks += line.packs;
        // The last price paid sets the cost (a line later in the same receipt wins).
        costs.set(line.ingredientId, Math.round((line.packPrice * 1000) / ordered.baseQuantity));
      }
      for (const [ingredientId, costPerThousand] of costs)
        await tx.manager.update(IngredientStock, { ingredientId }, { costPerThousand });
      const by = actorOf(principal);
      await this.ledger.move(
        tx,
        input.lines.map((line) => ({
          ingredientId: line.ingredientId,
          quantity: line.packs * lines.get(line.ingredientId)!.baseQuantity,
          reason: MovementReason.Receipt,
          ref: `purchase_order:${order.id}`,
          note: `${line.packs} × ${lines.get(line.ingredientId)!.packName} at ${line.packPrice}`.slice(
            0,
            255,
          ),
          by,
        })),
      );
      order.status = order.lines.every((line) => line.receivedPacks >= line.packs)
        ? PurchaseOrderStatus.Received
        : PurchaseOrderStatus.PartlyReceived;
      order.updatedAt = this.clock.now();
      await tx.manager.update(
        PurchaseOrder,
        { id },
        { status: order.status, lines: order.lines, updatedAt: order.updatedAt },
      );
      const view = PurchaseOrderView.of(order);
      await this.auditLog.record(tx, principal, {
        action: 'purchase_order.received',
        entityType: 'purchase_order',
        entityId: id,
        before,
        after: view,
      });
      return view;
    });
  }

  cancel(principal: Principal, id: string): Promise<PurchaseOrderView> {
    return this.database.transaction(async (tx) => {
      const order = await this.lockOutstanding(tx, id);
      const before = PurchaseOrderView.of(order);
      order.status = PurchaseOrderStatus.Cancelled;
      order.updatedAt = this.clock.now();
      await tx.manager.update(PurchaseOrder, { id }, { status: order.status, updatedAt: order.updatedAt });
      const view = PurchaseOrderView.of(order);
      await this.auditLog.record(tx, principal, {
        action: 'purchase_order.cancelled',
        entityType: 'purchase_order',
        entityId: id,
        before,
        after: view,
      });
      return view;
    });
  }

  /** The order, locked; 404 unknown, 409 received or cancelled already. */
  private async lockOutstanding(tx: Tx, id: string): Promise<PurchaseOrder> {
    const [order] = await this.database.lockRows(
      tx,
      LockKind.StockDocument,
      PurchaseOrder,
      'id = $1 ORDER BY id',
      [id],
    );
    if (!order) throw DomainError.notFound('Purchase order');
    if (!OUTSTANDING.includes(order.status))
      throw new DomainError(ErrorCode.Conflict, `The purchase order is ${order.status}`);
    return order;
  }
}
