import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { OptionalNotNull } from '../../common/optional-not-null';
import { OrderType } from '../../common/order-type';
import { PageQuery } from '../../common/pagination/page';
import { hasWholePpm } from '../../money';

const ORDER_TYPES = Object.values(OrderType);

/** How many rates one dish or category may name: stacked taxes are a handful at most. */
export const MAX_TAX_RATES_PER_ITEM = 10;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

const Name = () => (target: object, property: string) => {
  Transform(trimmed)(target, property);
  IsString()(target, property);
  Length(1, 100)(target, property);
};

/** At most 4 decimals (class-validator's maxDecimalPlaces reads the decimal text and throws on 1e-7). */
const AtMostFourDecimals = () =>
  ValidateBy({
    name: 'atMostFourDecimals',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && hasWholePpm(value),
      defaultMessage: () => 'must be a number with at most 4 decimals',
    },
  });

/** A percent from 0 to 100 with at most 4 decimals (6.25, 5.5, 19). */
const Percent = () => (target: object, property: string) => {
  IsNumber({ allowNaN: false, allowInfinity: false })(target, property);
  AtMostFourDecimals()(target, property);
  Min(0)(target, property);
  Max(100)(target, property);
};

const PERCENT_DOC = {
  example: 19,
  minimum: 0,
  maximum: 100,
  description: 'Percent, at most 4 decimals (6.25)',
};

export class CreateTaxRateInput {
  @ApiProperty({ example: 'VAT 19 %', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiProperty(PERCENT_DOC)
  @Percent()
  percent!: number;

  @ApiPropertyOptional({
    default: false,
    description:
      'Default rates apply to categories that name none of their own; a default rate must be active',
  })
  @OptionalNotNull()
  @IsBoolean()
  isDefault?: boolean;

  @ApiPropertyOptional({
    default: true,
    description: 'An inactive rate is kept, but nothing new may take it',
  })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class UpdateTaxRateInput {
  @ApiPropertyOptional({ example: 'VAT 19 %', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @Name()
  name?: string;

  @ApiPropertyOptional({
    ...PERCENT_DOC,
    description: `${PERCENT_DOC.description}; items ordered keep theirs`,
  })
  @OptionalNotNull()
  @Percent()
  percent?: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  isDefault?: boolean;

  @ApiPropertyOptional({ description: 'false: 409 while a dish, category or mapping names the rate' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

const booleanQuery = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class TaxRateListQuery extends PageQuery {
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Type(() => String)
  @Transform(booleanQuery)
  @IsBoolean()
  active?: boolean;
}

/** The order types a mapping applies to: at least one, each once. */
const OrderTypes = () => (target: object, property: string) => {
  IsArray()(target, property);
  ArrayMinSize(1)(target, property);
  ArrayMaxSize(ORDER_TYPES.length)(target, property);
  IsIn(ORDER_TYPES, { each: true, message: `each value must be one of: ${ORDER_TYPES.join(', ')}` })(
    target,
    property,
  );
};

const RateId = () => (target: object, property: string) => {
  IsString()(target, property);
  Length(1, 36)(target, property);
};

const ORDER_TYPES_DOC: ApiPropertyOptions = {
  type: [String],
  enum: ORDER_TYPES,
  example: ['takeaway', 'delivery'],
};
const TO_DOC = {
  type: String,
  format: 'uuid',
  nullable: true,
  description: 'The rate that replaces `from` on those orders; null: such lines are exempt from it',
};

export class CreateTaxMappingInput {
  @ApiProperty({ example: 'Takeaway food', minLength: 1, maxLength: 100 })
  @Name()
  name!: string;

  @ApiProperty(ORDER_TYPES_DOC)
  @OrderTypes()
  orderTypes!: string[];

  @ApiProperty({ format: 'uuid', description: 'An active rate' })
  @RateId()
  fromTaxRateId!: string;

  @ApiProperty(TO_DOC)
  @IsOptional()
  @RateId()
  toTaxRateId!: string | null;
}

export class UpdateTaxMappingInput {
  @ApiPropertyOptional({ example: 'Takeaway food', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @Name()
  name?: string;

  @ApiPropertyOptional(ORDER_TYPES_DOC)
  @OptionalNotNull()
  @OrderTypes()
  orderTypes?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'An active rate' })
  @OptionalNotNull()
  @RateId()
  fromTaxRateId?: string;

  @ApiPropertyOptional(TO_DOC)
  @IsOptional()
  @RateId()
  toTaxRateId?: string | null;
}

/** `taxRateIds` on a dish or category: ids of active rates, each once; empty to inherit. */
export const TaxRateIds = () => (target: object, property: string) => {
  OptionalNotNull()(target, property);
  IsArray()(target, property);
  ArrayMaxSize(MAX_TAX_RATES_PER_ITEM)(target, property);
  IsString({ each: true })(target, property);
  Length(1, 36, { each: true })(target, property);
};
