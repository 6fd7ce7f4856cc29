import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsBusinessDay } from '../../common/time/calendar-date';
import type { ZeroReceiptKind } from '../rksv-registers';

const ZERO_KINDS: ZeroReceiptKind[] = ['start', 'month', 'year', 'closing', 'collective'];

export class ZeroReceiptInput {
  @ApiProperty({
    enum: ZERO_KINDS,
    description:
      '`start` opens a register not used yet (409 once it has one; a register is also opened, with its start ' +
      'receipt, by its first sale); `month`, `year`, `closing`; `collective` (Sammelbeleg)',
  })
  @IsIn(ZERO_KINDS)
  kind!: ZeroReceiptKind;
}

export class RegisterDeviceInput {
  @ApiProperty({
    description:
      'false takes the signature device out (receipts carry the failure marker); true brings it back, with a collective zero receipt',
  })
  @IsBoolean()
  available!: boolean;
}

/** `?registerId=&from=&to=` of the DEP export. */
export class DepQuery {
  @ApiProperty({ example: 'pos', description: 'The cash register (Kassen-ID)' })
  @IsString()
  @Length(1, 30)
  @Matches(/^[A-Za-z0-9]+$/, { message: 'must be a Kassen-ID: letters and digits' })
  registerId!: string;

  @ApiPropertyOptional({
    format: 'date',
    description: "First date (the receipts' date, the restaurant's time zone)",
  })
  @IsOptional()
  @IsBusinessDay()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last date, included' })
  @IsOptional()
  @IsBusinessDay()
  to?: string;
}
