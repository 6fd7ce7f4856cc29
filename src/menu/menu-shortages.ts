import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/database.service';
import { AvailabilityChange, MenuChangeLog } from './menu-change-log';

/** A variation or a modifier option, with the ingredient it is short of now (null: none). */
export interface Shortage {
  kind: 'variation' | 'option';
  id: string;
  shortOf: string | null;
}

interface ShortRow {
  id: string;
  owner: string;
  available: boolean | number;
  short_of: string | null;
}

const TABLES = {
  variation: { table: 'dish_variations', owner: 'dish_id' },
  option: { table: 'modifier_options', owner: 'group_id' },
} as const;

/**
 * What the inventory tells the menu: which variations and options can no longer be made for want of an ingredient.
 * Off the menu while short; one that a person made available is announced (menu.availability_changed) when it goes
 * and when it comes back, in the caller's transaction.
 */
@Injectable()
export class MenuShortages {
  constructor(private readonly changes: MenuChangeLog) {}

  /** Sets each row's `short_of`; answers the ones whose shortage began or ended. */
  async follow(tx: Tx, shortages: readonly Shortage[]): Promise<Shortage[]> {
    const changed: Shortage[] = [];
    for (const kind of ['variation', 'option'] as const) {
      const wanted = new Map(shortages.filter((s) => s.kind === kind).map((s) => [s.id, s.shortOf]));
      if (wanted.size === 0) continue;
      const { table, owner } = TABLES[kind];
      const ids = [...wanted.keys()].sort();
      const rows = await tx.sql<ShortRow>(
        `SELECT id, ${owner} AS owner, available, short_of FROM ${table}
          WHERE id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY id`,
        ids,
      );
      for (const row of rows) {
        const shortOf = wanted.get(row.id)!;
        if ((row.short_of === null) === (shortOf === null)) continue;
        await tx.sql(`UPDATE ${table} SET short_of = $1 WHERE id = $2`, [shortOf, row.id]);
        changed.push({ kind, id: row.id, shortOf });
        if (!row.available) continue;
        const available = shortOf === null;
        const change: AvailabilityChange =
          kind === 'variation'
            ? { dishId: row.owner, variationId: row.id, available }
            : { optionId: row.id, groupId: row.owner, available };
        await this.changes.announceAvailability(tx, change);
      }
    }
    if (changed.length > 0) this.changes.changed(tx);
    return changed;
  }
}
