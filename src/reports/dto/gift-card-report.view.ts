import { ApiProperty } from '@nestjs/swagger';
import { PaymentMethodKind } from '../../payments/payment.entities';
import { ReportPeriodView } from './report.views';

const MINOR = 'Minor units.';

/** The money one payment method took for gift cards: a liability, not sales. */
export class GiftCardSalesView {
  @ApiProperty({ format: 'uuid' }) methodId!: string;
  @ApiProperty({ example: 'Cash' }) name!: string;
  @ApiProperty({ enum: PaymentMethodKind, enumName: 'PaymentMethodKind' }) kind!: PaymentMethodKind;
  @ApiProperty({ example: 3, description: 'Activations and loads paid with it' }) count!: number;
  @ApiProperty({ example: 15000, description: MINOR }) amount!: number;
}

/**
 * The stored-value liability over a period, from the cards' ledger. It reconciles: openingOutstanding + sold -
 * redeemed + refunded - voided + adjusted = closingOutstanding.
 */
export class GiftCardReportView {
  @ApiProperty({ type: ReportPeriodView }) period!: ReportPeriodView;

  @ApiProperty({ description: `What all cards held when the period started. ${MINOR}` })
  openingOutstanding!: number;

  @ApiProperty({ example: 4, description: 'Cards issued in the period' }) cardsIssued!: number;
  @ApiProperty({ description: `Value put on cards as they were issued. ${MINOR}` }) activated!: number;
  @ApiProperty({ description: `Value loaded onto cards later. ${MINOR}` }) loaded!: number;
  @ApiProperty({ description: `activated + loaded. ${MINOR}` }) sold!: number;

  @ApiProperty({ description: `Of sold, what was paid for (the sum of sales). ${MINOR}` })
  soldForMoney!: number;

  @ApiProperty({ description: `Of sold, what was given away (no sale). ${MINOR}` }) given!: number;
  @ApiProperty({ description: `Taken off cards by payments. ${MINOR}` }) redeemed!: number;
  @ApiProperty({ description: `Put back on cards by refunds of those payments. ${MINOR}` }) refunded!: number;
  @ApiProperty({ description: `Written off by voiding cards. ${MINOR}` }) voided!: number;
  @ApiProperty({ description: `Signed corrections. ${MINOR}` }) adjusted!: number;

  @ApiProperty({ description: `What all cards held when the period ended. ${MINOR}` })
  closingOutstanding!: number;

  @ApiProperty({
    description: `Of closingOutstanding, what cards expired by the period's end hold (unspendable). ${MINOR}`,
  })
  outstandingOnExpiredCards!: number;

  @ApiProperty({ type: [GiftCardSalesView], description: 'The money taken for cards, per payment method' })
  sales!: GiftCardSalesView[];
}
