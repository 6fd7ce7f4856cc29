import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Location } from '../location.entity';
import { DiningTable, TableStatus } from '../table.entity';

export class LocationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Terrace' })
  name!: string;

  @ApiProperty({ example: 1 })
  sortOrder!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The price level its tables’ orders are priced by; null: the order type’s level, if any',
  })
  priceLevelId!: string | null;

  static of(this: void, location: Location): LocationView {
    return {
      id: location.id,
      name: location.name,
      sortOrder: location.sortOrder,
      priceLevelId: location.priceLevelId,
    };
  }
}

export class TableView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'T12' })
  name!: string;

  @ApiProperty({ format: 'uuid' })
  locationId!: string;

  @ApiProperty({ example: 4 })
  seats!: number;

  @ApiProperty({ enum: TableStatus, enumName: 'TableStatus' })
  status!: TableStatus;

  @ApiPropertyOptional({
    description:
      'The secret of the table’s QR code URL, PUBLIC_BASE_URL/t/<qrToken>: shown only to managers and admins, ' +
      'who may print the code',
  })
  qrToken?: string;

  /** `showQrToken` only for those who may print the QR code: the token lets anyone follow the table's orders. */
  static of(this: void, table: DiningTable, showQrToken = false): TableView {
    const view: TableView = {
      id: table.id,
      name: table.name,
      locationId: table.locationId,
      seats: table.seats,
      status: table.status,
    };
    if (showQrToken) view.qrToken = table.qrToken;
    return view;
  }
}
