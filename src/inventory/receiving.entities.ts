import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/** Where a count sheet stands: counts are recorded while open; posting books the variances, once. */
export enum StockCountStatus {
  Open = 'open',
  Posted = 'posted',
}

/** One ingredient of a count sheet: what the system expected at opening, and what was counted (null: not yet). */
export interface StockCountLine {
  ingredientId: string;
  expected: number;
  counted: number | null;
  /** Set when the sheet is posted: the on-hand then, and what the `count` movement booked (counted − it). */
  onHandAtPost?: number;
  booked?: number;
}

/** A count sheet: the ingredients of one storage area (or all) with their counts, posted as `count` movements. */
@Entity('stock_counts')
export class StockCount {
  @PrimaryColumn({ length: 36 })
  id!: string;

  /** The storage area walked; null: every ingredient. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  storageArea!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: StockCountStatus;

  @Column({ type: 'simple-json' })
  lines!: StockCountLine[];

  @Column({ type: 'varchar', length: 60, nullable: true })
  openedBy!: string | null;

  @InstantColumn()
  openedAt!: Date;

  @Column({ type: 'varchar', length: 60, nullable: true })
  postedBy!: string | null;

  @InstantColumn({ nullable: true })
  postedAt!: Date | null;
}

/** What a supplier sells an ingredient in: `packName` holds `baseQuantity` base units and costs `packPrice`. */
export interface SupplierPrice {
  ingredientId: string;
  packName: string;
  baseQuantity: number;
  /** Minor units for one pack. */
  packPrice: number;
}

@Entity('suppliers')
export class Supplier {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  contact!: string | null;

  @Column({ type: 'simple-json' })
  prices!: SupplierPrice[];

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/** A purchase order's way: open, partly received, received; or cancelled before it was all received. */
export enum PurchaseOrderStatus {
  Open = 'open',
  PartlyReceived = 'partly_received',
  Received = 'received',
  Cancelled = 'cancelled',
}

/** A line of a purchase order: `packs` of the supplier's pack, at `packPrice`, and how many came so far. */
export interface PurchaseOrderLine {
  ingredientId: string;
  packName: string;
  baseQuantity: number;
  packs: number;
  packPrice: number;
  receivedPacks: number;
}

@Entity('purchase_orders')
@Index('purchase_orders_supplier_id', ['supplierId'])
export class PurchaseOrder {
  @PrimaryColumn({ length: 36 })
  id!: string;

  /** No foreign key: a supplier with orders cannot be deleted (409), and the order keeps its lines. */
  @Column({ length: 36 })
  supplierId!: string;

  @Column({ type: 'varchar', length: 24 })
  status!: PurchaseOrderStatus;

  @Column({ type: 'simple-json' })
  lines!: PurchaseOrderLine[];

  @Column({ type: 'varchar', length: 60, nullable: true })
  createdBy!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

export const RECEIVING_ENTITIES = [StockCount, Supplier, PurchaseOrder];
