import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_AMOUNT } from '../../common/money';
import { IsBusinessDay } from '../../common/time/calendar-date';
import { PaymentMethodKind } from '../../payments/payment.entities';

/** Rows one fact's mix carries at most, per list: an order of a thousand lines is far beyond a table's bill. */
export const MAX_MIX_ROWS = 1000;

const MONEY = 'Minor units, in the fact’s currency';
const COUNT = { minimum: 0, maximum: 1_000_000 };

function Money(description = MONEY): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ minimum: -MAX_AMOUNT, maximum: MAX_AMOUNT, description })(target, key);
    IsInt()(target, key);
    Min(-MAX_AMOUNT)(target, key);
    Max(MAX_AMOUNT)(target, key);
  };
}

function Count(description: string): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ ...COUNT, description })(target, key);
    IsInt()(target, key);
    Min(COUNT.minimum)(target, key);
    Max(COUNT.maximum)(target, key);
  };
}

function Name(example: string, description: string, min = 1): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ example, minLength: min, maxLength: 200, description })(target, key);
    IsString()(target, key);
    Length(min, 200)(target, key);
  };
}

/** A dish and variation of a closed order, as the site's GET /reports/dishes counts it. */
export class SalesFactDishInput {
  @Name('Burger', 'The dish’s name as ordered')
  name!: string;

  @Name('Double', 'The variation’s name as ordered (empty for none)', 0)
  variationName!: string;

  @Count('Units: live items of the closed order')
  quantity!: number;

  @Money('unitPrice × quantity, before order discounts. Minor units')
  revenue!: number;

  @Money('What price rules took off: (listPrice - unitPrice) × quantity. Minor units')
  priceRuleDiscount!: number;
}

/** A modifier option carried by a closed order's live items. */
export class SalesFactModifierInput {
  @Name('Sauce', 'The option’s group as ordered')
  groupName!: string;

  @Name('Aioli', 'The option’s name as ordered')
  name!: string;

  @Count('Units of the items that carry it')
  quantity!: number;

  @Money('priceDelta × quantity. Minor units')
  revenue!: number;
}

/** An order's payments and refunds on one business day with one method, as GET /reports/payment-methods counts. */
export class SalesFactPaymentInput {
  @ApiProperty({ format: 'date', example: '2026-11-22', description: 'The day they were made in' })
  @IsBusinessDay()
  businessDay!: string;

  @Name('Card', 'The payment method’s name')
  method!: string;

  @ApiProperty({ enum: PaymentMethodKind, enumName: 'PaymentMethodKind' })
  @IsIn(Object.values(PaymentMethodKind))
  kind!: PaymentMethodKind;

  @Count('Payments taken')
  payments!: number;

  @Money('tendered + tip. Minor units')
  received!: number;

  @Money('Change given back. Minor units')
  change!: number;

  @Money('Tips received less tips given back. Minor units')
  tips!: number;

  @Count('Refunds made')
  refunds!: number;

  @Money('amount + tip given back. Minor units')
  refunded!: number;
}

/** A tax rate's row: a sale's breakdown, or what a refund after the close took back (negative). */
export class SalesFactTaxInput {
  @Name('VAT', 'The rate’s name as the order copied it')
  name!: string;

  @ApiProperty({ example: 19, format: 'double', minimum: 0, maximum: 1000 })
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0)
  @Max(1000)
  percent!: number;

  @Money()
  net!: number;

  @Money()
  tax!: number;

  @Money('net + tax. Minor units')
  gross!: number;
}

/**
 * What a fact adds to the site's dish, payment-method and tax reports, by their rules: headquarters adds it to
 * its days' sums. Dishes and taxes count on the fact's business day, payments on the day each was made in.
 */
export class SalesFactMixInput {
  @ApiProperty({
    type: [SalesFactDishInput],
    maxItems: MAX_MIX_ROWS,
    description: 'A sale’s dishes; else none',
  })
  @IsArray()
  @ArrayMaxSize(MAX_MIX_ROWS)
  @ValidateNested({ each: true })
  @Type(() => SalesFactDishInput)
  dishes!: SalesFactDishInput[];

  @ApiProperty({ type: [SalesFactModifierInput], maxItems: MAX_MIX_ROWS })
  @IsArray()
  @ArrayMaxSize(MAX_MIX_ROWS)
  @ValidateNested({ each: true })
  @Type(() => SalesFactModifierInput)
  modifiers!: SalesFactModifierInput[];

  @ApiProperty({
    type: [SalesFactPaymentInput],
    maxItems: MAX_MIX_ROWS,
    description:
      'A sale’s or a cancelled order’s payments and the refunds made before its close; a refund’s money given back',
  })
  @IsArray()
  @ArrayMaxSize(MAX_MIX_ROWS)
  @ValidateNested({ each: true })
  @Type(() => SalesFactPaymentInput)
  payments!: SalesFactPaymentInput[];

  @ApiProperty({ type: [SalesFactTaxInput], maxItems: MAX_MIX_ROWS, description: 'The receipt’s tax rows' })
  @IsArray()
  @ArrayMaxSize(MAX_MIX_ROWS)
  @ValidateNested({ each: true })
  @Type(() => SalesFactTaxInput)
  taxes!: SalesFactTaxInput[];
}
