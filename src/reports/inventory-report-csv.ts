import type { ReportColumn, ReportTable } from './csv';
import type {
  FoodCostFiguresView,
  FoodCostReportView,
  IngredientVarianceView,
  InventoryReportView,
} from './dto/inventory-report.views';
import { TOTAL } from './report-csv';

/** The inventory and food-cost reports' tables (report-csv.ts's shape): the JSON's rows, then `total`. */

const label = (key: string) => `inventoryReports.columns.${key}`;
const TOTAL_WORDS = { [TOTAL]: 'inventoryReports.total' };

type VarianceRow = Omit<IngredientVarianceView, 'wasteByReason' | 'baseUnit' | 'name' | 'costPerThousand'> & {
  name: string | null;
  baseUnit: string | null;
  costPerThousand: number | null;
};

/** The figures of a row in pairs: the quantity (none on the total) and its value. */
const PAIRS = [
  'opening',
  'receipts',
  'transfersIn',
  'transfersOut',
  'produced',
  'sold',
  'usedInProduction',
  'theoretical',
  'waste',
  'closing',
  'actual',
  'variance',
] as const;

export function inventoryTable(view: InventoryReportView): ReportTable<VarianceRow> {
  const total = {
    ingredientId: TOTAL,
    name: null,
    baseUnit: null,
    costPerThousand: null,
    ...Object.fromEntries(PAIRS.map((pair) => [pair, null])),
    ...view.totals,
  } as unknown as VarianceRow;
  const columns: Array<ReportColumn<VarianceRow>> = [
    {
      header: 'ingredientId',
      label: label('ingredientId'),
      value: (row) => row.ingredientId,
      id: true,
      words: TOTAL_WORDS,
    },
    { header: 'name', label: label('ingredient'), value: (row) => row.name },
    { header: 'baseUnit', label: label('unit'), value: (row) => row.baseUnit },
    ...PAIRS.flatMap((pair): Array<ReportColumn<VarianceRow>> => [
      { header: pair, label: label(pair), value: (row) => row[pair], kind: 'count' },
      {
        header: `${pair}Cost`,
        label: label(`${pair}Cost`),
        value: (row) => row[`${pair}Cost`],
        money: true,
      },
    ]),
  ];
  return { columns, rows: [...view.rows, total], currency: view.period.currency };
}

interface FoodCostRow extends FoodCostFiguresView {
  dishId: string;
  dish: string | null;
  categoryId: string | null;
  category: string | null;
  variationId: string | null;
  variation: string | null;
  quantity: number | null;
  plateCost: number | null;
}

/** One row per variation sold, with its dish and category, then the total. */
export function foodCostTable(view: FoodCostReportView): ReportTable<FoodCostRow> {
  const rows: FoodCostRow[] = view.dishes.flatMap((dish) =>
    dish.variations.map((variation) => ({
      dishId: dish.dishId,
      dish: dish.name,
      categoryId: dish.categoryId,
      category: dish.category,
      variationId: variation.variationId,
      variation: variation.name,
      quantity: variation.quantity,
      plateCost: variation.plateCost,
      netSales: variation.netSales,
      foodCost: variation.foodCost,
      foodCostPercent: variation.foodCostPercent,
    })),
  );
  const total: FoodCostRow = {
    dishId: TOTAL,
    dish: null,
    categoryId: null,
    category: null,
    variationId: null,
    variation: null,
    quantity: null,
    plateCost: null,
    ...view.totals,
  };
  const columns: Array<ReportColumn<FoodCostRow>> = [
    { header: 'dishId', label: label('dishId'), value: (row) => row.dishId, id: true, words: TOTAL_WORDS },
    { header: 'dish', label: label('dish'), value: (row) => row.dish },
    { header: 'categoryId', label: label('categoryId'), value: (row) => row.categoryId, id: true },
    { header: 'category', label: label('category'), value: (row) => row.category },
    { header: 'variationId', label: label('variationId'), value: (row) => row.variationId, id: true },
    { header: 'variation', label: label('variation'), value: (row) => row.variation },
    { header: 'quantity', label: label('quantity'), value: (row) => row.quantity, kind: 'count' },
    {
      header: 'plateCost',
      label: label('plateCost'),
      value: (row) => row.plateCost,
      money: (row) => row.plateCost !== null,
    },
    { header: 'netSales', label: label('netSales'), value: (row) => row.netSales, money: true },
    { header: 'foodCost', label: label('foodCostAmount'), value: (row) => row.foodCost, money: true },
    {
      header: 'foodCostPercent',
      label: label('foodCostPercent'),
      value: (row) => row.foodCostPercent,
      kind: 'percent',
    },
  ];
  return { columns, rows: [...rows, total], currency: view.period.currency };
}
