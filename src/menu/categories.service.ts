import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, FindOptionsWhere } from 'typeorm';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { Page, pageOf } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { TaxRatesService } from '../taxes/tax-rates.service';
import { assertNoLiveDishes } from './dish-rows';
import { CategoryListQuery, CreateCategoryInput, UpdateCategoryInput } from './dto/menu.inputs';
import { CategoryView } from './dto/menu.views';
import { Category } from './menu.entities';
import { changedFields, refuseHqOwned } from '../common/errors/managed-by-hq';
import { MenuChangeLog } from './menu-change-log';
import { MenuSchedulesService } from './schedules/menu-schedules.service';

/** What a new category is given; active unless said, with the default tax rates and no schedule unless said. */
export type NewCategory = Pick<Category, 'name'> &
  Partial<Pick<Category, 'sortOrder' | 'active' | 'taxRateIds' | 'scheduleId' | 'hqKey'>>;

export function newCategory(manager: EntityManager, fields: NewCategory, now: Date): Category {
  return manager.create(Category, {
    id: randomUUID(),
    name: fields.name,
    sortOrder: fields.sortOrder ?? 0,
    active: fields.active ?? true,
    taxRateIds: fields.taxRateIds ?? [],
    scheduleId: fields.scheduleId ?? null,
    hqKey: fields.hqKey ?? null,
    createdAt: now,
    updatedAt: now,
  });
}

/** The menu's categories: the sections dishes are listed under. */
@Injectable()
export class CategoriesService {
  constructor(
    private readonly database: Database,
    private readonly changes: MenuChangeLog,
    private readonly taxRates: TaxRatesService,
    private readonly schedules: MenuSchedulesService,
    private readonly clock: Clock,
  ) {}

  async list(query: CategoryListQuery): Promise<Page<CategoryView>> {
    const where: FindOptionsWhere<Category> = {};
    if (query.active !== undefined) where.active = query.active;
    const [categories, total] = await this.database.reader.findAndCount(Category, {
      where,
      order: { sortOrder: 'ASC', name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(categories.map(CategoryView.of), total, query);
  }

  async get(id: string): Promise<CategoryView> {
    return CategoryView.of(await this.findCategory(this.database.reader, id));
  }

  create(principal: Principal, input: CreateCategoryInput): Promise<CategoryView> {
    const taxRateIds = [...new Set(input.taxRateIds ?? [])];
    return this.database.transaction(async (tx) => {
      await this.taxRates.assertActiveList(tx.manager, taxRateIds, 'taxRateIds');
      if (input.scheduleId) await this.schedules.assertExists(tx.manager, input.scheduleId, 'scheduleId');
      const now = this.clock.now();
      const category = await tx.manager.save(
        newCategory(tx.manager, { ...input, taxRateIds, scheduleId: input.scheduleId ?? null }, now),
      );
      const after = CategoryView.of(category);
      await this.changes.record(tx, principal, {
        action: 'category.created',
        entityType: 'category',
        entityId: category.id,
        after,
      });
      return after;
    });
  }

  update(principal: Principal, id: string, input: UpdateCategoryInput): Promise<CategoryView> {
    return this.database.transaction(async (tx) => {
      const category = await this.findCategory(tx.manager, id, true);
      refuseHqOwned(category, 'category', changedFields(category, input, ['name', 'sortOrder']));
      const taxRateIds = input.taxRateIds && [...new Set(input.taxRateIds)];
      if (taxRateIds) await this.taxRates.assertActiveList(tx.manager, taxRateIds, 'taxRateIds');
      if (input.scheduleId) await this.schedules.assertExists(tx.manager, input.scheduleId, 'scheduleId');
      return auditedChange(tx, this.changes, principal, category, {
        action: 'category.updated',
        entityType: 'category',
        view: CategoryView.of,
        change: () => {
          if (input.name !== undefined) category.name = input.name;
          if (input.sortOrder !== undefined) category.sortOrder = input.sortOrder;
          if (input.active !== undefined) category.active = input.active;
          if (taxRateIds) category.taxRateIds = taxRateIds;
          if (input.scheduleId !== undefined) category.scheduleId = input.scheduleId;
          category.updatedAt = this.clock.now();
        },
        skipIfUnchanged: true,
      });
    });
  }

  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      // Locked first: a dish being created in this category either commits before the count sees it or waits.
      const category = await this.findCategory(tx.manager, id, true);
      refuseHqOwned(category, 'category', ['delete']);
      await assertNoLiveDishes(tx.manager, { categoryId: id }, 'category');
      await auditedChange(tx, this.changes, principal, category, {
        action: 'category.deleted',
        entityType: 'category',
        view: CategoryView.of,
        remove: () => tx.manager.delete(Category, { id }),
      });
    });
  }

  private async findCategory(manager: EntityManager, id: string, forUpdate = false): Promise<Category> {
    const category = await manager.findOne(Category, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!category) throw DomainError.notFound('Category');
    return category;
  }
}
