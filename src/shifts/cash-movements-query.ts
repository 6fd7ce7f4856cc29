import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { GiftCardActivity } from '../guests/gift-cards/gift-card.entities';
import { Payment, PaymentMethod, PaymentMethodKind, Refund } from '../payments/payment.entities';
import { HOUSE_DRAWER } from './cash-shift.entity';

/**
 * Sums of cash payments, of refunds of cash payments and of gift cards sold for cash, made since `since`, that went
 * through `drawer`: one statement, on the payments', refunds' and gift-card activities' time indexes
 * (scripts/explain-plans.ts explains it as built here). A device's drawer takes the cash of payments taken on that
 * device and of refunds of them; the house drawer takes the rest: payments of no device or of a device with no drawer
 * open at that moment (their refunds likewise, at the refund's moment), and every gift card sold for cash.
 */
export function cashMovementsQuery(
  manager: EntityManager,
  since: Date,
  drawer: string = HOUSE_DRAWER,
): SelectQueryBuilder<ObjectLiteral> {
  const house = drawer === HOUSE_DRAWER;
  // The payment's device had no drawer open at `at` (a column of the outer statement).
  const noDrawerOpen = (device: string, at: string) =>
    `NOT EXISTS (SELECT 1 FROM cash_shifts open_drawer WHERE open_drawer.drawer = ${device} ` +
    `AND open_drawer.opened_at <= ${at} AND (open_drawer.closed_at IS NULL OR open_drawer.closed_at > ${at}))`;
  const whose = (alias: string, at: string) =>
    house
      ? `(${alias}.deviceId IS NULL OR ${noDrawerOpen(`${alias}.device_id`, at)})`
      : `${alias}.deviceId = :drawer`;
  return manager
    .createQueryBuilder()
    .select('COALESCE(SUM(payment.tendered), 0)', 'cashTendered')
    .addSelect('COALESCE(SUM(payment.change), 0)', 'changeGiven')
    .addSelect('COALESCE(SUM(payment.tip), 0)', 'cashTips')
    .addSelect(
      (refunds) =>
        refunds
          .select('COALESCE(SUM(refund.amount + refund.tip), 0)')
          .from(Refund, 'refund')
          .innerJoin(Payment, 'refunded', 'refunded.id = refund.paymentId')
          .innerJoin(PaymentMethod, 'refundedMethod', 'refundedMethod.id = refunded.methodId')
          .where('refundedMethod.kind = :cash')
          .andWhere('refund.createdAt >= :since')
          .andWhere(whose('refunded', 'refund.created_at')),
      'cashRefunds',
    )
    .addSelect(
      (sales) =>
        sales
          .select('COALESCE(SUM(sale.amount), 0)')
          .from(GiftCardActivity, 'sale')
          .innerJoin(PaymentMethod, 'saleMethod', 'saleMethod.id = sale.saleMethodId')
          .where('saleMethod.kind = :cash')
          .andWhere('sale.at >= :since')
          // Gift cards are sold at the back office: their cash is the house drawer's.
          .andWhere(':drawer = :houseDrawer'),
      'giftCardCashSales',
    )
    .from(Payment, 'payment')
    .innerJoin(PaymentMethod, 'method', 'method.id = payment.methodId')
    .where('method.kind = :cash')
    .andWhere('payment.createdAt >= :since')
    .andWhere(whose('payment', 'payment.created_at'))
    .setParameters({ cash: PaymentMethodKind.Cash, since, drawer, houseDrawer: HOUSE_DRAWER });
}
