import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { actorOf, Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { IngredientsService } from '../menu/ingredients.service';
import { OpenStockCountInput, StockCountLinesInput } from './dto/receiving.inputs';
import { StockCountView } from './dto/receiving.views';
import { BaseUnit, IngredientStock, MovementReason } from './inventory.entities';
import { StockCount, StockCountStatus } from './receiving.entities';
import { StockLedger } from './stock-ledger';
import { StockedIngredients } from './stocked-ingredients.service';
import { valueOf } from './units';

/**
 * Count sheets: opened with what the system expects of each ingredient (of a storage area, or all), counted line
 * by line while open, posted once as one `count` movement per counted ingredient whose count differs from the
 * on-hand at posting.
 */
@Injectable()
export class StockCounts {
  constructor(
    private readonly database: Database,
    private readonly ledger: StockLedger,
    private readonly stocked: StockedIngredients,
    private readonly ingredients: IngredientsService,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
  ) {}

  open(principal: Principal, input: OpenStockCountInput): Promise<StockCountView> {
    return this.database.transaction(async (tx) => {
      const storageArea = input.storageArea ?? null;
      const rows = await tx.manager.find(IngredientStock, {
        where: storageArea === null ? {} : { storageArea },
        order: { ingredientId: 'ASC' },
      });
      const sheet = tx.manager.create(StockCount, {
        id: randomUUID(),
        storageArea,
        status: StockCountStatus.Open,
        lines: rows.map((row) => ({ ingredientId: row.ingredientId, expected: row.onHand, counted: null })),
        openedBy: actorOf(principal),
        openedAt: this.clock.now(),
        postedBy: null,
        postedAt: null,
      });
      await tx.manager.insert(StockCount, sheet);
      const view = await this.view(tx.manager, sheet);
      await this.auditLog.record(tx, principal, {
        action: 'stock_count.opened',
        entityType: 'stock_count',
        entityId: sheet.id,
        subject: storageArea ?? undefined,
        after: { storageArea, lines: sheet.lines.length },
      });
      return view;
    });
  }

  async get(id: string): Promise<StockCountView> {
    const sheet = await this.database.reader.findOne(StockCount, { where: { id } });
    if (!sheet) throw DomainError.notFound('Stock count');
    return this.view(this.database.reader, sheet);
  }

  /** Records counts (again, as often as wanted) while the sheet is open; each must be an ingredient of the sheet. */
  count(id: string, input: StockCountLinesInput): Promise<StockCountView> {
    return this.database.transaction(async (tx) => {
      const sheet = await this.lockOpen(tx, id);
      const index = new Map(sheet.lines.map((line, i) => [line.ingredientId, i]));
      const problems = input.lines.flatMap((line, i) =>
        index.has(line.ingredientId)
          ? []
          : [{ field: `lines[${i}].ingredientId`, message: 'is not an ingredient of this count' }],
      );
      if (problems.length > 0) throw DomainError.validation(problems);
      for (const line of input.lines) sheet.lines[index.get(line.ingredientId)!].counted = line.counted;
      await tx.manager.update(StockCount, { id }, { lines: sheet.lines });
      return this.view(tx.manager, sheet);
    });
  }

  /**
   * Books, for each counted ingredient, counted − the on-hand now (not at opening: what moved since was real) as
   * one `count` movement, through the one ledger (the menu follows); the sheet is posted, once (409 again).
   */
  post(principal: Principal, id: string): Promise<StockCountView> {
    return this.database.transaction(async (tx) => {
      const sheet = await this.lockOpen(tx, id);
      // An ingredient deleted since the sheet was opened has nothing left to book.
      const known = await this.ingredients.namesOf(
        tx.manager,
        sheet.lines.map((line) => line.ingredientId),
      );
      const counted = sheet.lines.filter((line) => line.counted !== null && known.has(line.ingredientId));
      const stock = await this.stocked.ensure(
        tx,
        counted.map((line) => line.ingredientId),
      );
      const by = actorOf(principal);
      const ref = `count:${sheet.id}`;
      for (const line of counted) {
        line.onHandAtPost = stock.get(line.ingredientId)!.onHand;
        line.booked = line.counted! - line.onHandAtPost;
      }
      await this.ledger.move(
        tx,
        counted.map((line) => ({
          ingredientId: line.ingredientId,
          quantity: line.booked!,
          reason: MovementReason.Count,
          ref,
          by,
        })),
      );
      sheet.status = StockCountStatus.Posted;
      sheet.postedBy = by;
      sheet.postedAt = this.clock.now();
      await tx.manager.update(
        StockCount,
        { id },
        { status: sheet.status, lines: sheet.lines, postedBy: by, postedAt: sheet.postedAt },
      );
      const view = await this.view(tx.manager, sheet);
      await this.auditLog.record(tx, principal, {
        action: 'stock_count.posted',
        entityType: 'stock_count',
        entityId: sheet.id,
        subject: sheet.storageArea ?? undefined,
        after: { varianceCost: view.varianceCost, movements: counted.filter((l) => l.booked !== 0).length },
      });
      return view;
    });
  }

  /** The sheet, locked; 404 unknown, 409 posted already. */
  private async lockOpen(tx: Tx, id: string): Promise<StockCount> {
    const [sheet] = await this.database.lockRows(
      tx,
      LockKind.StockDocument,
      StockCount,
      'id = $1 ORDER BY id',
      [id],
    );
    if (!sheet) throw DomainError.notFound('Stock count');
    if (sheet.status !== StockCountStatus.Open)
      throw new DomainError(ErrorCode.Conflict, 'The stock count is posted already');
    return sheet;
  }

  private async view(manager: EntityManager, sheet: StockCount): Promise<StockCountView> {
    const ids = sheet.lines.map((line) => line.ingredientId);
    const names = await this.ingredients.namesOf(manager, ids);
    const stock = new Map(
      (ids.length === 0 ? [] : await manager.find(IngredientStock, { where: { ingredientId: In(ids) } })).map(
        (row) => [row.ingredientId, row],
      ),
    );
    const lines = sheet.lines.map((line) => {
      const row = stock.get(line.ingredientId);
      const variance = line.counted === null ? null : line.counted - line.expected;
      return {
        ingredientId: line.ingredientId,
        name: names.get(line.ingredientId) ?? '',
        baseUnit: row?.baseUnit ?? BaseUnit.Gram,
        expected: line.expected,
        counted: line.counted,
        variance,
        varianceCost: variance === null ? null : valueOf(variance, row?.costPerThousand ?? 0),
        booked: line.booked ?? null,
      };
    });
    return {
      id: sheet.id,
      storageArea: sheet.storageArea,
      status: sheet.status,
      lines,
      varianceCost: lines.reduce((sum, line) => sum + (line.varianceCost ?? 0), 0),
      openedBy: sheet.openedBy,
      openedAt: sheet.openedAt.toISOString(),
      postedBy: sheet.postedBy,
      postedAt: sheet.postedAt?.toISOString() ?? null,
    };
  }
}
