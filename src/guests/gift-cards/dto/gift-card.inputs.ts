import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { GIFT_CARD_CODE_PATTERN } from '../gift-card-code';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_AMOUNT } from '../../../common/money';
import { PageQuery } from '../../../common/pagination/page';
import { IsTimestamp } from '../../../common/time/is-timestamp';
import { OptionalNotNull } from '../../../common/optional-not-null';
import { GiftCardStatus } from './gift-card.views';

/** The money taken for the value put on a card: a liability, not sales. */
export class GiftCardSaleInput {
  @ApiProperty({ format: 'uuid', description: 'An active payment method that is not itself a gift card' })
  @IsString()
  @Length(1, 36)
  methodId!: string;
}

const SALE_DESCRIPTION =
  'When the guest paid for the value: the money taken with this method (it counts in the drawer when cash). ' +
  'Absent: the value is given away (a voucher, a goodwill gesture).';

export class LoadGiftCardInput {
  @ApiProperty({ minimum: 1, maximum: MAX_AMOUNT, description: 'Minor units put on the card', example: 5000 })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount!: number;

  @ApiPropertyOptional({ type: GiftCardSaleInput, description: SALE_DESCRIPTION })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => GiftCardSaleInput)
  sale?: GiftCardSaleInput;
}

export class IssueGiftCardInput extends LoadGiftCardInput {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'After this the card is expired and pays nothing; absent: it never expires',
  })
  @OptionalNotNull()
  @IsTimestamp()
  expiresAt?: string;
}

export class VoidGiftCardInput {
  @ApiProperty({ maxLength: 500, example: 'reported stolen' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class GiftCardLookupQuery {
  @ApiProperty({
    example: '1234 5678 9012 3456 7891',
    pattern: GIFT_CARD_CODE_PATTERN,
    description: 'The full code; spaces and dashes are ignored',
  })
  @IsString()
  @Length(1, 60)
  code!: string;
}

export class GiftCardListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: GiftCardStatus, enumName: 'GiftCardStatus' })
  @IsOptional()
  @IsIn(Object.values(GiftCardStatus))
  status?: GiftCardStatus;
}
