import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, IsNull } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { actorOf, Principal } from '../common/access/principal';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { DishVariation, Ingredient, ModifierOption } from '../menu/menu.entities';
import { CreatePrepRecipeInput, RecipeInput, RecipeLineInput } from './dto/inventory.inputs';
import { PrepRecipeView, RecipeLineView, RecipeView } from './dto/inventory.views';
import {
  IngredientStock,
  MovementReason,
  PrepRecipe,
  RecipeLine,
  RecipeMode,
  RecipeOwner,
} from './inventory.entities';
import { StockLedger } from './stock-ledger';
import { StockedIngredients } from './stocked-ingredients.service';
import { portionQuantity, RECIPE_UNITS, valueOf } from './units';

/**
 * Recipes of variations, modifier options and prep recipes, and the production of prep batches. Saving a recipe
 * puts what it needs in step with the menu at once (a dish whose new recipe the stock cannot cover goes off it).
 */
@Injectable()
export class Recipes {
  constructor(
    private readonly database: Database,
    private readonly ingredients: StockedIngredients,
    private readonly ledger: StockLedger,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
  ) {}

  async ofVariation(dishId: string, variationId: string): Promise<RecipeView> {
    await this.findVariation(this.database.reader, dishId, variationId);
    return this.view(this.database.reader, RecipeOwner.Variation, variationId);
  }

  setForVariation(
    principal: Principal,
    dishId: string,
    variationId: string,
    input: RecipeInput,
  ): Promise<RecipeView> {
    return this.database.transaction(async (tx) => {
      await this.findVariation(tx.manager, dishId, variationId);
      return this.set(tx, principal, RecipeOwner.Variation, variationId, input);
    });
  }

  async ofOption(optionId: string): Promise<RecipeView> {
    await this.findOption(this.database.reader, optionId);
    return this.view(this.database.reader, RecipeOwner.Option, optionId);
  }

  setForOption(principal: Principal, optionId: string, input: RecipeInput): Promise<RecipeView> {
    return this.database.transaction(async (tx) => {
      await this.findOption(tx.manager, optionId);
      return this.set(tx, principal, RecipeOwner.Option, optionId, input);
    });
  }

