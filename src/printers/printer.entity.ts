import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

export enum PrinterKind {
  Receipt = 'receipt',
  Kitchen = 'kitchen',
}

export enum ConnectionType {
  Tcp = 'tcp',
  Agent = 'agent',
}

export const PRINTER_KINDS: readonly PrinterKind[] = Object.values(PrinterKind);
export const CONNECTION_TYPES: readonly ConnectionType[] = Object.values(ConnectionType);
export const PRINTER_WIDTHS = [32, 42, 48] as const;

/** A thermal printer: where its bytes go, how wide it prints, the stations it serves, and its backup. */
@Entity('printers')
export class Printer {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: PrinterKind;

  @Column({ type: 'varchar', length: 16 })
  connectionType!: ConnectionType;

  /** tcp only: the printer's address (raw ESC/POS, 9100 on most network printers). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  host!: string | null;

  @Column({ type: 'integer', nullable: true })
  port!: number | null;

  @Column({ type: 'integer' })
  widthChars!: number;

  /** The stations whose kitchen tickets it prints (kitchen printers only). */
  @Column({ type: 'simple-json' })
  stationIds!: string[];

  /** Where its pending kitchen tickets go once it has failed for PRINTER_FAILOVER_SECONDS. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  backupPrinterId!: string | null;

  @Column({ default: true })
  active!: boolean;

  /** Since when every attempt on it has failed; null while it prints. */
  @InstantColumn({ nullable: true })
  failingSince!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  /** When `printer.failed` was raised for the current outage: once per outage. */
  @InstantColumn({ nullable: true })
  failureAnnouncedAt!: Date | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
