import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { OptionalNotNull } from '../../common/optional-not-null';
import { PageQuery } from '../../common/pagination/page';
import { TableStatus } from '../table.entity';

export class CreateLocationInput {
  @ApiProperty({ example: 'Terrace' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ default: 0 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100_000)
  sortOrder?: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'uuid',
    description:
      'The price level its tables’ orders are priced by (null: none, the order type’s level applies)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  priceLevelId?: string | null;
}

export class UpdateLocationInput extends PartialType(CreateLocationInput, { skipNullProperties: false }) {}

export class CreateTableInput {
  @ApiProperty({ example: 'T12' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ format: 'uuid' })
  @IsString()
  @Length(1, 36)
  locationId!: string;

  @ApiProperty({ minimum: 1, maximum: 100, example: 4 })
  @IsInt()
  @Min(1)
  @Max(100)
  seats!: number;
}

export class UpdateTableInput extends PartialType(CreateTableInput, { skipNullProperties: false }) {}

export class TableStatusInput {
  @ApiProperty({ enum: TableStatus, enumName: 'TableStatus' })
  @IsEnum(TableStatus)
  status!: TableStatus;
}

export class TableListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  locationId?: string;

  @ApiPropertyOptional({ enum: TableStatus, enumName: 'TableStatus' })
  @IsOptional()
  @IsEnum(TableStatus)
  status?: TableStatus;
}

export class QrSheetQuery {
  @ApiPropertyOptional({ enum: ['pdf'], default: 'pdf', description: 'A4 pages to print and cut' })
  @IsOptional()
  @IsIn(['pdf'])
  format = 'pdf' as const;
}

export class QrQuery {
  @ApiPropertyOptional({ enum: ['png', 'svg'], default: 'png' })
  @IsOptional()
  @IsIn(['png', 'svg'])
  format: 'png' | 'svg' = 'png';
}
