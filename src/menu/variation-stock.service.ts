import { Injectable } from '@nestjs/common';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { DomainError } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { findLiveDish, findVariation, liveVariations, variationAudit } from './dish-rows';
import { VariationView } from './dto/menu.views';
import { DishVariation } from './menu.entities';
import { MenuChangeLog } from './menu-change-log';
import { MenuService } from './menu.service';

/** What an order line takes from (or gives back to) a variation's stock; `field` names the line in an error. */
export interface StockLine {
  dishId: string;
  variationId: string;
  /** The dish's station, whose kitchen screens hear that it runs low. */
  stationId: string | null;
  /** The modifier options chosen on the line (their recipes change the variation's). */
  optionIds: readonly string[];
  quantity: number;
  field: string;
}

/** The lines of one counted variation, added up. */
interface Claim extends StockLine {
  fields: string[];
}

/**
 * Takes `$1` portions of variation `$2` only when that many are left, in one statement: concurrent orders queue on
 * the row (PostgreSQL re-checks the condition against the committed count; SQLite's writers take turns), so none
 * oversells. Reaching 0 takes a variation that was on the menu off it, marked as sold out by its count.
 */
const TAKE = `UPDATE dish_variations SET
    stock_count = stock_count - $1,
    sold_out = CASE WHEN stock_count = $1 AND available THEN TRUE ELSE sold_out END,
    available = CASE WHEN stock_count = $1 THEN FALSE ELSE available END
  WHERE id = $2 AND stock_count >= $1
  RETURNING stock_count, sold_out`;

/**
 * Counted stock of dish variations (API.md "Counted stock"): set by the kitchen, taken by every order in the
 * ordering transaction, given back by voids and cancellations. A variation is sold out at 0: it leaves the menu by
 * itself, and comes back when stock is put back (a restock, a void) unless a person 86'd it.
 */
@Injectable()
export class VariationStock {
  constructor(
    private readonly database: Database,
    private readonly menu: MenuService,
    private readonly eventLog: EventLog,
    private readonly changes: MenuChangeLog,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Takes the lines' quantities from counted variations in `tx`, one conditional UPDATE per variation (lines of
   * one variation add up; variations in id order, so two orders never wait for each other's rows). Lines of
   * uncounted variations, as the menu in memory knows them, cost nothing. Raises menu.stock_low at or below
   * STOCK_LOW_THRESHOLD and menu.availability_changed when a variation sells out. When one is short: 422
   * OUT_OF_STOCK naming its lines, and the caller's transaction writes nothing.
   */
  async take(tx: Tx, lines: StockLine[]): Promise<void> {
    for (const claim of await this.countedClaims(lines)) {
      this.database.locking(tx, LockKind.Stock);
      const [taken] = await tx.sql<{ stock_count: number; sold_out: boolean | number }>(TAKE, [
        claim.quantity,
        claim.variationId,
      ]);
      if (!taken) {
        await this.refuseShort(tx, claim);
        continue;
      }
      const count = Number(taken.stock_count);
      if (count <= this.config.stockLowThreshold) this.announceLow(tx, claim, count);
      if (count === 0 && Boolean(taken.sold_out)) {
        await this.changes.announceAvailability(tx, {
          dishId: claim.dishId,
          variationId: claim.variationId,
          available: false,
        });
      }
    }
  }

  /** Gives the lines' quantities back to counted variations in `tx` (a void, a cancellation, a smaller quantity). */
  async putBack(tx: Tx, lines: StockLine[]): Promise<void> {
    for (const claim of await this.countedClaims(lines)) {
      const [variation] = await this.database.lockRows(
        tx,
        LockKind.Stock,
        DishVariation,
        'id = $1 AND stock_count IS NOT NULL',
        [claim.variationId],
      );
      if (!variation) continue;
      variation.stockCount! += claim.quantity;
      await this.followCount(tx, variation);
      await this.database.updateRows(tx, DishVariation, variation);
    }
  }

  /**
   * Sets (or with null stops) the count of a variation, audited. 0 sells it out; a count above 0 or null brings
   * back a variation that its count took off the menu, not one a person 86'd.
   */
  setCount(
    principal: Principal,
    dishId: string,
    variationId: string,
    count: number | null,
  ): Promise<VariationView> {
    return this.database.transaction(async (tx) => {
      const dish = await findLiveDish(tx.manager, dishId, this.database.forUpdate);
      const live = await liveVariations(tx.manager, dishId, this.database.forUpdate);
      const variation = findVariation(live, variationId);
      await auditedChange(tx, this.changes, principal, variation, {
        action: 'variation.stock_set',
        ...variationAudit(dish),
        change: async () => {
          variation.stockCount = count;
          await this.followCount(tx, variation);
          variation.updatedAt = this.clock.now();
        },
        skipIfUnchanged: true,
      });
      return VariationView.of(variation);
    });
  }

  /** Availability follows a new count: sold out at 0, back when there is stock again (or no count) after that. */
  private async followCount(tx: Tx, variation: DishVariation): Promise<void> {
    const { stockCount: count } = variation;
    if (count === 0 && variation.available) {
      variation.available = false;
      variation.soldOut = true;
    } else if (count !== 0 && variation.soldOut) {
      variation.available = true;
      variation.soldOut = false;
    } else {
      return;
    }
    await this.changes.announceAvailability(tx, {
      dishId: variation.dishId,
      variationId: variation.id,
      available: variation.available,
    });
  }

  /** The lines of counted variations, one claim per variation, in id order (the order rows are locked in). */
  private async countedClaims(lines: StockLine[]): Promise<Claim[]> {
    const counted = await this.menu.countedVariations();
    const claims = new Map<string, Claim>();
    for (const line of lines) {
      if (!counted.has(line.variationId)) continue;
      const claim = claims.get(line.variationId);
      if (claim) {
        claim.quantity += line.quantity;
        claim.fields.push(line.field);
      } else {
        claims.set(line.variationId, { ...line, fields: [line.field] });
      }
    }
    return [...claims.values()].sort((a, b) => (a.variationId < b.variationId ? -1 : 1));
  }

  /** 422 OUT_OF_STOCK naming the claim's lines with what is left; nothing when the count was just turned off. */
  private async refuseShort(tx: Tx, claim: Claim): Promise<void> {
    const [row] = await tx.sql<{ stock_count: number | null }>(
      'SELECT stock_count FROM dish_variations WHERE id = $1',
      [claim.variationId],
    );
    if (!row || row.stock_count === null) return;
    const left = Number(row.stock_count);
    const message = left === 0 ? 'is sold out' : `has only ${left} left`;
    throw DomainError.outOfStock(claim.fields.map((field) => ({ field, message })));
  }

  private announceLow(tx: Tx, claim: Claim, count: number): void {
    this.eventLog.append(tx, {
      type: EventType.MenuStockLow,
      data: { dishId: claim.dishId, variationId: claim.variationId, count },
      audience: {
        roles: [Role.Kitchen, Role.Manager, Role.Admin],
        stationIds: claim.stationId ? [claim.stationId] : undefined,
      },
    });
  }
}
