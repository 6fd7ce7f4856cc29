import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { IngredientView } from '../menu/dto/menu.views';
import { IngredientsService } from '../menu/ingredients.service';
import { Ingredient } from '../menu/menu.entities';
import {
  CreateStockedIngredientInput,
  IngredientStockInput,
  UpdateStockedIngredientInput,
} from './dto/inventory.inputs';
import { StockedIngredientView } from './dto/inventory.views';
import { BaseUnit, IngredientStock, RecipeLine, StockMovement } from './inventory.entities';

/**
 * `/ingredients`: the menu's ingredient (name, allergens, written by the menu) with what the inventory keeps about
 * it (written here), changed together in one transaction.
 */
@Injectable()
export class StockedIngredients {
  constructor(
    private readonly database: Database,
    private readonly ingredients: IngredientsService,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
  ) {}

  async list(query: PageQuery): Promise<Page<StockedIngredientView>> {
    const page = await this.ingredients.list(query);
    const views = await this.views(this.database.reader, page.items);
    return { ...page, items: views };
  }

  async get(id: string): Promise<StockedIngredientView> {
    const [view] = await this.views(this.database.reader, [await this.ingredients.get(id)]);
    return view;
  }

  create(principal: Principal, input: CreateStockedIngredientInput): Promise<StockedIngredientView> {
    return this.database.transaction(async (tx) => {
      const { stock, ...menu } = input;
      const ingredient = await this.ingredients.create(principal, menu);
      await this.change(tx, principal, ingredient.id, stock ?? {});
      const [view] = await this.views(tx.manager, [ingredient]);
      return view;
    });
  }

  update(
    principal: Principal,
    id: string,
    input: UpdateStockedIngredientInput,
  ): Promise<StockedIngredientView> {
    return this.database.transaction(async (tx) => {
      const { stock, ...menu } = input;
      const ingredient = await this.ingredients.update(principal, id, menu);
      if (stock) await this.change(tx, principal, id, stock);
      const [view] = await this.views(tx.manager, [ingredient]);
      return view;
    });
  }

  remove(principal: Principal, id: string): Promise<void> {
    return this.ingredients.remove(principal, id);
  }

  /**
   * The stock row of each ingredient (made with defaults where missing: an ingredient of the allergens only),
   * locked in id order.
   */
  async ensure(
    tx: Tx,
    ids: readonly string[],
    baseUnit = BaseUnit.Gram,
  ): Promise<Map<string, IngredientStock>> {
    const wanted = [...new Set(ids)].sort();
    if (wanted.length === 0) return new Map();
    const known = await tx.manager.find(Ingredient, { select: { id: true }, where: { id: In(wanted) } });
    if (known.length !== wanted.length) throw DomainError.notFound('Ingredient');
    const rows = await this.database.lockRows(
      tx,
      LockKind.Ingredient,
      IngredientStock,
      `ingredient_id IN (${wanted.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY ingredient_id`,
      wanted,
    );
    const byId = new Map(rows.map((row) => [row.ingredientId, row]));
    for (const ingredientId of wanted.filter((id) => !byId.has(id))) {
      const row = tx.manager.create(IngredientStock, {
        ingredientId,
        baseUnit,
        packUnits: [],
        costPerThousand: 0,
        storageArea: null,
        onHand: 0,
        par: null,
        reorderPoint: null,
        lowThreshold: null,
        updatedAt: this.clock.now(),
      });
      await tx.manager.insert(IngredientStock, row);
      byId.set(ingredientId, row);
    }
    return byId;
  }

  private async change(tx: Tx, principal: Principal, id: string, input: IngredientStockInput): Promise<void> {
    const stock = (await this.ensure(tx, [id], input.baseUnit)).get(id)!;
    if (input.baseUnit !== undefined && input.baseUnit !== stock.baseUnit) await this.assertUnitFree(tx, id);
    const before = levelsOf(stock);
    if (input.baseUnit !== undefined) stock.baseUnit = input.baseUnit;
    if (input.packUnits !== undefined) {
      stock.packUnits = input.packUnits.map(({ name, baseQuantity }) => ({ name, baseQuantity }));
    }
    if (input.costPerThousand !== undefined) stock.costPerThousand = input.costPerThousand;
    if (input.storageArea !== undefined) stock.storageArea = input.storageArea;
    if (input.par !== undefined) stock.par = input.par;
    if (input.reorderPoint !== undefined) stock.reorderPoint = input.reorderPoint;
    if (input.lowThreshold !== undefined) stock.lowThreshold = input.lowThreshold;
    const after = levelsOf(stock);
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    stock.updatedAt = this.clock.now();
    await tx.manager.save(stock);
    await this.auditLog.record(tx, principal, {
      action: 'ingredient.stock_changed',
      entityType: 'ingredient',
      entityId: id,
      before,
      after,
    });
  }

  /** A base unit is fixed once a recipe or a movement counts in it: 409. */
  private async assertUnitFree(tx: Tx, id: string): Promise<void> {
    const used =
      (await tx.manager.count(RecipeLine, { where: { ingredientId: id } })) +
      (await tx.manager.count(StockMovement, { where: { ingredientId: id } }));
    if (used > 0)
      throw new DomainError(ErrorCode.Conflict, 'The base unit is in use by recipes or stock movements');
  }

  private async views(
    manager: EntityManager,
    ingredients: IngredientView[],
  ): Promise<StockedIngredientView[]> {
    const ids = ingredients.map((ingredient) => ingredient.id);
    if (ids.length === 0) return [];
    const stock = new Map(
      (await manager.find(IngredientStock, { where: { ingredientId: In(ids) } })).map((row) => [
        row.ingredientId,
        row,
      ]),
    );
    const needs = await manager
      .createQueryBuilder(RecipeLine, 'line')
      .select('line.ingredientId', 'ingredientId')
      .addSelect('MAX(line.baseQuantity)', 'need')
      .where('line.ingredientId IN (:...ids)', { ids })
      .andWhere("line.ownerKind <> 'prep' AND line.mode <> 'remove'")
      .groupBy('line.ingredientId')
      .getRawMany<{ ingredientId: string; need: number | string }>();
    const need = new Map(needs.map((row) => [row.ingredientId, Number(row.need)]));
    return ingredients.map((ingredient) => {
      const row = stock.get(ingredient.id);
      const onHand = row?.onHand ?? 0;
      return {
        ...ingredient,
        baseUnit: row?.baseUnit ?? BaseUnit.Gram,
        packUnits: row?.packUnits ?? [],
        costPerThousand: row?.costPerThousand ?? 0,
        storageArea: row?.storageArea ?? null,
        onHand,
        par: row?.par ?? null,
        reorderPoint: row?.reorderPoint ?? null,
        lowThreshold: row?.lowThreshold ?? null,
        available: onHand >= (need.get(ingredient.id) ?? 0),
      };
    });
  }
}

/** What the audit log keeps of a change of the stock fields (on-hand moves through the ledger, not here). */
function levelsOf(stock: IngredientStock): Omit<IngredientStock, 'updatedAt' | 'onHand' | 'ingredientId'> {
  const { baseUnit, packUnits, costPerThousand, storageArea, par, reorderPoint, lowThreshold } = stock;
  return { baseUnit, packUnits, costPerThousand, storageArea, par, reorderPoint, lowThreshold };
}
