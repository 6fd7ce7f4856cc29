import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Database } from '../database/database.service';
import { IngredientLedgerFigures, InventoryFigures, Valued } from '../inventory/inventory-figures';
import { MovementReason } from '../inventory/inventory.entities';
import { categoriesOfDishes } from '../menu/dish-categories';
import { Category } from '../menu/menu.entities';
import { BusinessCalendar } from '../orders/business-calendar';
import { RestaurantProfile } from '../restaurant/restaurant-profile';
import type { ReportQuery } from './dto/report.inputs';
import {
  FoodCostCategoryView,
  FoodCostDishView,
  FoodCostFiguresView,
  FoodCostReportView,
  IngredientVarianceView,
  InventoryMoneyView,
  InventoryReportView,
} from './dto/inventory-report.views';
import { FoodCostQueries } from './food-cost-queries';
import { reportPeriod } from './report-period';

const NONE: Valued = { quantity: 0, cost: 0 };

/** Food cost as a percentage of net sales, two decimals; none without net sales. */
export function foodCostPercent(foodCost: number, netSales: number): number | null {
  return netSales > 0 ? Math.round((foodCost * 10_000) / netSales) / 100 : null;
}

/** One ingredient's row: the ledger's sums per reason laid out as docs/inventory.md defines each column. */
function varianceRow(figures: IngredientLedgerFigures): IngredientVarianceView {
  const moved = (reason: MovementReason): Valued => figures.moved[reason] ?? NONE;
  const out = (reason: MovementReason): Valued => ({
    quantity: -moved(reason).quantity,
    cost: -moved(reason).cost,
  });
  const opening = figures.opening;
  const within = Object.values(figures.moved).reduce(
    (sum, each) => ({ quantity: sum.quantity + each.quantity, cost: sum.cost + each.cost }),
    NONE,
  );
  const closing = { quantity: opening.quantity + within.quantity, cost: opening.cost + within.cost };
  const receipts = moved(MovementReason.Receipt);
  const transfersIn = moved(MovementReason.TransferIn);
  const transfersOut = out(MovementReason.TransferOut);
  const produced = moved(MovementReason.ProductionIn);
  const sold = {
    quantity: out(MovementReason.Sale).quantity + out(MovementReason.Void).quantity,
    cost: out(MovementReason.Sale).cost + out(MovementReason.Void).cost,
  };
  const usedInProduction = out(MovementReason.ProductionOut);
  const waste = out(MovementReason.Waste);
  const actualOf = (pick: (value: Valued) => number) =>
    pick(opening) +
    pick(receipts) +
    pick(transfersIn) +
    pick(produced) -
    pick(transfersOut) -
    pick(closing) -
    pick(waste);
  const actual = { quantity: actualOf((v) => v.quantity), cost: actualOf((v) => v.cost) };
  const theoretical = {
    quantity: sold.quantity + usedInProduction.quantity,
    cost: sold.cost + usedInProduction.cost,
  };
  return {
    ingredientId: figures.ingredientId,
    name: figures.name,
    baseUnit: figures.baseUnit,
    costPerThousand: figures.costPerThousand,
    opening: opening.quantity,
    openingCost: opening.cost,
    receipts: receipts.quantity,
    receiptsCost: receipts.cost,
    transfersIn: transfersIn.quantity,
    transfersInCost: transfersIn.cost,
    transfersOut: transfersOut.quantity,
    transfersOutCost: transfersOut.cost,
    produced: produced.quantity,
    producedCost: produced.cost,
    sold: sold.quantity,
    soldCost: sold.cost,
    usedInProduction: usedInProduction.quantity,
    usedInProductionCost: usedInProduction.cost,
    theoretical: theoretical.quantity,
    theoreticalCost: theoretical.cost,
    waste: waste.quantity,
    wasteCost: waste.cost,
    wasteByReason: figures.wasteByNote.map((each) => ({
      reason: each.note,
      quantity: -each.quantity,
      cost: -each.cost,
    })),
    closing: closing.quantity,
    closingCost: closing.cost,
    actual: actual.quantity,
    actualCost: actual.cost,
    variance: actual.quantity - theoretical.quantity,
    varianceCost: actual.cost - theoretical.cost,
  };
}

const MONEY_FIELDS = [
  'openingCost',
  'receiptsCost',
  'transfersInCost',
  'transfersOutCost',
  'producedCost',
  'soldCost',
  'usedInProductionCost',
  'theoreticalCost',
  'wasteCost',
  'closingCost',
  'actualCost',
  'varianceCost',
] as const satisfies ReadonlyArray<keyof InventoryMoneyView>;

