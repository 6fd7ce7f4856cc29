import { Injectable } from '@nestjs/common';
import { Between, FindOptionsWhere, LessThan, MoreThanOrEqual } from 'typeorm';
import { actorOf, Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { Page, pageOf } from '../common/pagination/page';
import { Database } from '../database/database.service';
import { StockMovementInput, StockMovementQuery } from './dto/inventory.inputs';
import { StockMovementView } from './dto/inventory.views';
import { MovementReason, StockMovement } from './inventory.entities';
import { StockLedger } from './stock-ledger';
import { StockedIngredients } from './stocked-ingredients.service';

/** The ledger read back, and what a person books by hand: waste and transfers. */
@Injectable()
export class StockMovements {
  constructor(
    private readonly database: Database,
    private readonly ledger: StockLedger,
    private readonly ingredients: StockedIngredients,
  ) {}

  async list(query: StockMovementQuery): Promise<Page<StockMovementView>> {
    const where: FindOptionsWhere<StockMovement> = {};
    if (query.ingredientId) where.ingredientId = query.ingredientId;
    if (query.reason) where.reason = query.reason;
    const from = query.from ? new Date(query.from) : null;
    const to = query.to ? new Date(query.to) : null;
    if (from && to && from > to) throw DomainError.invalidField('to', 'must not be before from');
    if (from && to) where.at = Between(from, new Date(to.getTime() - 1));
    else if (from) where.at = MoreThanOrEqual(from);
    else if (to) where.at = LessThan(to);
    const [rows, total] = await this.database.reader.findAndCount(StockMovement, {
      where,
      order: { at: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(rows.map(StockMovementView.of), total, query);
  }

  /** Waste and transfer_out take (422 OUT_OF_STOCK beyond what is on hand); transfer_in adds. */
  book(principal: Principal, input: StockMovementInput): Promise<StockMovementView> {
    return this.database.transaction(async (tx) => {
      await this.ingredients.ensure(tx, [input.ingredientId]);
      const quantity = input.reason === MovementReason.TransferIn ? input.quantity : -input.quantity;
      const [movement] = await this.ledger.move(tx, [
        {
          ingredientId: input.ingredientId,
          quantity,
          reason: input.reason,
          note: input.note ?? null,
          by: actorOf(principal),
          fields: ['quantity'],
        },
      ]);
      return StockMovementView.of(movement);
    });
  }
}
