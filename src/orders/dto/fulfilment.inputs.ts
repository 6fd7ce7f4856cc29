import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUrl, Length, ValidateNested } from 'class-validator';
import { OptionalNotNull } from '../../common/optional-not-null';
import { IsTimestamp } from '../../common/time/is-timestamp';
import { FulfilmentStatus } from '../fulfilment';

export class AddressInput {
  @ApiProperty({ maxLength: 200, example: 'Hauptstraße 5' })
  @IsString()
  @Length(1, 200)
  line1!: string;

  @ApiPropertyOptional({ maxLength: 200, example: '3rd floor' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  line2?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'Berlin' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  city?: string;

  @ApiPropertyOptional({ maxLength: 20, example: '10115' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  postcode?: string;

  @ApiPropertyOptional({ maxLength: 500, example: 'ring twice' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  notes?: string;
}

export class CourierInput {
  @ApiPropertyOptional({ maxLength: 100, example: 'Sam' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ maxLength: 40, example: '+49 151 2345678', description: 'Stored as E.164' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  phone?: string;

  @ApiPropertyOptional({ maxLength: 500, example: 'https://track.example.com/abc' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  trackingUrl?: string;
}

/** What a takeaway or delivery order says about its customer when it is opened. */
export class FulfilmentInput {
  @ApiProperty({ maxLength: 200, example: 'Ada Lovelace' })
  @IsString()
  @Length(1, 200)
  customerName!: string;

  @ApiPropertyOptional({
    maxLength: 40,
    example: '030 1234567',
    description:
      'Required for delivery; written any common way, stored as E.164 (PHONE_REGION for local numbers)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  phone?: string;

  @ApiPropertyOptional({ type: AddressInput, description: 'Required for delivery; not kept for takeaway' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressInput)
  address?: AddressInput;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the customer was promised the food' })
  @IsOptional()
  @IsTimestamp()
  promisedAt?: string;
}

export class FulfilmentChangeInput {
  @ApiPropertyOptional({
    enum: FulfilmentStatus,
    enumName: 'FulfilmentStatus',
    description:
      'The next status (docs/fulfilment.md): accepted opens a pending order for the kitchen, rejected cancels ' +
      'it; omitted: only the courier or the promised time change',
  })
  @OptionalNotNull()
  @IsIn(Object.values(FulfilmentStatus))
  status?: FulfilmentStatus;

  @ApiPropertyOptional({ maxLength: 500, description: 'Required to reject' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;

  @ApiPropertyOptional({ type: CourierInput, description: 'Delivery only: replaces the courier' })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => CourierInput)
  courier?: CourierInput;

  @ApiPropertyOptional({ format: 'date-time', description: 'A new promised time' })
  @OptionalNotNull()
  @IsTimestamp()
  promisedAt?: string;
}
