import { Injectable } from '@nestjs/common';
import { In, LessThan, MoreThanOrEqual, And } from 'typeorm';
import { Database } from '../database/database.service';
import { IngredientsService } from '../menu/ingredients.service';
import {
  BaseUnit,
  IngredientStock,
  MovementReason,
  RecipeLine,
  RecipeOwner,
  StockMovement,
} from './inventory.entities';
import { valueOf } from './units';

/** A quantity in base units with its value in minor units, both signed as the ledger books them. */
export interface Valued {
  quantity: number;
  cost: number;
}

/** What the ledger holds of one ingredient over a time: on-hand at its start, and each reason's movements. */
export interface IngredientLedgerFigures {
  ingredientId: string;
  /** Null for an ingredient deleted since (the ledger outlives it). */
  name: string | null;
  baseUnit: BaseUnit;
  costPerThousand: number;
  /** Every movement before the start added up: the on-hand then, and the value the ledger booked for it. */
  opening: Valued;
  /** The movements within, added up per reason (absent reasons: none). */
  moved: Partial<Record<MovementReason, Valued>>;
  /** The waste movements within per note (null: booked without one). */
  wasteByNote: Array<{ note: string | null } & Valued>;
}

const NOTHING: Valued = { quantity: 0, cost: 0 };

type SumRow = { ingredientId: string; quantity: string | number; cost: string | number };

const valued = (row: SumRow): Valued => ({ quantity: Number(row.quantity), cost: Number(row.cost) });

/**
 * The typed reads the reports take of the inventory (the reports module never reads its tables): the ledger summed
 * per ingredient over a time, and plate costs of variations at the ingredients' current cost. A few aggregate
 * statements, whatever the number of movements.
 */
@Injectable()
export class InventoryFigures {
  constructor(
    private readonly database: Database,
    private readonly ingredients: IngredientsService,
  ) {}

  /** Each ingredient kept in stock, or moved before `end`, with the ledger's figures for [start, end). */
  async ledgerWithin(start: Date, end: Date): Promise<IngredientLedgerFigures[]> {
    const reader = this.database.reader;
    const sums = () =>
      reader
        .createQueryBuilder(StockMovement, 'm')
        .select('m.ingredient_id', 'ingredientId')
        .addSelect('SUM(m.quantity)', 'quantity')
        .addSelect('SUM(m.cost)', 'cost')
        .groupBy('m.ingredient_id');
    const within = { at: And(MoreThanOrEqual(start), LessThan(end)) };
    const [before, byReason, waste, stock] = await Promise.all([
      sums()
        .where({ at: LessThan(start) })
        .getRawMany<SumRow>(),
      sums()
        .addSelect('m.reason', 'reason')
        .where(within)
        .addGroupBy('m.reason')
        .getRawMany<SumRow & { reason: MovementReason }>(),
      sums()
        .addSelect('m.note', 'note')
        .where({ ...within, reason: MovementReason.Waste })
        .addGroupBy('m.note')
        .getRawMany<SumRow & { note: string | null }>(),
      reader.find(IngredientStock),
    ]);
    const figures = new Map<string, IngredientLedgerFigures>();
    const of = (ingredientId: string): IngredientLedgerFigures => {
      let figure = figures.get(ingredientId);
      if (!figure) {
        figure = {
          ingredientId,
          name: null,
          baseUnit: BaseUnit.Gram,
          costPerThousand: 0,
          opening: NOTHING,
          moved: {},
          wasteByNote: [],
        };
        figures.set(ingredientId, figure);
      }
      return figure;
    };
    for (const row of stock) {
      Object.assign(of(row.ingredientId), { baseUnit: row.baseUnit, costPerThousand: row.costPerThousand });
    }
    for (const row of before) of(row.ingredientId).opening = valued(row);
    for (const row of byReason) of(row.ingredientId).moved[row.reason] = valued(row);
    for (const row of waste) of(row.ingredientId).wasteByNote.push({ note: row.note, ...valued(row) });
    const names = await this.ingredients.namesOf(reader, [...figures.keys()]);
    for (const figure of figures.values()) {
      figure.name = names.get(figure.ingredientId) ?? null;
      figure.wasteByNote.sort((a, b) => (a.note ?? '').localeCompare(b.note ?? ''));
    }
    return [...figures.values()];
  }

  /**
   * The plate cost of each variation named that has a recipe: its lines' base quantities at their ingredients'
   * cost per 1,000 now, each rounded to a minor unit as a recipe's lines are, added up.
   */
  async plateCosts(variationIds: readonly string[]): Promise<Map<string, number>> {
    if (variationIds.length === 0) return new Map();
    const reader = this.database.reader;
    const lines = await reader.find(RecipeLine, {
      where: { ownerKind: RecipeOwner.Variation, ownerId: In([...variationIds]) },
    });
    const ingredientIds = [...new Set(lines.map((line) => line.ingredientId))];
    const costs = new Map(
      (ingredientIds.length === 0
        ? []
        : await reader.find(IngredientStock, { where: { ingredientId: In(ingredientIds) } })
      ).map((row) => [row.ingredientId, row.costPerThousand]),
    );
    const plates = new Map<string, number>();
    for (const line of lines) {
      const cost = valueOf(line.baseQuantity, costs.get(line.ingredientId) ?? 0);
      plates.set(line.ownerId, (plates.get(line.ownerId) ?? 0) + cost);
    }
    return plates;
  }
}
