import { ApiProperty } from '@nestjs/swagger';
import { BaseUnit } from '../inventory.entities';
import { PurchaseOrder, PurchaseOrderStatus, StockCountStatus, Supplier } from '../receiving.entities';

export class StockCountLineView {
  @ApiProperty({ format: 'uuid' })
  ingredientId!: string;

  @ApiProperty({ example: 'Mozzarella' })
  name!: string;

  @ApiProperty({ enum: BaseUnit, enumName: 'BaseUnit' })
  baseUnit!: BaseUnit;

  @ApiProperty({
    example: 4500,
    description: 'Base units the system expected on hand when the sheet was opened',
  })
  expected!: number;

  @ApiProperty({ type: Number, nullable: true, example: 4200, description: 'null: not counted' })
  counted!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: -300,
    description: 'counted − expected; null: not counted',
  })
  variance!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: -45,
    description: "The variance in minor units at the ingredient's cost per 1,000 base units",
  })
  varianceCost!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: -280,
    description: 'Posted: what the count movement booked, counted − the on-hand at posting; null: nothing',
  })
  booked!: number | null;
}

export class StockCountView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, description: 'null: every ingredient' })
  storageArea!: string | null;

  @ApiProperty({ enum: StockCountStatus, enumName: 'StockCountStatus' })
  status!: StockCountStatus;

  @ApiProperty({ type: [StockCountLineView] })
  lines!: StockCountLineView[];

  @ApiProperty({ example: -45, description: "Minor units: the counted lines' variance costs added up" })
  varianceCost!: number;

  @ApiProperty({ type: String, nullable: true, example: 'staff:…' })
  openedBy!: string | null;

  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  @ApiProperty({ type: String, nullable: true })
  postedBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  postedAt!: string | null;
}

export class SupplierPriceView {
  @ApiProperty({ format: 'uuid' })
  ingredientId!: string;

  @ApiProperty({ example: 'case 6 × 1 l' })
  packName!: string;

  @ApiProperty({ example: 6000 })
  baseQuantity!: number;

  @ApiProperty({ example: 1290, description: 'Minor units for one pack' })
  packPrice!: number;
}

export class SupplierView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Metro' })
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  contact!: string | null;

  @ApiProperty({ type: [SupplierPriceView] })
  prices!: SupplierPriceView[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  static of(this: void, supplier: Supplier): SupplierView {
    return {
      id: supplier.id,
      name: supplier.name,
      contact: supplier.contact,
      prices: supplier.prices.map(({ ingredientId, packName, baseQuantity, packPrice }) => ({
        ingredientId,
        packName,
        baseQuantity,
        packPrice,
      })),
      createdAt: supplier.createdAt.toISOString(),
      updatedAt: supplier.updatedAt.toISOString(),
    };
  }
}

export class PurchaseOrderLineView extends SupplierPriceView {
  @ApiProperty({ example: 3 })
  packs!: number;

  @ApiProperty({ example: 1, description: 'Packs received so far' })
  receivedPacks!: number;
}

export class PurchaseOrderView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  supplierId!: string;

  @ApiProperty({ enum: PurchaseOrderStatus, enumName: 'PurchaseOrderStatus' })
  status!: PurchaseOrderStatus;

  @ApiProperty({ type: [PurchaseOrderLineView] })
  lines!: PurchaseOrderLineView[];

  @ApiProperty({ example: 3870, description: 'Minor units: packs × pack price, added up' })
  total!: number;

  @ApiProperty({ type: String, nullable: true, example: 'staff:…' })
  createdBy!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  static of(this: void, order: PurchaseOrder): PurchaseOrderView {
    return {
      id: order.id,
      supplierId: order.supplierId,
      status: order.status,
      lines: order.lines.map((line) => ({ ...line })),
      total: order.lines.reduce((sum, line) => sum + line.packs * line.packPrice, 0),
      createdBy: order.createdBy,
      createdAt: order.createdAt.toISOString(),
      updatedAt: order.updatedAt.toISOString(),
    };
  }
}
