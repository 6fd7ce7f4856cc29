import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { DomainError } from '../../common/errors/domain-error';
import { MAX_AMOUNT } from '../../common/money';
import { PageQuery } from '../../common/pagination/page';
import { IsTimestamp } from '../../common/time/is-timestamp';
import { DrawerMovementKind, ShiftStatus } from '../cash-shift.entity';

export class OpenShiftInput {
  @ApiProperty({ description: 'Minor units in the drawer at the start (the float)', example: 20000 })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  openingCash!: number;
}

export class OpenDrawerInput {
  @ApiProperty({
    description: 'Minor units put in the drawer to give change at the start (the float)',
    example: 15000,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  float!: number;
}

export class DenominationCount {
  @ApiProperty({ description: 'The note or coin, in minor units', example: 2000, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  value!: number;

  @ApiProperty({ description: 'How many of it are in the drawer', example: 3, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  count!: number;
}

/** What was counted in the drawer: its total, or how many of each note and coin (exactly one of the two). */
export class CountShiftInput {
  @ApiPropertyOptional({ description: 'Minor units counted in all', example: 45250 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  amount?: number;

  @ApiPropertyOptional({
    type: [DenominationCount],
    description: 'How many of each note and coin: the count is their sum',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DenominationCount)
  denominations?: DenominationCount[];

  @ApiPropertyOptional({ maxLength: 500, example: 'one 50 note looked forged, kept aside' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

/** The minor units a count names: its amount, or the sum of its denominations; 422 for neither or both. */
export function countedCashOf(input: CountShiftInput): number {
  if ((input.amount === undefined) === (input.denominations === undefined)) {
    throw DomainError.invalidField('amount', 'give either amount or denominations, not both or neither');
  }
  const counted =
    input.amount ?? input.denominations!.reduce((sum, { value, count }) => sum + value * count, 0);
  if (counted > MAX_AMOUNT) throw DomainError.invalidField('denominations', 'add up to too much');
  return counted;
}

export class CloseShiftInput {
  @ApiProperty({ description: 'Minor units counted in the drawer at the close', example: 45250 })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  countedCash!: number;

  @ApiPropertyOptional({ maxLength: 500, example: 'one 50 note looked forged, kept aside' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class DrawerMovementInput {
  @ApiProperty({ enum: DrawerMovementKind, enumName: 'DrawerMovementKind', example: 'deposit' })
  @IsEnum(DrawerMovementKind)
  kind!: DrawerMovementKind;

  @ApiProperty({ description: 'Minor units paid in or out', minimum: 1, example: 5000 })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount!: number;

  @ApiProperty({ minLength: 1, maxLength: 255, example: 'change from the bank' })
  @IsString()
  @Length(1, 255)
  reason!: string;
}

export class ShiftListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Opened at or after' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Opened before' })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({ enum: ShiftStatus, enumName: 'ShiftStatus' })
  @IsOptional()
  @IsEnum(ShiftStatus)
  status?: ShiftStatus;
}
