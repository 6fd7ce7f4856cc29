import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_AMOUNT } from '../../common/money';
import { GIFT_CARD_CODE_PATTERN } from '../../guests/gift-cards/gift-card-code';
import { NestedList } from '../../common/nested-list';
import { OptionalNotNull } from '../../common/optional-not-null';
import { ClientIdProperty } from '../../idempotency/client-ids';
import {
  CardDetails,
  Payment,
  PaymentMethod,
  PaymentMethodKind,
  PaymentRecordStatus,
} from '../payment.entities';

export class PaymentMethodInput {
  @ApiProperty({ example: 'Visa / Mastercard' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({
    enum: PaymentMethodKind,
    enumName: 'PaymentMethodKind',
    description: 'Only cash gives change',
  })
  @IsEnum(PaymentMethodKind)
  kind!: PaymentMethodKind;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ default: 0 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100_000)
  sortOrder?: number;
}

export class UpdatePaymentMethodInput extends PartialType(PaymentMethodInput, {
  skipNullProperties: false,
}) {}

export class PaymentInput {
  @ClientIdProperty('payment')
  id?: string;

  @ApiProperty({ format: 'uuid' })
  @IsString()
  @Length(1, 36)
  methodId!: string;

  @ApiProperty({
    description: 'Minor units tendered; above what is due only for cash (the rest is change)',
    example: 5000,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount!: number;

  @ApiPropertyOptional({ description: 'Minor units of tip, on top of the amount', example: 300 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  tip?: number;

  @ApiPropertyOptional({
    example: '1234 5678 9012 3456 7891',
    pattern: GIFT_CARD_CODE_PATTERN,
    description:
      'Required with a method of kind gift_card, refused with any other: the card to redeem amount and tip from. ' +
      'Codes matching no card count against the caller like wrong PINs.',
  })
  @OptionalNotNull()
  @IsString()
  @Length(1, 60)
  giftCardCode?: string;
}

/** One line a refund returns: the item and how many of its units. */
export class RefundLineInput {
  @ApiProperty({ format: 'uuid', description: 'An item of the order the payment belongs to' })
  @IsString()
  @Length(1, 36)
  itemId!: string;

  @ApiProperty({ minimum: 1, maximum: 99, example: 1 })
  @IsInt()
  @Min(1)
  @Max(99)
  quantity!: number;
}

export class RefundInput {
  @ApiPropertyOptional({
    description:
      "Minor units to give back, spread over the order's tax rows; at most what is left of the payment. " +
      'Give either amount or lines (or only tip).',
    example: 1200,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount?: number;

  @ApiPropertyOptional({
    type: [RefundLineInput],
    description:
      "The lines given back (a closed order's): the amount is what those units were charged, with their own tax " +
      'rows. Each unit can be refunded once.',
  })
  @IsOptional()
  @NestedList(() => RefundLineInput, { max: 100 })
  lines?: RefundLineInput[];

  @ApiPropertyOptional({ description: "Minor units of the payment's tip to give back as well", example: 200 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  tip?: number;

  @ApiProperty({ maxLength: 500, example: 'cold soup' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class PaymentMethodView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PaymentMethodKind, enumName: 'PaymentMethodKind' }) kind!: PaymentMethodKind;
  @ApiProperty() active!: boolean;
  @ApiProperty() sortOrder!: number;

  static of(this: void, method: PaymentMethod): PaymentMethodView {
    return {
      id: method.id,
      name: method.name,
      kind: method.kind,
      active: method.active,
      sortOrder: method.sortOrder,
    };
  }
}

export class CardEmvView {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Application identifier',
    example: 'A0000000031010',
  })
  aid!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'VISA CREDIT' })
  applicationLabel!: string | null;
}

/** The card a terminal read, as a receipt prints it; never the full number. */
export class CardView {
  @ApiProperty({ example: 'visa' }) brand!: string;
  @ApiProperty({ example: '4242' }) last4!: string;
  @ApiProperty({ example: 'contactless', description: 'contactless, chip, swipe or manual, as reported' })
  entryMode!: string;

  @ApiProperty({ type: String, nullable: true, example: '123456' }) authCode!: string | null;
  @ApiProperty({ type: CardEmvView }) emv!: CardEmvView;
  @ApiProperty({ example: 'simulator', description: 'The terminal provider that took it' }) provider!: string;

  static of(this: void, card: CardDetails): CardView {
    return {
      brand: card.brand,
      last4: card.last4,
      entryMode: card.entryMode,
      authCode: card.authCode,
      emv: { aid: card.emv.aid, applicationLabel: card.emv.applicationLabel },
      provider: card.provider,
    };
  }
}

export class PaymentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ format: 'uuid' }) methodId!: string;
  @ApiProperty({ description: 'Minor units counted towards the bill' }) amount!: number;
  @ApiProperty({ description: 'Minor units handed over' }) tendered!: number;
  @ApiProperty({ description: 'Minor units of cash given back' }) change!: number;
  @ApiProperty({ description: 'Minor units of tip' }) tip!: number;
  @ApiProperty({ description: 'Minor units refunded so far' }) refunded!: number;
  @ApiProperty({ description: 'Minor units of the tip refunded so far' }) tipRefunded!: number;
  @ApiProperty({ enum: PaymentRecordStatus, enumName: 'PaymentRecordStatus' }) status!: PaymentRecordStatus;
  @ApiProperty({
    type: CardView,
    nullable: true,
    description: 'The card a terminal read (POST /orders/{id}/terminal-payments); null otherwise',
  })
  card!: CardView | null;

  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static of(this: void, payment: Payment): PaymentView {
    return {
      id: payment.id,
      orderId: payment.orderId,
      methodId: payment.methodId,
      amount: payment.amount,
      tendered: payment.tendered,
      change: payment.change,
      tip: payment.tip,
      refunded: payment.refunded,
      tipRefunded: payment.tipRefunded,
      status: payment.status,
      card: payment.card ? CardView.of(payment.card) : null,
      createdAt: payment.createdAt.toISOString(),
    };
  }
}
