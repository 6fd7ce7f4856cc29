import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/database.service';
import { MovementReason, RecipeMode } from './inventory.entities';
import { Move, StockLedger } from './stock-ledger';

/** What one order line (or a combo's component) sells: `quantity` of a variation with modifier options. */
export interface SoldLine {
  variationId: string;
  optionIds: readonly string[];
  quantity: number;
  /** The field an OUT_OF_STOCK error names (`items[0].variationId`). */
  field: string;
}

interface LineRow {
  owner_id: string;
  ingredient_id: string;
  base_quantity: number;
  mode: RecipeMode;
  replaces_ingredient_id: string | null;
}

/**
 * What orders take from the inventory by their recipes, in the order's own transaction (the typed seam the order
 * path calls): a variation's lines, changed by its options' lines (add, remove, replace); a combo's components
 * each as a line of their own. Lines without a recipe take nothing.
 */
@Injectable()
export class InventoryDepletion {
  constructor(private readonly ledger: StockLedger) {}

  /** Takes what `lines` need as `sale` movements; one that cannot be made: OUT_OF_STOCK naming the ingredient. */
  async take(tx: Tx, lines: readonly SoldLine[], by: string | null, ref: string | null): Promise<void> {
    const needs = await this.needs(tx, lines);
    await this.ledger.move(
      tx,
      [...needs].map(([ingredientId, need]) => ({
        ingredientId,
        quantity: -need.quantity,
        reason: MovementReason.Sale,
        ref,
        by,
        fields: need.fields,
      })),
    );
  }

  /**
   * Gives back what `lines` took (a void, a cancellation, a smaller quantity) as `void` movements. A line already
   * made (`made`) gives nothing back: its ingredients are booked as `waste` against the void.
   */
  async giveBack(
    tx: Tx,
    lines: readonly SoldLine[],
    made: boolean,
    by: string | null,
    ref: string | null,
  ): Promise<void> {
    const needs = await this.needs(tx, lines);
    const moves: Move[] = [];
    for (const [ingredientId, need] of needs) {
      moves.push({ ingredientId, quantity: need.quantity, reason: MovementReason.Void, ref, by });
      if (made) {
        moves.push({
          ingredientId,
          quantity: -need.quantity,
          reason: MovementReason.Waste,
          ref,
          note: 'voided after it was made',
          by,
        });
      }
    }
    await this.ledger.move(tx, moves);
  }

  /** Base units of each ingredient the lines need together, with the lines that need it. */
  private async needs(
    tx: Tx,
    lines: readonly SoldLine[],
  ): Promise<Map<string, { quantity: number; fields: string[] }>> {
    const owners = [...new Set(lines.flatMap((line) => [line.variationId, ...line.optionIds]))];
    const needs = new Map<string, { quantity: number; fields: string[] }>();
    if (owners.length === 0) return needs;
    const rows = await tx.sql<LineRow>(
      `SELECT owner_id, ingredient_id, base_quantity, mode, replaces_ingredient_id FROM recipe_lines
        WHERE owner_id IN (${owners.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY owner_id, position`,
      owners,
    );
    if (rows.length === 0) return needs;
    const byOwner = new Map<string, LineRow[]>();
    for (const row of rows) byOwner.set(row.owner_id, [...(byOwner.get(row.owner_id) ?? []), row]);
    for (const line of lines) {
      for (const [ingredientId, quantity] of portion(line, byOwner)) {
        if (quantity <= 0) continue;
        const need = needs.get(ingredientId) ?? { quantity: 0, fields: [] };
        need.quantity += quantity * line.quantity;
        if (!need.fields.includes(line.field)) need.fields.push(line.field);
        needs.set(ingredientId, need);
      }
    }
    return needs;
  }
}

/** One portion of a line: its variation's recipe, then each option's lines in the order they were chosen. */
function portion(line: SoldLine, byOwner: Map<string, LineRow[]>): Map<string, number> {
  const taken = new Map<string, number>();
  const add = (id: string, quantity: number) => taken.set(id, (taken.get(id) ?? 0) + quantity);
  for (const row of byOwner.get(line.variationId) ?? []) add(row.ingredient_id, Number(row.base_quantity));
  for (const optionId of line.optionIds) {
    for (const row of byOwner.get(optionId) ?? []) {
      const quantity = Number(row.base_quantity);
      if (row.mode === RecipeMode.Remove) {
        taken.set(row.ingredient_id, Math.max(0, (taken.get(row.ingredient_id) ?? 0) - quantity));
      } else {
        if (row.mode === RecipeMode.Replace && row.replaces_ingredient_id)
          taken.delete(row.replaces_ingredient_id);
        add(row.ingredient_id, quantity);
      }
    }
  }
  return taken;
}
