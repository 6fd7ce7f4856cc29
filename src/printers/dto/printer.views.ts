import { ApiProperty } from '@nestjs/swagger';
import { CONNECTION_TYPES, ConnectionType, PRINTER_KINDS, Printer, PrinterKind } from '../printer.entity';

export class PrinterConnectionView {
  @ApiProperty({ enum: CONNECTION_TYPES, enumName: 'PrinterConnectionType' })
  type!: ConnectionType;

  @ApiProperty({ required: false, example: '192.168.1.50', description: 'tcp only' })
  host?: string;

  @ApiProperty({ required: false, example: 9100, description: 'tcp only' })
  port?: number;
}

export class PrinterView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Grill' })
  name!: string;

  @ApiProperty({ enum: PRINTER_KINDS, enumName: 'PrinterKind' })
  kind!: PrinterKind;

  @ApiProperty({ type: PrinterConnectionView })
  connection!: PrinterConnectionView;

  @ApiProperty({ enum: [32, 42, 48] })
  widthChars!: number;

  @ApiProperty({ type: [String] })
  stationIds!: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  backupPrinterId!: string | null;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Since when every attempt on it has failed; null while it prints',
  })
  failingSince!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why its last attempt failed' })
  lastError!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  static of(this: void, printer: Printer): PrinterView {
    return {
      id: printer.id,
      name: printer.name,
      kind: printer.kind,
      connection:
        printer.connectionType === ConnectionType.Tcp
          ? { type: ConnectionType.Tcp, host: printer.host ?? '', port: printer.port ?? 0 }
          : { type: ConnectionType.Agent },
      widthChars: printer.widthChars,
      stationIds: printer.stationIds,
      backupPrinterId: printer.backupPrinterId,
      active: printer.active,
      failingSince: printer.failingSince?.toISOString() ?? null,
      lastError: printer.lastError,
      createdAt: printer.createdAt.toISOString(),
      updatedAt: printer.updatedAt.toISOString(),
    };
  }
}
