import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Location } from './location.entity';
import { InstantColumn } from '../database/columns';

export enum TableStatus {
  Free = 'free',
  Occupied = 'occupied',
  Reserved = 'reserved',
  Cleaning = 'cleaning',
}

/**
 * Names are unique per location among live tables, case-insensitively: an index over (location_id, lower(name)),
 * which an entity cannot declare, so the migration builds it and the schema builder leaves it alone.
 */
@Entity('tables')
@Index('tables_location_name_unique', { synchronize: false })
export class DiningTable {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  @Index('tables_location_id')
  @Column({ length: 36 })
  locationId!: string;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'tables_location_fk' })
  location?: Location;

  @Column({ type: 'integer' })
  seats!: number;

  @Column({ type: 'varchar', length: 16, default: TableStatus.Free })
  status!: TableStatus;

  /**
   * Counts the parties seated here: it grows when the table becomes free. Orders keep the seating they were
   * opened in, and a guest's QR socket sees only its own seating's orders.
   */
  @Column({ type: 'integer', default: 1 })
  seating!: number;

  /** The secret in the table's QR code URL: 192 random bits, replaced on rotation. */
  @Index('tables_qr_token_unique', { unique: true })
  @Column({ length: 64 })
  qrToken!: string;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;

  /** Tables are hidden, not deleted: orders keep referring to them. */
  @InstantColumn({ nullable: true })
  deletedAt!: Date | null;
}
