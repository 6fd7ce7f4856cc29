import { FactKind } from '../../event-log/facts';

/**
 * Value was sold onto a gift card (issued or loaded) for money: the activity, the amount, and whether it was
 * paid in cash. A card given away (no sale) raises nothing.
 */
export interface GiftCardSold {
  activityId: string;
  amount: number;
  cash: boolean;
}

export const GIFT_CARD_SOLD = new FactKind<GiftCardSold>('gift card sold');
