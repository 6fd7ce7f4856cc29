import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { NestedList } from '../../common/nested-list';
import { OptionalNotNull } from '../../common/optional-not-null';
import { PageQuery } from '../../common/pagination/page';
import { Name } from '../../menu/dto/menu.inputs';
import { PurchaseOrderStatus } from '../receiving.entities';
import { MAX_QUANTITY } from './inventory.inputs';

/** Lines one count, supplier or order may hold. */
export const MAX_DOCUMENT_LINES = 500;
/** Packs one order line or receipt line may name. */
export const MAX_PACKS = 100_000;
/** Minor units one pack may cost. */
export const MAX_PACK_PRICE = 100_000_000;

const Whole = (minimum: number, maximum: number) => (target: object, property: string) => {
  IsInt()(target, property);
  Min(minimum)(target, property);
  Max(maximum)(target, property);
};

export class OpenStockCountInput {
  @ApiPropertyOptional({
    type: String,
    example: 'Walk-in cooler',
    maxLength: 100,
    description: 'Count the ingredients kept there; left out: every ingredient',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  storageArea?: string | null;
}

export class StockCountLineInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  ingredientId!: string;

  @ApiProperty({ example: 4200, minimum: 0, maximum: MAX_QUANTITY, description: 'Base units counted' })
  @Whole(0, MAX_QUANTITY)
  counted!: number;
}

export class StockCountLinesInput {
  @ApiProperty({ type: [StockCountLineInput], minItems: 1, maxItems: MAX_DOCUMENT_LINES })
  @NestedList(() => StockCountLineInput, { min: 1, max: MAX_DOCUMENT_LINES })
  lines!: StockCountLineInput[];
}

export class SupplierPriceInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  ingredientId!: string;

  @ApiProperty({ example: 'case 6 × 1 l', minLength: 1, maxLength: 100 })
  @Name()
  packName!: string;

  @ApiProperty({ example: 6000, minimum: 1, maximum: MAX_QUANTITY, description: 'Base units in one pack' })
  @Whole(1, MAX_QUANTITY)
  baseQuantity!: number;

  @ApiProperty({
    example: 1290,
    minimum: 0,
    maximum: MAX_PACK_PRICE,
    description: 'Minor units for one pack',
  })
  @Whole(0, MAX_PACK_PRICE)
  packPrice!: number;
}

export class CreateSupplierInput {
  @ApiProperty({ example: 'Metro', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiPropertyOptional({ type: String, example: 'orders@example.com, +49 30 1234', maxLength: 255 })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  contact?: string | null;

  @ApiPropertyOptional({
    type: [SupplierPriceInput],
    maxItems: MAX_DOCUMENT_LINES,
    description: 'One pack price per ingredient',
  })
  @OptionalNotNull()
  @NestedList(() => SupplierPriceInput, { max: MAX_DOCUMENT_LINES })
  prices?: SupplierPriceInput[];
}

export class UpdateSupplierInput {
  @ApiPropertyOptional({ example: 'Metro', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @Name()
  name?: string;

  @ApiPropertyOptional({ type: String, maxLength: 255, nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  contact?: string | null;

  @ApiPropertyOptional({
    type: [SupplierPriceInput],
    maxItems: MAX_DOCUMENT_LINES,
    description: 'Replaces every pack price',
  })
  @OptionalNotNull()
  @NestedList(() => SupplierPriceInput, { max: MAX_DOCUMENT_LINES })
  prices?: SupplierPriceInput[];
}

export class PurchaseOrderLineInput {
  @ApiProperty({ format: 'uuid', description: 'An ingredient the supplier has a pack price for' })
  @IsUUID()
  ingredientId!: string;

  @ApiProperty({ example: 3, minimum: 1, maximum: MAX_PACKS })
  @Whole(1, MAX_PACKS)
  packs!: number;

  @ApiPropertyOptional({
    example: 1290,
    minimum: 0,
    maximum: MAX_PACK_PRICE,
    description: "Minor units for one pack; left out: the supplier's price",
  })
  @OptionalNotNull()
  @Whole(0, MAX_PACK_PRICE)
  packPrice?: number;
}

export class CreatePurchaseOrderInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  supplierId!: string;

  @ApiProperty({ type: [PurchaseOrderLineInput], minItems: 1, maxItems: MAX_DOCUMENT_LINES })
  @NestedList(() => PurchaseOrderLineInput, { min: 1, max: MAX_DOCUMENT_LINES })
  lines!: PurchaseOrderLineInput[];
}

export class ReceiptLineInput {
  @ApiProperty({ format: 'uuid', description: 'An ingredient of the order' })
  @IsUUID()
  ingredientId!: string;

  @ApiProperty({ example: 2, minimum: 1, maximum: MAX_PACKS })
  @Whole(1, MAX_PACKS)
  packs!: number;

  @ApiProperty({
    example: 1290,
    minimum: 0,
    maximum: MAX_PACK_PRICE,
    description: 'Minor units paid for one pack',
  })
  @Whole(0, MAX_PACK_PRICE)
  packPrice!: number;
}

export class ReceiptInput {
  @ApiProperty({ type: [ReceiptLineInput], minItems: 1, maxItems: MAX_DOCUMENT_LINES })
  @NestedList(() => ReceiptLineInput, { min: 1, max: MAX_DOCUMENT_LINES })
  lines!: ReceiptLineInput[];
}

export class PurchaseOrderQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  supplierId?: string;

  @ApiPropertyOptional({ enum: PurchaseOrderStatus, enumName: 'PurchaseOrderStatus' })
  @IsOptional()
  @IsIn(Object.values(PurchaseOrderStatus))
  status?: PurchaseOrderStatus;
}
