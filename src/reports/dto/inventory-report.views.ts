import { ApiProperty } from '@nestjs/swagger';
import { ReportPeriodView } from './report.views';

/** The inventory (variance) report and the food-cost report (docs/inventory.md, "Reports"). */

const QUANTITY = 'Base units of the ingredient (g, ml or pieces)';
const LEDGER_COST = 'Minor units, as the ledger valued its movements (each at the cost of its moment)';

/** A quantity column. */
const units = (example: number, description: string): PropertyDecorator =>
  ApiProperty({ example, description: `${description}. ${QUANTITY}` });

export class WasteReasonView {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'dropped tray',
    description:
      'The waste movements\' note; "voided after it was made" for a made line voided; null: none given',
  })
  reason!: string | null;
  @ApiProperty({ example: 120, description: QUANTITY }) quantity!: number;
  @ApiProperty({ example: 96, description: LEDGER_COST }) cost!: number;
}

/** The money columns of an ingredient's row, which also add up over ingredients (the totals). */
export class InventoryMoneyView {
  @ApiProperty({
    example: 4000,
    description: `opening's value: every movement before the start. ${LEDGER_COST}`,
  })
  openingCost!: number;
  @ApiProperty({ example: 2400, description: LEDGER_COST }) receiptsCost!: number;
  @ApiProperty({ example: 0, description: LEDGER_COST }) transfersInCost!: number;
  @ApiProperty({ example: 0, description: LEDGER_COST }) transfersOutCost!: number;
  @ApiProperty({ example: 0, description: LEDGER_COST }) producedCost!: number;
  @ApiProperty({ example: 1500, description: LEDGER_COST }) soldCost!: number;
  @ApiProperty({ example: 0, description: LEDGER_COST }) usedInProductionCost!: number;
  @ApiProperty({ example: 1500, description: `soldCost + usedInProductionCost. ${LEDGER_COST}` })
  theoreticalCost!: number;
  @ApiProperty({ example: 96, description: LEDGER_COST }) wasteCost!: number;
  @ApiProperty({
    example: 4700,
    description: `closing's value: every movement before the end. ${LEDGER_COST}`,
  })
  closingCost!: number;
  @ApiProperty({
    example: 1604,
    description:
      'openingCost + receiptsCost + transfersInCost + producedCost − transfersOutCost − closingCost − wasteCost',
  })
  actualCost!: number;
  @ApiProperty({
    example: 104,
    description:
      'actualCost − theoreticalCost: the value of what the counts found missing (negative: found over)',
  })
  varianceCost!: number;
}

export class IngredientVarianceView extends InventoryMoneyView {
  @ApiProperty({ format: 'uuid' }) ingredientId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Mozzarella', description: 'Null: deleted since' })
  name!: string | null;
  @ApiProperty({ enum: ['g', 'ml', 'piece'] }) baseUnit!: string;
  @ApiProperty({ example: 8000, description: 'Its cost now: minor units per 1,000 base units' })
  costPerThousand!: number;
  @units(
    5000,
    "On hand at the period's start by the ledger (after the last count before it, and what moved since)",
  )
  opening!: number;
  @units(3000, 'Received from suppliers (receipt movements)') receipts!: number;
  @units(0, 'transfer_in movements') transfersIn!: number;
  @units(0, 'transfer_out movements') transfersOut!: number;
  @units(0, 'Made by a prep recipe (production_in)') produced!: number;
  @units(1875, 'What the recipes say sales took: sale movements less the void give-backs') sold!: number;
  @units(0, "Taken by prep batches made (production_out): a prep recipe's raw ingredients, used when made")
  usedInProduction!: number;
  @units(1875, 'Theoretical usage: sold + usedInProduction') theoretical!: number;
  @units(120, 'Waste movements, all reasons (a made line voided among them)') waste!: number;
  @ApiProperty({ type: [WasteReasonView], description: 'The waste by reason (its note), by reason' })
  wasteByReason!: WasteReasonView[];
  @units(5875, "On hand at the period's end by the ledger: the last count's figure plus what moved after it")
  closing!: number;
  @units(2005, 'Actual usage: opening + receipts + transfersIn + produced − transfersOut − closing − waste')
  actual!: number;
  @units(130, 'actual − theoretical: what the counts found missing (negative: more than expected)')
  variance!: number;
}

export class InventoryReportView {
  @ApiProperty({ type: ReportPeriodView }) period!: ReportPeriodView;
  @ApiProperty({
    type: [IngredientVarianceView],
    description: 'Every ingredient kept in stock or moved, by name (deleted ones last, by id)',
  })
  rows!: IngredientVarianceView[];
  @ApiProperty({ type: InventoryMoneyView, description: "The rows' money added up (quantities do not add)" })
  totals!: InventoryMoneyView;
}

const FOOD_COST_PERCENT =
  'foodCost as a percentage of netSales, two decimals; null without net sales (or less than none)';

export class FoodCostFiguresView {
  @ApiProperty({
    example: 36000,
    description:
      'Net sales before tax: unit price × quantity of the live items of closed orders, as /reports/dishes counts ' +
      "them (before order discounts, modifiers apart), less the tax at the items' rates when prices include it",
  })
  netSales!: number;
  @ApiProperty({ example: 9000, description: 'plateCost × quantity, added up; minor units' })
  foodCost!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 25,
    format: 'double',
    description: FOOD_COST_PERCENT,
  })
  foodCostPercent!: number | null;
}

export class FoodCostVariationView extends FoodCostFiguresView {
  @ApiProperty({ format: 'uuid' }) variationId!: string;
  @ApiProperty({ example: 'Large' }) name!: string;
  @ApiProperty({ example: 12, description: 'Units sold' }) quantity!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 750,
    description: "Its recipe at the ingredients' current cost (as GET …/recipe answers it); null: no recipe",
  })
  plateCost!: number | null;
}

export class FoodCostDishView extends FoodCostFiguresView {
  @ApiProperty({ format: 'uuid' }) dishId!: string;
  @ApiProperty({ example: 'Margherita' }) name!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) categoryId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Pizza' }) category!: string | null;
  @ApiProperty({ example: 12 }) quantity!: number;
  @ApiProperty({ type: [FoodCostVariationView] }) variations!: FoodCostVariationView[];
}

export class FoodCostCategoryView extends FoodCostFiguresView {
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'Null: dishes without a category',
  })
  categoryId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Pizza' }) name!: string | null;
}

export class FoodCostReportView {
  @ApiProperty({ type: ReportPeriodView }) period!: ReportPeriodView;
  @ApiProperty({ type: [FoodCostDishView], description: 'Dishes sold in the period, by name' })
  dishes!: FoodCostDishView[];
  @ApiProperty({ type: [FoodCostCategoryView], description: 'Per category, by name (no category last)' })
  categories!: FoodCostCategoryView[];
  @ApiProperty({ type: FoodCostFiguresView }) totals!: FoodCostFiguresView;
}
