import { ApiProperty } from '@nestjs/swagger';
import type { Location } from '../location.entity';
import { DiningTable, TableStatus } from '../table.entity';

export class LocationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Terrace' })
  name!: string;

  @ApiProperty({ example: 1 })
  sortOrder!: number;

  static of(this: void, location: Location): LocationView {
    return { id: location.id, name: location.name, sortOrder: location.sortOrder };
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

  @ApiProperty({ description: 'The secret of the table’s QR code URL, PUBLIC_BASE_URL/t/<qrToken>' })
  qrToken!: string;

  static of(this: void, table: DiningTable): TableView {
    return {
      id: table.id,
      name: table.name,
      locationId: table.locationId,
      seats: table.seats,
      status: table.status,
      qrToken: table.qrToken,
    };
  }
}
