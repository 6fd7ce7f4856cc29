import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
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
