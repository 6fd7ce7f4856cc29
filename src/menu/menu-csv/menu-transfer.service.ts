import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { Database } from '../../database/database.service';
import { writeCsvText } from '../../common/csv-write';
import { CategoriesService } from '../categories.service';
import { DishAvailabilityService } from '../dish-availability.service';
import { DishVariationsService } from '../dish-variations.service';
import { DishesService } from '../dishes.service';
import { MenuImportInput } from './menu-transfer.inputs';
import { MenuImportView } from './menu-transfer.views';
import { formatList, formatPrice, MENU_CSV_COLUMNS, readMenuCsv } from './menu-csv-format';
import { PlannedDish, planMenuImport } from './menu-import-plan';
import { loadMenuState, orderable, variationOffered } from './menu-state';

/** The menu as a CSV file a restaurant edits in a spreadsheet: the export, and the import that reads it back. */
@Injectable()
export class MenuTransferService {
  constructor(
    private readonly database: Database,
    private readonly categories: CategoriesService,
    private readonly dishes: DishesService,
    private readonly variations: DishVariationsService,
    private readonly availability: DishAvailabilityService,
  ) {}

  /** One line per live variation, in menu order: exactly what the import reads. */
  async exportCsv(): Promise<string> {
    const state = await loadMenuState(this.database.reader);
    const nameOf = (list: ReadonlyArray<{ id: string; name: string }>, id: string | null) =>
      list.find((entry) => entry.id === id)?.name ?? '';
    const rows = state.dishes.flatMap((part) =>
      part.variations.map((variation) => ({
        key: variation.id,
        category: nameOf(state.categories, part.dish.categoryId),
        dish: part.dish.name,
        variation: variation.name,
        price: formatPrice(variation.price),
        tax: formatList(part.dish.taxRateIds.map((id) => nameOf(state.taxRates, id))),
        station: nameOf(state.stations, part.dish.stationId),
        allergens: formatList(part.allergens),
        available: orderable(part.dish, variation) ? 'yes' : 'no',
      })),
    );
    return writeCsvText([
      MENU_CSV_COLUMNS,
      ...rows.map((row) => MENU_CSV_COLUMNS.map((column) => row[column])),
    ]);
  }

  /**
   * The plan of an import; unless a dry run, applies it in one transaction through the menu's services (so each
   * change is audited and announced as when made by hand), or refuses it whole with every problem.
   */
  import(principal: Principal, input: MenuImportInput): Promise<MenuImportView> {
    const { rows, problems: formProblems } = readMenuCsv(input.csv);
    return this.database.transaction(async (tx) => {
      const plan = planMenuImport(await loadMenuState(tx.manager), rows);
      const problems = [...formProblems, ...plan.problems].sort((a, b) => a.line - b.line);
      const view = MenuImportView.of(plan, problems, false);
      if (input.dryRun) return view;
      if (problems.length > 0) {
        throw DomainError.validation(
          problems.map((problem) => ({
            field: `line ${problem.line}${problem.column ? `, ${problem.column}` : ''}`,
            message: problem.message,
          })),
        );
      }
      const categoryIds = new Map<string, string>();
      for (const name of plan.newCategories) {
        categoryIds.set(name.toLowerCase(), (await this.categories.create(principal, { name })).id);
      }
      for (const dish of plan.dishes) {
        const categoryId =
          'id' in dish.category ? dish.category.id : categoryIds.get(dish.category.create.toLowerCase());
        await this.applyDish(principal, dish, categoryId ?? '');
      }
      return MenuImportView.of(plan, problems, true);
    });
  }

  private async applyDish(principal: Principal, planned: PlannedDish, categoryId: string): Promise<void> {
    const { existing } = planned;
    let dishId: string;
    if (!existing) {
      const created = await this.dishes.create(principal, {
        name: planned.name,
        categoryId,
        stationId: planned.stationId,
        taxRateIds: planned.taxRateIds,
        variations: planned.variations.map(({ row }, sortOrder) => ({
          name: row.variation,
          price: row.price,
          sortOrder,
        })),
      });
      dishId = created.id;
      for (const variation of created.variations) {
        const row = planned.variations.find((entry) => entry.row.variation === variation.name)?.row;
        if (row && !row.available) {
          await this.availability.setVariationAvailability(principal, dishId, variation.id, false);
        }
      }
      return;
    }
    dishId = existing.id;
    if (planned.dishChanges.length > 0) {
      await this.dishes.update(principal, dishId, {
        name: planned.name,
        categoryId,
        stationId: planned.stationId,
        taxRateIds: planned.taxRateIds,
      });
    }
    let nextSortOrder = planned.nextSortOrder;
    for (const { row, existing: variation } of planned.variations) {
      const id = variation
        ? variation.id
        : (
            await this.variations.create(principal, dishId, {
              name: row.variation,
              price: row.price,
              sortOrder: nextSortOrder++,
            })
          ).id;
      if (variation && (variation.name !== row.variation || variation.price !== row.price)) {
        await this.variations.update(principal, dishId, id, { name: row.variation, price: row.price });
      }
      // A dish that stays 86'd: its lines all say no, as they read already.
      if (!existing.available && !planned.reopen) continue;
      if ((variation ? variationOffered(variation) : true) !== row.available) {
        await this.availability.setVariationAvailability(principal, dishId, id, row.available);
      }
    }
    if (planned.reopen) {
      for (const id of planned.keepOff) {
        await this.availability.setVariationAvailability(principal, dishId, id, false);
      }
      await this.availability.setDishAvailability(principal, dishId, true);
    }
  }
}
