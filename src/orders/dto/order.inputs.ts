import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '../../common/optional-not-null';
import { IsTimestamp } from '../../common/time/is-timestamp';
import { PageQuery } from '../../common/pagination/page';
import { ItemStatus, OrderStatus, OrderType } from '../order-status';
import { MAX_AMOUNT } from '../../common/money';
import { MAX_MODIFIERS_PER_LINE } from '../../menu/modifier-choices';
import { FulfilmentInput } from './fulfilment.inputs';
import { ComboChoiceLineInput, MAX_COMBO_CHOICES_PER_LINE } from './combo-choice.inputs';
import { ModifierChoiceInput } from './modifier-choice.inputs';
import { NestedList } from '../../common/nested-list';
import { SchemaRules, whenKind } from '../../common/schema-rules';
import { ClientIdProperty } from '../../idempotency/client-ids';

const MAX_COURSE = 9;

/** A line as anyone may order it, a guest at the QR menu included. */
export class OrderLineInput {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  @Length(1, 36)
  dishId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required when the dish has more than one variation' })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  variationId?: string;

  @ApiProperty({ minimum: 1, maximum: 99 })
  @IsInt()
  @Min(1)
  @Max(99)
  quantity!: number;

  @ApiPropertyOptional({ maxLength: 500, example: 'no onions' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  comment?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_COURSE,
    default: 1,
    description: 'The course it is served in',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(MAX_COURSE)
  course?: number;

  @ApiPropertyOptional({
    default: false,
    description:
      'true: the item is `held` off the kitchen until its course is fired (POST /orders/{id}/fire)',
  })
  @OptionalNotNull()
  @IsBoolean()
  hold?: boolean;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100,
    description: 'The seat it is for, 1 to the order’s guests (which must then be given)',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100)
  seat?: number;

  @ApiPropertyOptional({
    type: [ModifierChoiceInput],
    maxItems: MAX_MODIFIERS_PER_LINE,
    default: [],
    description:
      "Options chosen from the dish's modifier groups, each once and available; every group's minChoices and " +
      'maxChoices hold (a 422 on `items[i].modifiers` names the group). Their names and priceDeltas are copied ' +
      'onto the item.',
  })
  @OptionalNotNull()
  @NestedList(() => ModifierChoiceInput, { max: MAX_MODIFIERS_PER_LINE })
  modifiers?: ModifierChoiceInput[];

  @ApiPropertyOptional({
    type: [ComboChoiceLineInput],
    maxItems: MAX_COMBO_CHOICES_PER_LINE,
    description:
      "Only for a combo (the menu's `combo`): the choices taken, each one of its slot's available choices, every " +
      "slot's minChoices and maxChoices held (docs/combos.md). Each becomes a component of the item.",
  })
  @OptionalNotNull()
  @NestedList(() => ComboChoiceLineInput, { max: MAX_COMBO_CHOICES_PER_LINE })
  comboChoices?: ComboChoiceLineInput[];
}

/** A line as staff (or an integration) order it: it may carry the id the new item gets. */
export class OrderItemInput extends OrderLineInput {
  /** On a combo line it is the line's id (as the order view shows it); its components get ids of the server's. */
  @ClientIdProperty('item (of a combo: the combo line)')
  id?: string;
}

export class OrderItemsInput {
  @ApiProperty({ type: [OrderItemInput] })
  @NestedList(() => OrderItemInput, { min: 1, max: 100 })
  items!: OrderItemInput[];
}

export class CreateOrderInput extends OrderItemsInput {
  @ClientIdProperty('order')
  id?: string;

  @ApiProperty({ enum: OrderType, enumName: 'OrderType' })
  @IsEnum(OrderType)
  type!: OrderType;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for dine_in' })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  tableId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  guests?: number;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  notes?: string;

