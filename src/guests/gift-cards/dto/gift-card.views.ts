import { ApiProperty } from '@nestjs/swagger';
import { GiftCard, GiftCardActivity, GiftCardActivityType, GiftCardState } from '../gift-card.entities';

export enum GiftCardStatus {
  Active = 'active',
  Void = 'void',
  Expired = 'expired',
}

/** A card as staff see it: never its code, only the last four digits. */
export class GiftCardView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '7890', description: 'The last four digits of the code' }) last4!: string;
  @ApiProperty({ description: 'Minor units left: the sum of the activities' }) balance!: number;

  @ApiProperty({
    enum: GiftCardStatus,
    enumName: 'GiftCardStatus',
    description: 'expired once the clock is past expiresAt (unless void)',
  })
  status!: GiftCardStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static of(this: void, card: GiftCard, now: Date): GiftCardView {
    return {
      id: card.id,
      last4: card.last4,
      balance: card.balance,
      status: statusOf(card, now),
      expiresAt: card.expiresAt?.toISOString() ?? null,
      createdAt: card.createdAt.toISOString(),
      updatedAt: card.updatedAt.toISOString(),
    };
  }
}

export function statusOf(card: GiftCard, now: Date): GiftCardStatus {
  if (card.state === GiftCardState.Void) return GiftCardStatus.Void;
  if (card.expiresAt && card.expiresAt <= now) return GiftCardStatus.Expired;
  return GiftCardStatus.Active;
}

/** The reply to issuing a card: the one time its full code is shown. */
export class IssuedGiftCardView extends GiftCardView {
  @ApiProperty({
    example: '1234 5678 9012 3456 7891',
    description: 'The full code, shown this once: only its hash is kept',
  })
  code!: string;
}

export class GiftCardActivityView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) giftCardId!: string;
  @ApiProperty({ enum: GiftCardActivityType, enumName: 'GiftCardActivityType' }) type!: GiftCardActivityType;
  @ApiProperty({ description: 'Signed minor units: a redemption or a void is negative' }) amount!: number;
  @ApiProperty({ description: 'The balance after it' }) balanceAfter!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) orderId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) paymentId!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The payment method that took the money for an activation or load that was sold',
  })
  saleMethodId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why a card was voided' }) reason!: string | null;
  @ApiProperty({ example: 'staff:6f1c…', description: '`staff:<userId>` or `apiKey:<keyId>`' }) by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;

  static of(this: void, activity: GiftCardActivity): GiftCardActivityView {
    return {
      id: activity.id,
      giftCardId: activity.giftCardId,
      type: activity.type,
      amount: activity.amount,
      balanceAfter: activity.balanceAfter,
      orderId: activity.orderId,
      paymentId: activity.paymentId,
      saleMethodId: activity.saleMethodId,
      reason: activity.reason,
      by: activity.by,
      at: activity.at.toISOString(),
    };
  }
}
