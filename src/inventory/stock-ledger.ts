import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { audienceOf } from '../event-log/event-audiences';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { IngredientsService } from '../menu/ingredients.service';
import { MenuShortages, Shortage } from '../menu/menu-shortages';
import { MovementReason, RecipeMode, RecipeOwner, StockMovement } from './inventory.entities';
import { valueOf } from './units';

/** One change of an ingredient's on-hand: `quantity` signed, in its base unit. */
export interface Move {
  ingredientId: string;
  quantity: number;
  reason: MovementReason;
  ref?: string | null;
  note?: string | null;
  /** Who caused it (the audit log's actor); null: the system. */
  by: string | null;
  /** The order lines or input fields an OUT_OF_STOCK error names; none: `ingredientId`. */
  fields?: readonly string[];
}

/**
 * Adds `$1` to an ingredient's on-hand only when that leaves it at 0 or more, in one statement: concurrent
 * movements queue on the row (PostgreSQL re-checks the condition against the committed row; SQLite's writers take
 * turns), so none takes what another took.
 */
const MOVE = `UPDATE ingredient_stock SET on_hand = on_hand + $1, updated_at = $3
  WHERE ingredient_id = $2 AND on_hand + $1 >= 0
  RETURNING on_hand, cost_per_thousand, low_threshold`;

/** A line the on-hand of its ingredient cannot cover one portion of. */
const SHORT_NOW = `AND line.mode <> 'remove' AND line.base_quantity >
  (SELECT stock.on_hand FROM ingredient_stock stock WHERE stock.ingredient_id = line.ingredient_id)`;

interface Moved {
  on_hand: number;
  cost_per_thousand: number | string;
  low_threshold: number | null;
}

/**
 * The one way stock moves: each movement is appended to the ledger and the on-hand follows in the same statement
 * and transaction. Afterwards every variation and option whose recipe the new levels can (or can no longer) cover
 * is put back on (or taken off) the menu, and inventory.low / inventory.out tell the kitchen and the managers.
 */
@Injectable()
export class StockLedger {
  constructor(
    private readonly database: Database,
    private readonly shortages: MenuShortages,
    private readonly ingredients: IngredientsService,
    private readonly eventLog: EventLog,
    private readonly clock: Clock,
  ) {}

  /**
   * Books `moves` in `tx`, ingredients in id order (the order their rows are locked in). One that would take an
   * ingredient below 0: 422 OUT_OF_STOCK (as counted stock answers) naming the ingredient in each of the moves'
   * fields, and the caller's transaction writes nothing.
   */
  async move(tx: Tx, moves: readonly Move[]): Promise<StockMovement[]> {
    const booked = moves.filter((move) => move.quantity !== 0);
    const written: StockMovement[] = [];
    if (booked.length === 0) return written;
    const now = this.clock.now();
    const byIngredient = new Map<string, Move[]>();
    for (const move of booked)
      byIngredient.set(move.ingredientId, [...(byIngredient.get(move.ingredientId) ?? []), move]);
    const levels = new Map<string, number>();
    const low: Array<{ ingredientId: string; onHand: number; lowThreshold: number }> = [];
    for (const ingredientId of [...byIngredient.keys()].sort()) {
      const group = byIngredient.get(ingredientId)!;
      const total = group.reduce((sum, move) => sum + move.quantity, 0);
      this.database.locking(tx, LockKind.Ingredient);
      const [moved] = await tx.sql<Moved>(MOVE, [total, ingredientId, now]);
      if (!moved) await this.refuse(tx, ingredientId, group, total);
      const onHand = Number(moved.on_hand);
      const cost = Number(moved.cost_per_thousand);
      levels.set(ingredientId, onHand);
      const threshold = moved.low_threshold === null ? null : Number(moved.low_threshold);
      if (threshold !== null && onHand <= threshold && onHand - total > threshold) {
        low.push({ ingredientId, onHand, lowThreshold: threshold });
      }
      for (const move of group) {
        const movement = tx.manager.create(StockMovement, {
          id: randomUUID(),
          ingredientId,
          quantity: move.quantity,
          cost: valueOf(move.quantity, cost),
          reason: move.reason,
          ref: move.ref ?? null,
          note: move.note ?? null,
          by: move.by,
          at: now,
        });
        await tx.manager.insert(StockMovement, movement);
        written.push(movement);
      }
    }
    const names = low.length > 0 ? await this.names(tx, [...levels.keys()]) : undefined;
    for (const { ingredientId, onHand, lowThreshold } of low) {
      this.eventLog.append(tx, {
        type: EventType.InventoryLow,
        data: { ingredientId, name: names!.get(ingredientId), onHand, lowThreshold },
        audience: audienceOf(EventType.InventoryLow),
      });
    }
    // Levels that only fell can only take things off the menu: those needing more than is left now.
    const falling = [...byIngredient.values()].every(
      (group) => group.reduce((sum, m) => sum + m.quantity, 0) < 0,
    );
    await this.followMenu(tx, [...levels.keys()], { names, levels, falling });
    return written;
  }

