import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { ALLERGENS } from './allergens';
import { CreateIngredientInput, UpdateIngredientInput } from './dto/menu.inputs';
import { AllergenView, IngredientView } from './dto/menu.views';
import { Dish, DishIngredient, Ingredient } from './menu.entities';
import { MenuChangeLog } from './menu-change-log';

/** Ingredients and the allergens they carry: a dish's allergens are derived from its ingredients. */
@Injectable()
export class IngredientsService {
  constructor(
    private readonly database: Database,
    private readonly changes: MenuChangeLog,
    private readonly clock: Clock,
  ) {}

  /** The names of these ingredients, read in the caller's transaction (inventory names them in refusals and events). */
  async namesOf(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.find(Ingredient, {
      select: { id: true, name: true },
      where: { id: In([...ids]) },
    });
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  allergens(): AllergenView[] {
    return ALLERGENS.map(({ code, name }) => ({ code, name }));
  }

  async list(query: PageQuery): Promise<Page<IngredientView>> {
    const [ingredients, total] = await this.database.reader.findAndCount(Ingredient, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(ingredients.map(IngredientView.of), total, query);
  }

  async get(id: string): Promise<IngredientView> {
    return IngredientView.of(await this.findIngredient(this.database.reader, id));
  }

  create(principal: Principal, input: CreateIngredientInput): Promise<IngredientView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const ingredient = await tx.manager.save(
        tx.manager.create(Ingredient, {
          id: randomUUID(),
          name: input.name,
          allergens: normalisedAllergens(input.allergens ?? []),
          createdAt: now,
          updatedAt: now,
        }),
      );
      const after = IngredientView.of(ingredient);
      await this.changes.record(tx, principal, {
        action: 'ingredient.created',
        entityType: 'ingredient',
        entityId: ingredient.id,
        after,
      });
      return after;
    });
  }

  /** A change of allergens changes the derived allergens of every dish that uses the ingredient. */
  update(principal: Principal, id: string, input: UpdateIngredientInput): Promise<IngredientView> {
    return this.database.transaction(async (tx) => {
      const ingredient = await this.findIngredient(tx.manager, id, true);
      return auditedChange(tx, this.changes, principal, ingredient, {
        action: 'ingredient.updated',
        entityType: 'ingredient',
        view: IngredientView.of,
        change: () => {
          if (input.name !== undefined) ingredient.name = input.name;
          if (input.allergens !== undefined) ingredient.allergens = normalisedAllergens(input.allergens);
          ingredient.updatedAt = this.clock.now();
        },
        skipIfUnchanged: true,
      });
    });
  }

  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const ingredient = await this.findIngredient(tx.manager, id, true);
      const used = await tx.manager
        .createQueryBuilder(DishIngredient, 'link')
        .innerJoin(Dish, 'dish', 'dish.id = link.dishId')
        .where('link.ingredientId = :id', { id })
        .andWhere('dish.deletedAt IS NULL')
        .getCount();
      if (used > 0) {
        throw new DomainError(
          ErrorCode.Conflict,
          `The ingredient is used by ${used} dish(es); remove it from them first`,
        );
      }
      await auditedChange(tx, this.changes, principal, ingredient, {
        action: 'ingredient.deleted',
        entityType: 'ingredient',
        view: IngredientView.of,
        remove: () => tx.manager.delete(Ingredient, { id }),
      });
    });
  }

  private async findIngredient(manager: EntityManager, id: string, forUpdate = false): Promise<Ingredient> {
    const ingredient = await manager.findOne(Ingredient, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!ingredient) throw DomainError.notFound('Ingredient');
    return ingredient;
  }
}

function normalisedAllergens(codes: string[]): string[] {
  return [...new Set(codes)].sort();
}
