import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { GuestCheckDocument } from '../document-types';

const MINOR = 'Minor units';

export class GuestCheckModifierView {
  @ApiProperty({ example: 'Aioli' }) name!: string;
  @ApiProperty({ example: 150, description: `${MINOR} added to the unit price` }) priceDelta!: number;
}

export class GuestCheckComponentModifierView {
  @ApiProperty({ example: 'No onions' }) name!: string;
}

export class GuestCheckComponentView {
  @ApiProperty({ example: 'Fries' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Large' }) variationName!: string | null;
  @ApiProperty({ type: [GuestCheckComponentModifierView] }) modifiers!: GuestCheckComponentModifierView[];
}

export class GuestCheckLineView {
  @ApiProperty({ example: 'Margherita' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Large' }) variationName!: string | null;
  @ApiProperty({ example: 2 }) quantity!: number;
  @ApiProperty({ example: 1250, description: MINOR }) unitPrice!: number;
  @ApiProperty({ type: [GuestCheckModifierView] }) modifiers!: GuestCheckModifierView[];
  @ApiProperty({ type: Number, nullable: true, example: 1 }) seat!: number | null;
  @ApiProperty({ example: 2800, description: `(unitPrice + priceDeltas) × quantity. ${MINOR}` })
  total!: number;
  @ApiPropertyOptional({
    type: [GuestCheckComponentView],
    description:
      'Only on a combo line (docs/combos.md): its chosen components, printed under it without prices; the ' +
      'line’s unitPrice and total are the whole combo’s',
  })
  components?: GuestCheckComponentView[];
}

export class GuestCheckTaxView {
  @ApiProperty({ example: 'VAT' }) name!: string;
  @ApiProperty({ example: 19, format: 'double' }) percent!: number;
  @ApiProperty({ description: MINOR }) net!: number;
  @ApiProperty({ description: MINOR }) tax!: number;
  @ApiProperty({ description: MINOR }) gross!: number;
}

export class GuestCheckDiscountView {
  @ApiProperty({ enum: ['percent', 'amount'] }) kind!: 'percent' | 'amount';
  @ApiProperty({
    example: 10,
    format: 'double',
    description: 'A percentage (12.5) or an amount in minor units',
  })
  value!: number;
  @ApiProperty({ example: 'regular guest' }) reason!: string;
}

export class GuestCheckSplitView {
  @ApiProperty({ example: 1 }) part!: number;
  @ApiProperty({ example: 3 }) parts!: number;
}

/** GET /orders/:id/bill as JSON: what the paper, the screen and the PDF show. */
export class GuestCheckView implements GuestCheckDocument {
  @ApiProperty({ enum: ['guest_check'] }) kind!: 'guest_check';
  @ApiProperty({ example: 42 }) orderNumber!: number;
  @ApiProperty({ type: String, nullable: true, example: 'T4' }) tableName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Maria' }) waiterName!: string | null;
  @ApiProperty({ type: Number, nullable: true }) guests!: number | null;
  @ApiProperty({
    type: GuestCheckSplitView,
    nullable: true,
    description: 'This check’s part when the order was split evenly',
  })
  split!: GuestCheckSplitView | null;
  @ApiProperty({ type: [GuestCheckLineView], description: 'The live items; voided ones are not on the bill' })
  lines!: GuestCheckLineView[];
  @ApiProperty({ description: MINOR }) subtotal!: number;
  @ApiProperty({ description: MINOR }) discount!: number;
  @ApiProperty({ type: GuestCheckDiscountView, nullable: true })
  discountDetail!: GuestCheckDiscountView | null;
  @ApiProperty({ description: MINOR }) serviceCharge!: number;
  @ApiProperty({ description: MINOR }) tax!: number;
  @ApiPropertyOptional({
    type: [GuestCheckTaxView],
    description: 'One row per tax rate, when the order has them',
  })
  taxes?: GuestCheckTaxView[];
  @ApiProperty({ description: MINOR }) total!: number;
  @ApiProperty({ description: `Paid so far. ${MINOR}` }) paid!: number;
  @ApiProperty({ description: `Still to pay. ${MINOR}` }) due!: number;
  @ApiProperty({ format: 'date-time', description: 'When the check was made' }) printedAt!: string;
}
