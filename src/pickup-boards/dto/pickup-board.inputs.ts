import { ApiProperty } from '@nestjs/swagger';
import { Name } from '../../menu/dto/menu.inputs';

export class CreatePickupBoardInput {
  @ApiProperty({ example: 'Counter screen', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;
}