/** By name, nameless (deleted) last, then by id. */
function byNameThenId<Row>(nameOf: (row: Row) => string | null, idOf: (row: Row) => string | null) {
  return (a: Row, b: Row): number => {
    const [first, second] = [nameOf(a), nameOf(b)];
    if (first !== second) {
      if (first === null) return 1;
      if (second === null) return -1;
      const order = first.localeCompare(second);
      if (order !== 0) return order;
    }
    return (idOf(a) ?? '').localeCompare(idOf(b) ?? '');
  };
}

function costFigures(netSales: number, foodCost: number): FoodCostFiguresView {
  return { netSales, foodCost, foodCostPercent: foodCostPercent(foodCost, netSales) };
}

/**
 * The inventory's reports over business days: variance by ingredient from the ledger's sums (InventoryFigures, the
 * inventory module's typed reads), and food cost per dish and category from the dish report's sales and the
 * recipes' plate costs.
 */
@Injectable()
export class InventoryReports {
  constructor(
    private readonly figures: InventoryFigures,
    private readonly foodCostQueries: FoodCostQueries,
    private readonly database: Database,
    private readonly calendar: BusinessCalendar,
    private readonly restaurant: RestaurantProfile,
  ) {}

  async inventory(query: ReportQuery): Promise<InventoryReportView> {
    const period = reportPeriod(this.calendar, this.restaurant.currency, query);
    const ledger = await this.figures.ledgerWithin(new Date(period.start), new Date(period.end));
    const rows = ledger.map(varianceRow).sort(
      byNameThenId(
        (row) => row.name,
        (row) => row.ingredientId,
      ),
    );
    const totals = Object.fromEntries(
      MONEY_FIELDS.map((field) => [field, rows.reduce((sum, row) => sum + row[field], 0)]),
    ) as unknown as InventoryMoneyView;
    return { period, rows, totals };
  }

  async foodCost(query: ReportQuery): Promise<FoodCostReportView> {
    const period = reportPeriod(this.calendar, this.restaurant.currency, query);
    const sales = await this.foodCostQueries.variations(period);
    const reader = this.database.reader;
    const [plates, categoryOf] = await Promise.all([
      this.figures.plateCosts(sales.map((row) => row.variationId)),
      categoriesOfDishes(reader, [...new Set(sales.map((row) => row.dishId))]),
    ]);
    const categoryIds = [...new Set(categoryOf.values())];
    const categoryNames = new Map(
      (categoryIds.length === 0 ? [] : await reader.find(Category, { where: { id: In(categoryIds) } })).map(
        (category) => [category.id, category.name],
      ),
    );
    const dishes = new Map<string, FoodCostDishView>();
    for (const row of sales) {
      const categoryId = categoryOf.get(row.dishId) ?? null;
      const dish = dishes.get(row.dishId) ?? {
        dishId: row.dishId,
        name: row.name,
        categoryId,
        category: categoryId === null ? null : (categoryNames.get(categoryId) ?? null),
        quantity: 0,
        ...costFigures(0, 0),
        variations: [],
      };
      const plateCost = plates.get(row.variationId) ?? null;
      const foodCost = (plateCost ?? 0) * row.quantity;
      dish.variations.push({
        variationId: row.variationId,
        name: row.variationName,
        quantity: row.quantity,
        plateCost,
        ...costFigures(row.netSales, foodCost),
      });
      Object.assign(dish, costFigures(dish.netSales + row.netSales, dish.foodCost + foodCost));
      dish.quantity += row.quantity;
      dishes.set(row.dishId, dish);
    }
    const sorted = [...dishes.values()].sort(
      byNameThenId(
        (d) => d.name,
        (d) => d.dishId,
      ),
    );
    for (const dish of sorted)
      dish.variations.sort(
        byNameThenId(
          (v) => v.name,
          (v) => v.variationId,
        ),
      );
    const categories = new Map<string | null, FoodCostCategoryView>();
    for (const dish of sorted) {
      const category = categories.get(dish.categoryId) ?? {
        categoryId: dish.categoryId,
        name: dish.category,
        ...costFigures(0, 0),
      };
      Object.assign(
        category,
        costFigures(category.netSales + dish.netSales, category.foodCost + dish.foodCost),
      );
      categories.set(dish.categoryId, category);
    }
    const totals = costFigures(
      sorted.reduce((sum, dish) => sum + dish.netSales, 0),
      sorted.reduce((sum, dish) => sum + dish.foodCost, 0),
    );
    return {
      period,
      dishes: sorted,
      categories: [...categories.values()].sort(
        byNameThenId(
          (c) => c.name,
          (c) => c.categoryId,
        ),
      ),
      totals,
    };
  }
}
