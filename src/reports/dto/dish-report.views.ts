import { ApiProperty } from '@nestjs/swagger';
import { CLOSED_ONLY, MINOR, NAME_AS_ORDERED, ReportPeriodView } from './report.views';

/** The dish report: quantity, revenue and what price rules took off, per dish, variation and modifier option. */

export class QuantityRevenueView {
  @ApiProperty({ example: 12, description: 'Units sold (live items of closed orders)' }) quantity!: number;
  @ApiProperty({
    example: 14400,
    description: `unitPrice × quantity as ordered, before order discounts. ${MINOR}`,
  })
  revenue!: number;
  @ApiProperty({
    example: 1100,
    description:
      'What price rules (happy hours) took off these units: (listPrice - unitPrice) × quantity of the lines a ' +
      `rule priced; revenue is after it, and order discounts are apart (see /reports/discounts-and-voids). ${MINOR}`,
  })
  priceRuleDiscount!: number;
}

export class VariationSalesView extends QuantityRevenueView {
  @ApiProperty({ format: 'uuid' }) variationId!: string;
  @ApiProperty({ example: 'Large', description: NAME_AS_ORDERED })
  name!: string;
}

export class DishSalesView extends QuantityRevenueView {
  @ApiProperty({ format: 'uuid' }) dishId!: string;
  @ApiProperty({ example: 'Margherita', description: NAME_AS_ORDERED })
  name!: string;
  @ApiProperty({ type: [VariationSalesView] }) variations!: VariationSalesView[];
}

export class ModifierSalesView {
  @ApiProperty({ format: 'uuid' }) optionId!: string;
  @ApiProperty({ example: 'Sauce', description: NAME_AS_ORDERED }) groupName!: string;
  @ApiProperty({ example: 'Aioli', description: NAME_AS_ORDERED }) name!: string;
  @ApiProperty({ example: 12, description: 'Units of the live items of closed orders that carry the option' })
  quantity!: number;
  @ApiProperty({
    example: 1800,
    description: `priceDelta × quantity as ordered, before order discounts; negative for a discounting option. ${MINOR}`,
  })
  revenue!: number;
}

export class DishesReportView {
  @ApiProperty({ type: ReportPeriodView }) period!: ReportPeriodView;
  @ApiProperty({
    type: [DishSalesView],
    description:
      `Per dish, most revenue first, with its variations. ${CLOSED_ONLY} Voided and cancelled items are left ` +
      'out (see /reports/discounts-and-voids). Revenue is of the unit prices alone: what modifiers add is in ' +
      '`modifiers`.',
  })
  dishes!: DishSalesView[];
  @ApiProperty({
    type: [ModifierSalesView],
    description: 'Per modifier option carried by those same items, most revenue first',
  })
  modifiers!: ModifierSalesView[];
  @ApiProperty({ type: QuantityRevenueView, description: 'Of `dishes`' }) totals!: QuantityRevenueView;
  @ApiProperty({
    example: 15600,
    description:
      "Item sales: the dishes' revenue (totals.revenue) plus the modifier options' (`modifiers`), which is " +
      `/reports/sales' itemSales for the same period. ${MINOR}`,
  })
  itemSales!: number;
}
