import { ApiProperty } from '@nestjs/swagger';
import { MenuView } from '../menu/dto/menu.views';

export class PublicTableRef {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'T12' })
  name!: string;
}

export class PublicTableView {
  @ApiProperty({ type: PublicTableRef })
  table!: PublicTableRef;

  @ApiProperty({ type: MenuView })
  menu!: MenuView;
}

export class WaiterCalledView {
  @ApiProperty({ example: true })
  called!: true;

  @ApiProperty({ example: 'T12' })
  tableName!: string;
}