  @ApiPropertyOptional({
    type: FulfilmentInput,
    description: 'Takeaway and delivery only: who the order is for, where, and when it was promised',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FulfilmentInput)
  fulfilment?: FulfilmentInput;
}

/**
 * What a guest may send from the QR menu: the table comes from the QR code, the type is dine-in; the server picks
 * every id.
 */
export class QrOrderInput {
  @ApiProperty({ type: [OrderLineInput] })
  @NestedList(() => OrderLineInput, { min: 1, max: 100 })
  items!: OrderLineInput[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  guests?: number;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  notes?: string;
}

export class UpdateOrderItemInput {
  @ApiPropertyOptional({ minimum: 1, maximum: 99 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(99)
  quantity?: number;

  @ApiPropertyOptional({
    type: String,
    maxLength: 500,
    nullable: true,
    description: 'null clears the comment',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  comment?: string | null;

  @ApiPropertyOptional({
    type: Number,
    minimum: 1,
    maximum: 100,
    nullable: true,
    description: 'Moves the item to this seat (1 to the order’s guests) whatever its status; null: no seat',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  seat?: number | null;
}

export class UpdateOrderInput {
  @ApiProperty({
    description: 'true: the kitchen cooks it first (its screens flag the ticket); false: no longer',
    example: true,
  })
  @IsBoolean()
  rush!: boolean;
}

export class ItemStatusInput {
  @ApiProperty({ enum: [ItemStatus.New, ItemStatus.InProgress, ItemStatus.Ready, ItemStatus.Served] })
  @IsIn([ItemStatus.New, ItemStatus.InProgress, ItemStatus.Ready, ItemStatus.Served])
  status!: ItemStatus;
}

export class FireInput {
  @ApiProperty({
    minimum: 1,
    maximum: MAX_COURSE,
    example: 2,
    description: 'Fires every held item of this course',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_COURSE)
  course!: number;
}

export class VoidItemInput {
  @ApiPropertyOptional({ maxLength: 500, description: 'Required once the item left `held` or `new`' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class OrderStatusInput {
  @ApiProperty({
    enum: [OrderStatus.Open, OrderStatus.Cancelled, OrderStatus.Closed],
    description: 'open accepts a pending QR order; cancelled needs a reason; closed needs nothing due',
  })
  @IsIn([OrderStatus.Open, OrderStatus.Cancelled, OrderStatus.Closed])
  status!: OrderStatus;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

/**
 * Hundredths at most, judged on the number: class-validator's `maxDecimalPlaces` reads the decimal string and
 * throws on numbers JavaScript writes with an exponent (1e-7), which made them a 500.
 */
const AtMostTwoDecimals = () =>
  ValidateBy({
    name: 'atMostTwoDecimals',
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'number' || Math.abs(value * 100 - Math.round(value * 100)) < 1e-6,
      defaultMessage: () => 'must have at most two decimals',
    },
  });

@SchemaRules({
  oneOf: [
    whenKind('kind', 'percent', {
      value: { type: 'number', format: 'double', minimum: 0, maximum: 100, multipleOf: 0.01 },
    }),
    whenKind('kind', 'amount', { value: { type: 'integer', minimum: 0, maximum: MAX_AMOUNT } }),
  ],
})
export class DiscountInput {
  @ApiProperty({ enum: ['percent', 'amount'] })
  @IsIn(['percent', 'amount'])
  kind!: 'percent' | 'amount';

  @ApiProperty({
    description: 'percent: 0 to 100 with at most two decimals; amount: minor units. 0 removes it.',
    example: 10,
  })
  @IsNumber()
  @AtMostTwoDecimals()
  @Min(0)
  @Max(MAX_AMOUNT)
  value!: number;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class OrderListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OrderStatus, enumName: 'OrderStatus' })
  @IsOptional()
  @IsEnum(OrderStatus)
  status?: OrderStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  tableId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  waiterId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before' })
  @IsOptional()
  @IsTimestamp()
  to?: string;
}

export class StatsQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: 24 hours before `to`' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now' })
  @IsOptional()
  @IsTimestamp()
  to?: string;
}

/** How many stations one kitchen screen may ask for in `stationIds`. */
const MAX_TICKET_STATIONS = 50;
/** A UUID as @IsUUID() takes it, for the pattern of a comma list of them. */
const UUID_TEXT = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}';

export class KitchenTicketsQuery extends PageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only this station’s items (and orders that have some); with stationIds, those stations too',
  })
  @IsOptional()
  @IsUUID()
  stationId?: string;

  @ApiPropertyOptional({
    type: String,
    pattern: `^${UUID_TEXT}(,${UUID_TEXT}){0,${MAX_TICKET_STATIONS - 1}}$`,
    example: '0b9e5c1a-2f4d-4c8e-9a51-6d3f2e1b7c90,6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
    description: `Only these stations’ items, comma-separated (at most ${MAX_TICKET_STATIONS}): a screen of several stations`,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value))
  @IsArray()
  @ArrayMaxSize(MAX_TICKET_STATIONS)
  @IsUUID(undefined, { each: true })
  stationIds?: string[];
}
