import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import { OptionalNotNull } from '../../common/optional-not-null';
import { Name } from '../../menu/dto/menu.inputs';
import { TEXT_SIZES, type TextSize } from '../kitchen-device.entity';

const MAX_STATIONS = 50;

const TEXT_SIZE_DOC =
  'How large the screen draws its tickets: large or xl for a TV read from across the kitchen';

const STATIONS_DOC =
  'The stations whose tickets it shows: at least one existing station unless `expo` is true. With `expo: ' +
  'true` they are ignored (stored and shown as [])';

export class CreateKitchenDeviceInput {
  @ApiProperty({ example: 'Grill screen', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_STATIONS, description: STATIONS_DOC })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_STATIONS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  stationIds?: string[];

  @ApiProperty({ description: 'true: the expo (the pass), which shows every station’s tickets' })
  @IsBoolean()
  expo!: boolean;
  @ApiPropertyOptional({ enum: TEXT_SIZES, default: 'normal', description: TEXT_SIZE_DOC })
  @OptionalNotNull()
  @IsIn(TEXT_SIZES)
  textSize?: TextSize;
}

export class UpdateKitchenDeviceInput {
  @ApiPropertyOptional({ example: 'Grill screen', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @Name()
  name?: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_STATIONS, description: STATIONS_DOC })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_STATIONS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  stationIds?: string[];

  @ApiPropertyOptional({
    description: 'true: the expo, every station; false: its stationIds (then required)',
  })
  @OptionalNotNull()
  @IsBoolean()
  expo?: boolean;
  @ApiPropertyOptional({ enum: TEXT_SIZES, default: 'normal', description: TEXT_SIZE_DOC })
  @OptionalNotNull()
  @IsIn(TEXT_SIZES)
  textSize?: TextSize;
}

export class PairKitchenDeviceInput {
  @ApiProperty({
    example: 'K7MX-4QPA',
    minLength: 1,
    maxLength: 20,
    description: 'The pairing code as shown to the manager; case, spaces and dashes do not matter',
  })
  @IsString()
  @Length(1, 20)
  code!: string;
}