  async listPrep(query: PageQuery): Promise<Page<PrepRecipeView>> {
    const manager = this.database.reader;
    const [rows, total] = await manager.findAndCount(PrepRecipe, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    const views = await Promise.all(rows.map((row) => this.prepView(manager, row)));
    return pageOf(views, total, query);
  }

  async prep(id: string): Promise<PrepRecipeView> {
    const manager = this.database.reader;
    return this.prepView(manager, await this.findPrep(manager, id));
  }

  /** A prep recipe yields its own ingredient (which no other prep recipe yields): 409 else. */
  createPrep(principal: Principal, input: CreatePrepRecipeInput): Promise<PrepRecipeView> {
    return this.database.transaction(async (tx) => {
      await this.ingredients.ensure(tx, [input.ingredientId]);
      if (await tx.manager.exists(PrepRecipe, { where: { ingredientId: input.ingredientId } })) {
        throw DomainError.invalidField('ingredientId', 'is yielded by another prep recipe already');
      }
      const now = this.clock.now();
      const prep = tx.manager.create(PrepRecipe, {
        id: randomUUID(),
        name: input.name,
        ingredientId: input.ingredientId,
        yieldQuantity: input.yieldQuantity,
        createdAt: now,
        updatedAt: now,
      });
      await tx.manager.insert(PrepRecipe, prep);
      await this.set(tx, principal, RecipeOwner.Prep, prep.id, { lines: input.lines });
      return this.prepView(tx.manager, prep);
    });
  }

  setForPrep(principal: Principal, id: string, input: RecipeInput): Promise<PrepRecipeView> {
    return this.database.transaction(async (tx) => {
      const prep = await this.findPrep(tx.manager, id);
      await this.set(tx, principal, RecipeOwner.Prep, id, input);
      return this.prepView(tx.manager, prep);
    });
  }

  /**
   * Makes `batches` of a prep recipe: its lines are taken from their ingredients (production_out) and its yield
   * added to its own (production_in), valued at what went in; 422 OUT_OF_STOCK when a line cannot be covered.
   */
  produce(principal: Principal, id: string, batches: number): Promise<PrepRecipeView> {
    return this.database.transaction(async (tx) => {
      const prep = await this.findPrep(tx.manager, id);
      const lines = await tx.manager.find(RecipeLine, {
        where: { ownerKind: RecipeOwner.Prep, ownerId: id },
      });
      const by = actorOf(principal);
      const ref = `production:${prep.id}`;
      const stock = await this.ingredients.ensure(tx, [
        prep.ingredientId,
        ...lines.map((l) => l.ingredientId),
      ]);
      const made = prep.yieldQuantity * batches;
      const inputCost = lines.reduce(
        (sum, line) =>
          sum + valueOf(line.baseQuantity * batches, stock.get(line.ingredientId)!.costPerThousand),
        0,
      );
      const output = stock.get(prep.ingredientId)!;
      // The batch's cost is what went in; the yield's cost per 1,000 base units follows it.
      output.costPerThousand = Math.round((inputCost * 1000) / made);
      await tx.manager.update(
        IngredientStock,
        { ingredientId: output.ingredientId },
        { costPerThousand: output.costPerThousand },
      );
      await this.ledger.move(tx, [
        ...lines.map((line) => ({
          ingredientId: line.ingredientId,
          quantity: -line.baseQuantity * batches,
          reason: MovementReason.ProductionOut,
          ref,
          by,
          fields: ['batches'],
        })),
        { ingredientId: prep.ingredientId, quantity: made, reason: MovementReason.ProductionIn, ref, by },
      ]);
      return this.prepView(tx.manager, prep);
    });
  }

  /** Replaces the owner's lines, checked against the ingredients' base units; audited; the menu follows. */
  private async set(
    tx: Tx,
    principal: Principal,
    kind: RecipeOwner,
    ownerId: string,
    input: RecipeInput,
  ): Promise<RecipeView> {
    const problems: FieldProblem[] = [];
    const preps = await this.prepsOf(tx.manager, input.lines);
    input.lines.forEach((line, i) =>
      problems.push(...lineProblems(kind, ownerId, line, preps, `lines[${i}]`)),
    );
    if (problems.length > 0) throw DomainError.validation(problems);
    const ingredientIdOf = (line: RecipeLineInput) =>
      line.ingredientId ?? preps.get(line.prepRecipeId!)!.ingredientId;
    const before = await tx.manager.find(RecipeLine, { where: { ownerKind: kind, ownerId } });
    const referenced = input.lines.flatMap((line) => [
      ingredientIdOf(line),
      ...(line.replacesIngredientId ? [line.replacesIngredientId] : []),
    ]);
    const known = await tx.manager.find(Ingredient, { select: { id: true }, where: { id: In(referenced) } });
    const knownIds = new Set(known.map((row) => row.id));
    input.lines.forEach((line, i) => {
      if (!knownIds.has(ingredientIdOf(line)))
        problems.push({ field: `lines[${i}].ingredientId`, message: 'is no ingredient' });
      if (line.replacesIngredientId && !knownIds.has(line.replacesIngredientId)) {
        problems.push({ field: `lines[${i}].replacesIngredientId`, message: 'is no ingredient' });
      }
    });
    if (problems.length > 0) throw DomainError.validation(problems);
    const stock = await this.ingredients.ensure(
      tx,
      input.lines.map(ingredientIdOf),
      input.lines[0] ? RECIPE_UNITS[input.lines[0].unit].base : undefined,
    );
    const rows = input.lines.map((line, position): RecipeLine => {
      const ingredientId = ingredientIdOf(line);
      const yieldPercent = line.yieldPercent ?? 100;
      const base = portionQuantity(line.quantity, line.unit, yieldPercent, stock.get(ingredientId)!.baseUnit);
      if (base === null) {
        problems.push({
          field: `lines[${position}].unit`,
          message: `is not of the ingredient's base unit (${stock.get(ingredientId)!.baseUnit})`,
        });
      }
      return tx.manager.create(RecipeLine, {
        id: randomUUID(),
        ownerKind: kind,
        ownerId,
        position,
        ingredientId,
        prepRecipeId: line.prepRecipeId ?? null,
        quantity: line.quantity,
        unit: line.unit,
        yieldPercent,
        mode: line.mode ?? RecipeMode.Add,
        replacesIngredientId: line.replacesIngredientId ?? null,
        baseQuantity: base ?? 0,
      });
    });
    if (problems.length > 0) throw DomainError.validation(problems);
    await tx.manager.delete(RecipeLine, { ownerKind: kind, ownerId });
    if (rows.length > 0) await tx.manager.insert(RecipeLine, rows);
    const view = await this.view(tx.manager, kind, ownerId);
    await this.auditLog.record(tx, principal, {
      action: 'recipe.set',
      entityType: kind === RecipeOwner.Prep ? 'prep_recipe' : kind,
      entityId: ownerId,
      before: {
        lines: before.map(({ ingredientId, quantity, unit, yieldPercent, mode }) => ({
          ingredientId,
          quantity,
          unit,
          yieldPercent,
          mode,
        })),
      },
      after: view,
    });
    if (kind !== RecipeOwner.Prep) {
      const owner = { kind: kind === RecipeOwner.Variation ? 'variation' : 'option', id: ownerId } as const;
      await this.ledger.followMenu(tx, [...new Set([...before, ...rows].map((row) => row.ingredientId))], {
        owners: [owner],
      });
    }
    return view;
  }

  private async view(manager: EntityManager, kind: RecipeOwner, ownerId: string): Promise<RecipeView> {
    const lines = await manager.find(RecipeLine, {
      where: { ownerKind: kind, ownerId },
      order: { position: 'ASC' },
    });
    const ids = [...new Set(lines.map((line) => line.ingredientId))];
    const names = new Map(
      (ids.length ? await manager.find(Ingredient, { where: { id: In(ids) } }) : []).map((row) => [
        row.id,
        row.name,
      ]),
    );
    const costs = new Map(
      (ids.length ? await manager.find(IngredientStock, { where: { ingredientId: In(ids) } }) : []).map(
        (row) => [row.ingredientId, row.costPerThousand],
      ),
    );
    const views = lines.map((line): RecipeLineView => {
      const cost = valueOf(line.baseQuantity, costs.get(line.ingredientId) ?? 0);
      return {
        ingredientId: line.ingredientId,
        name: names.get(line.ingredientId) ?? '',
        prepRecipeId: line.prepRecipeId,
        quantity: line.quantity,
        unit: line.unit,
        yieldPercent: line.yieldPercent,
        mode: line.mode,
        replacesIngredientId: line.replacesIngredientId,
        baseQuantity: line.baseQuantity,
        cost: line.mode === RecipeMode.Remove ? -cost : cost,
      };
    });
    return { lines: views, plateCost: views.reduce((sum, line) => sum + line.cost, 0) };
  }

  private async prepView(manager: EntityManager, prep: PrepRecipe): Promise<PrepRecipeView> {
    const recipe = await this.view(manager, RecipeOwner.Prep, prep.id);
    return {
      id: prep.id,
      name: prep.name,
      ingredientId: prep.ingredientId,
      yieldQuantity: prep.yieldQuantity,
      ...recipe,
    };
  }

  private async prepsOf(manager: EntityManager, lines: RecipeLineInput[]): Promise<Map<string, PrepRecipe>> {
    const ids = [...new Set(lines.flatMap((line) => (line.prepRecipeId ? [line.prepRecipeId] : [])))];
    if (ids.length === 0) return new Map();
    return new Map(
      (await manager.find(PrepRecipe, { where: { id: In(ids) } })).map((prep) => [prep.id, prep]),
    );
  }

  private async findVariation(
    manager: EntityManager,
    dishId: string,
    variationId: string,
  ): Promise<DishVariation> {
    const variation = await manager.findOne(DishVariation, {
      where: { id: variationId, dishId, deletedAt: IsNull() },
    });
    if (!variation) throw DomainError.notFound('Variation');
    return variation;
  }

  private async findOption(manager: EntityManager, id: string): Promise<ModifierOption> {
    const option = await manager.findOne(ModifierOption, { where: { id } });
    if (!option) throw DomainError.notFound('Modifier option');
    return option;
  }

  private async findPrep(manager: EntityManager, id: string): Promise<PrepRecipe> {
    const prep = await manager.findOne(PrepRecipe, { where: { id } });
    if (!prep) throw DomainError.notFound('Prep recipe');
    return prep;
  }
}

function lineProblems(
  kind: RecipeOwner,
  ownerId: string,
  line: RecipeLineInput,
  preps: Map<string, PrepRecipe>,
  field: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if ((line.ingredientId === undefined) === (line.prepRecipeId === undefined)) {
    problems.push({ field, message: 'names either ingredientId or prepRecipeId' });
  }
  if (line.prepRecipeId !== undefined && !preps.has(line.prepRecipeId)) {
    problems.push({ field: `${field}.prepRecipeId`, message: 'is no prep recipe' });
  }
  if (kind === RecipeOwner.Prep && line.prepRecipeId === ownerId) {
    problems.push({ field: `${field}.prepRecipeId`, message: 'is this prep recipe itself' });
  }
  const mode = line.mode ?? RecipeMode.Add;
  if (kind !== RecipeOwner.Option && mode !== RecipeMode.Add) {
    problems.push({
      field: `${field}.mode`,
      message: "must be add: only a modifier option's lines change a recipe",
    });
  }
  if ((mode === RecipeMode.Replace) !== (line.replacesIngredientId !== undefined)) {
    problems.push({
      field: `${field}.replacesIngredientId`,
      message: 'is given with mode replace, and only then',
    });
  }
  return problems;
}