  /**
   * Every variation and option that needs one of `ingredientIds` is short of the first ingredient (by id) whose
   * on-hand cannot cover one portion, or of none; inventory.out for each ingredient that newly left something short.
   */
  async followMenu(
    tx: Tx,
    ingredientIds: readonly string[],
    known: {
      names?: Map<string, string>;
      levels?: Map<string, number>;
      owners?: ReadonlyArray<Pick<Shortage, 'kind' | 'id'>>;
      /** Every level fell: only owners needing more than is left now can change (one statement, mostly none). */
      falling?: boolean;
    } = {},
  ): Promise<void> {
    const { names, levels } = known;
    const owners = new Map((known.owners ?? []).map((owner) => [owner.id, owner.kind]));
    if (ingredientIds.length > 0) {
      const rows = await tx.sql<{ owner_kind: RecipeOwner; owner_id: string }>(
        `SELECT DISTINCT line.owner_kind, line.owner_id FROM recipe_lines line
          WHERE line.owner_kind <> $1 AND line.ingredient_id IN (${ingredientIds.map((_, i) => `$${i + 2}`).join(', ')})
          ${known.falling ? SHORT_NOW : ''}`,
        [RecipeOwner.Prep, ...ingredientIds],
      );
      for (const row of rows)
        owners.set(row.owner_id, row.owner_kind === RecipeOwner.Variation ? 'variation' : 'option');
    }
    if (owners.size === 0) return;
    const ownerIds = [...owners.keys()];
    const lines = await tx.sql<{
      owner_id: string;
      ingredient_id: string;
      base_quantity: number;
      on_hand: number;
    }>(
      `SELECT line.owner_id, line.ingredient_id, line.base_quantity, stock.on_hand
         FROM recipe_lines line JOIN ingredient_stock stock ON stock.ingredient_id = line.ingredient_id
        WHERE line.mode <> $1 AND line.owner_id IN (${ownerIds.map((_, i) => `$${i + 2}`).join(', ')})
        ORDER BY line.ingredient_id`,
      [RecipeMode.Remove, ...ownerIds],
    );
    const shortOf = new Map<string, string>();
    for (const line of lines) {
      const onHand = levels?.get(line.ingredient_id) ?? Number(line.on_hand);
      if (onHand < Number(line.base_quantity) && !shortOf.has(line.owner_id)) {
        shortOf.set(line.owner_id, line.ingredient_id);
      }
    }
    const changed = await this.shortages.follow(
      tx,
      [...owners].map(([id, kind]): Shortage => ({ kind, id, shortOf: shortOf.get(id) ?? null })),
    );
    const out = [
      ...new Set(changed.flatMap((shortage) => (shortage.shortOf ? [shortage.shortOf] : []))),
    ].sort();
    if (out.length === 0) return;
    const named = names ?? (await this.names(tx, out));
    const onHands = await tx.sql<{ ingredient_id: string; on_hand: number }>(
      `SELECT ingredient_id, on_hand FROM ingredient_stock WHERE ingredient_id IN (${out.map((_, i) => `$${i + 1}`).join(', ')})`,
      out,
    );
    for (const row of onHands) {
      this.eventLog.append(tx, {
        type: EventType.InventoryOut,
        data: {
          ingredientId: row.ingredient_id,
          name: named.get(row.ingredient_id),
          onHand: Number(row.on_hand),
        },
        audience: audienceOf(EventType.InventoryOut),
      });
    }
  }

  private names(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
    return this.ingredients.namesOf(tx.manager, ids);
  }

  /** 422 OUT_OF_STOCK naming the ingredient, what the moves want and what is left. */
  private async refuse(tx: Tx, ingredientId: string, group: Move[], total: number): Promise<never> {
    const name = (await this.names(tx, [ingredientId])).get(ingredientId);
    if (name === undefined) throw DomainError.notFound('Ingredient');
    const [stock] = await tx.sql<{ on_hand: number; base_unit: string }>(
      'SELECT on_hand, base_unit FROM ingredient_stock WHERE ingredient_id = $1',
      [ingredientId],
    );
    const row = { name, on_hand: stock?.on_hand ?? null, base_unit: stock?.base_unit ?? null };
    const unit = row.base_unit ?? 'g';
    const message = `needs ${-total} ${unit} of ${row.name} (ingredient ${ingredientId}); ${Number(row.on_hand ?? 0)} ${unit} left`;
    const fields = [...new Set(group.flatMap((move) => move.fields ?? ['ingredientId']))];
    throw DomainError.outOfStock(fields.map((field) => ({ field, message })));
  }
}
