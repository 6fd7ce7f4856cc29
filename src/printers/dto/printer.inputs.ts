import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '../../common/optional-not-null';
import {
  CONNECTION_TYPES,
  ConnectionType,
  PRINTER_KINDS,
  PRINTER_WIDTHS,
  PrinterKind,
} from '../printer.entity';

const MAX_STATIONS = 100;

export class PrinterConnectionInput {
  @ApiProperty({ enum: CONNECTION_TYPES, enumName: 'PrinterConnectionType' })
  @IsIn(CONNECTION_TYPES)
  type!: ConnectionType;

  @ApiPropertyOptional({
    example: '192.168.1.50',
    maxLength: 255,
    description: 'tcp only (required there): the printer host name or address',
  })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  host?: string;

  @ApiPropertyOptional({
    example: 9100,
    minimum: 1,
    maximum: 65535,
    description: 'tcp only (required there)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;
}

export class CreatePrinterInput {
  @ApiProperty({ example: 'Grill', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: PRINTER_KINDS, enumName: 'PrinterKind' })
  @IsIn(PRINTER_KINDS)
  kind!: PrinterKind;

  @ApiProperty({ type: PrinterConnectionInput })
  @IsObject()
  @ValidateNested()
  @Type(() => PrinterConnectionInput)
  connection!: PrinterConnectionInput;

  @ApiProperty({ enum: PRINTER_WIDTHS, description: 'Characters per line: 32 (58 mm), 42 or 48 (80 mm)' })
  @IsIn(PRINTER_WIDTHS)
  widthChars!: number;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_STATIONS,
    description: 'Stations whose kitchen tickets it prints; kitchen printers only; absent: none',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_STATIONS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  stationIds?: string[];

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'Takes its pending kitchen tickets after PRINTER_FAILOVER_SECONDS of failing; not itself, no cycle',
  })
  @IsOptional()
  @IsUUID()
  backupPrinterId?: string | null;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class UpdatePrinterInput {
  @ApiPropertyOptional({ maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ enum: PRINTER_KINDS, enumName: 'PrinterKind' })
  @OptionalNotNull()
  @IsIn(PRINTER_KINDS)
  kind?: PrinterKind;

  @ApiPropertyOptional({ type: PrinterConnectionInput, description: 'Replaces the connection whole' })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => PrinterConnectionInput)
  connection?: PrinterConnectionInput;

  @ApiPropertyOptional({ enum: PRINTER_WIDTHS })
  @OptionalNotNull()
  @IsIn(PRINTER_WIDTHS)
  widthChars?: number;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_STATIONS })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_STATIONS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  stationIds?: string[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null: no backup' })
  @IsOptional()
  @IsUUID()
  backupPrinterId?: string | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}
