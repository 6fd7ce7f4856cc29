import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { PageQuery } from '../../common/pagination/page';
import { OptionalNotNull } from '../../common/optional-not-null';
import { ALLERGEN_CODES } from '../../menu/allergens';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const ALLERGENS_MESSAGE = `each value must be one of: ${ALLERGEN_CODES.join(', ')}`;

export class CustomerInput {
  @ApiProperty({ example: 'Ada Lovelace', minLength: 1, maxLength: 200 })
  @Transform(trimmed)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '030 1234567',
    description: 'Any common way of writing it; national numbers are read in PHONE_REGION. Stored as E.164.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'ada@example.com', maxLength: 254 })
  @Transform(trimmed)
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({
    default: false,
    description: 'Whether they agreed to marketing; each answer is recorded with its time',
  })
  @OptionalNotNull()
  @IsBoolean()
  marketingConsent?: boolean;

  @ApiPropertyOptional({
    type: [String],
    enum: ALLERGEN_CODES,
    default: [],
    description: 'Codes from GET /allergens (the EU 14); shown on their orders and kitchen tickets',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(ALLERGEN_CODES.length)
  @IsIn(ALLERGEN_CODES, { each: true, message: ALLERGENS_MESSAGE })
  allergens?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000, example: 'prefers the window' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string | null;
}

export class UpdateCustomerInput {
  @ApiPropertyOptional({ example: 'Ada Lovelace', minLength: 1, maxLength: 200 })
  @Transform(trimmed)
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null removes it' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null removes it' })
  @Transform(trimmed)
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ description: 'A new answer is recorded with its time' })
  @OptionalNotNull()
  @IsBoolean()
  marketingConsent?: boolean;

  @ApiPropertyOptional({ type: [String], enum: ALLERGEN_CODES, description: 'Replaces the whole list' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(ALLERGEN_CODES.length)
  @IsIn(ALLERGEN_CODES, { each: true, message: ALLERGENS_MESSAGE })
  allergens?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000, description: 'null removes them' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string | null;
}

export class CustomerListQuery extends PageQuery {
  @ApiPropertyOptional({
    maxLength: 100,
    description:
      'Part of the name (any case), a phone number written any common way (or some of its digits), or part of ' +
      'the e-mail address',
    example: '030 1234567',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class AttachCustomerInput {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null detaches the customer' })
  @ValidateIf((_input: object, value: unknown) => value !== null)
  @IsUUID()
  customerId!: string | null;
}

export class RewardInput {
  @ApiProperty({ format: 'uuid', description: 'A reward of GET /loyalty' })
  @IsUUID()
  rewardId!: string;
}
