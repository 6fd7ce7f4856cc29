import { Injectable } from '@nestjs/common';
import { Between, In } from 'typeorm';
import { version } from '../../../package.json';
import { DayClose, BusinessDaysService } from '../../business-days/business-days.service';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-code';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database.service';
import { BusinessCalendar } from '../../orders/business-calendar';
import { addDays } from '../../orders/business-day';
import type { OrderView } from '../../orders/dto/order.views';
import { OrderListQuery } from '../../orders/dto/order.inputs';
import { OrderStatus } from '../../orders/order-status';
import { OrdersService } from '../../orders/orders.service';
import { GiftCardsService } from '../../guests/gift-cards/gift-cards.service';
import { PaymentsService } from '../../payments/payments.service';
import { PageQuery } from '../../common/pagination/page';
import type { FiscalReceipt } from '../../receipts/receipt-chain';
import { ReceiptsService } from '../../receipts/receipts.service';
import { ShiftsService } from '../../shifts/shifts.service';
import { UsersService } from '../../users/users.service';
import { FiscalTransaction, FiscalUnitRecord } from '../fiscal.entities';
import { exportFiles, zipOf } from './dsfinvk-export';
import { MAX_DSFINVK_DAYS } from './dto/dsfinvk.inputs';
import { lineRatesOf } from './line-rates';
import { receiptOrderFacts } from './order-facts';
import { RestaurantProfile } from '../../restaurant/restaurant-profile';

/** Orders read per query: well under every database's limit of bound parameters. */
const ORDERS_PER_READ = 500;

/**
 * The id of the one cash register (Z_KASSE_ID, KASSE_SERIENNR): this service is one till system whose closings
 * are the restaurant's Z reports; each device that sells is a terminal of it (slaves.csv), named by its client id
 * at the signing unit.
 */
export const CASH_REGISTER_ID = 'KASSE-1';

/** The most receipts one export carries: a larger period is exported in parts. */
export const MAX_DSFINVK_RECEIPTS = 50_000;

/**
 * Builds the DSFinV-K export of a period of closed business days: it reads the receipts and the closes through
 * their modules and the signing unit's transactions from the fiscal tables, then lays them out (dsfinvk-export.ts).
 */
@Injectable()
export class DsfinvkService {
  constructor(
    private readonly database: Database,
    private readonly receipts: ReceiptsService,
    private readonly businessDays: BusinessDaysService,
    private readonly orders: OrdersService,
    private readonly shifts: ShiftsService,
    private readonly users: UsersService,
    private readonly giftCards: GiftCardsService,
    private readonly payments: PaymentsService,
    private readonly calendar: BusinessCalendar,
    private readonly config: AppConfig,
    private readonly restaurant: RestaurantProfile,
  ) {}

  async export(from: string, to: string): Promise<Uint8Array> {
    if (from > to) throw DomainError.invalidField('from', `must not be after to (${to})`);
    if (addDays(from, MAX_DSFINVK_DAYS - 1) < to) {
      throw DomainError.invalidField('to', `must be within ${MAX_DSFINVK_DAYS} days of from (${from})`);
    }
    const today = this.calendar.today();
    if (to >= today) throw dayOpen(from > today ? from : today);
    const { before, within } = await this.businessDays.closesAround(from, to);
    const closingOfDay = new Map(within.map((close) => [close.businessDay, close]));

    // A sale or refund booked on a day happens after the day before began (a day is closed at the earliest once
    // it has begun, and the next day's sales start after that close or at its own start), and before the day's
    // close or, for a day never closed, before the next day begins.
    const start = this.calendar.startOf(addDays(from, -1));
    const lastClose = within[within.length - 1]?.closedAt.getTime() ?? 0;
    const end = new Date(Math.max(this.calendar.startOf(addDays(to, 1)).getTime(), lastClose + 1));
    const issued = await this.receipts.issuedBetween(start, end, MAX_DSFINVK_RECEIPTS);
    if (issued.length > MAX_DSFINVK_RECEIPTS) {
      throw DomainError.invalidField(
        'to',
        `the period holds more than ${MAX_DSFINVK_RECEIPTS} receipts: export it in shorter periods`,
      );
    }
    const receipts = issued.filter((receipt) => receipt.businessDay >= from && receipt.businessDay <= to);
    const unclosed = receipts.find((receipt) => !closingOfDay.has(receipt.businessDay));
    if (unclosed) throw dayOpen(unclosed.businessDay);

    const transactions = await this.database.reader.find(FiscalTransaction, {
      where: { occurredAt: Between(start, end) },
      order: { seq: 'ASC' },
    });
    const serials = [...new Set(transactions.flatMap((row) => (row.unitSerial ? [row.unitSerial] : [])))];
    const units =
      serials.length > 0
        ? await this.database.reader.find(FiscalUnitRecord, { where: { serial: In(serials) } })
        : [];

    const orders = await this.ordersOf(receipts);
    const cancelled = await this.cancelledBetween(from, to);
    const shifts = (
      await Promise.all(within.map((close) => this.shifts.shiftsOfBusinessDay(close.businessDay)))
    ).flat();
    const giftCardSales = await this.giftCards.salesBetween(start, end);
    const staffNames = await this.staffNames([
      ...[...orders.values(), ...cancelled].flatMap((order) => (order.waiterId ? [order.waiterId] : [])),
      ...shifts.flatMap((shift) => [
        shift.openedBy,
        ...(shift.closedBy ? [shift.closedBy] : []),
        ...shift.movements.map((movement) => movement.recordedBy),
      ]),
      ...giftCardSales.flatMap((sale) => (sale.by.startsWith('staff:') ? [sale.by.slice(6)] : [])),
    ]);
    const methods = await this.paymentMethods();
    const vouchers = await this.giftCards.cardsOfPayments(
      receipts.flatMap((receipt) =>
        receipt.payments
          .filter((payment) => payment.kind === 'gift_card')
          .map((payment) => payment.paymentId),
      ),
    );
    const facts = new Map(
      receipts.flatMap((receipt) => {
        const order = orders.get(receipt.orderId);
        return order ? [[receipt.id, receiptOrderFacts(receipt, order, staffNames)] as const] : [];
      }),
    );

    return zipOf(
      exportFiles({
        cashRegisterId: CASH_REGISTER_ID,
        business: {
          name: this.restaurant.details.name,
          address: this.restaurant.details.address,
          taxId: this.restaurant.details.taxId,
          currency: this.restaurant.currency,
          software: { brand: 'restaurant-pos-backend', version },
        },
        closings: within,
        previous: before,
        receipts,
        closingOfDay,
        originals: await this.originalsOf(receipts, closingOfDay),
        lineRates: lineRatesOf(receipts, [...orders.values()]),
        facts,
        vouchers,
        shifts,
        giftCardSales: giftCardSales.map((sale) => ({
          sale,
          // A method that took money is deactivated, never deleted (the activity's foreign key).
          method: methods.get(sale.saleMethodId!)!,
        })),
        cancelled: cancelled.map((order) => ({
          order,
          operator: order.waiterId
            ? { id: order.waiterId, name: staffNames.get(order.waiterId) ?? null }
            : { id: order.source, name: null },
        })),
        staffNames,
        transactions,
        units,
      }),
    );
  }

  /** The orders of the receipts, by id (read in batches). */
  private async ordersOf(receipts: FiscalReceipt[]): Promise<Map<string, OrderView>> {
    const orderIds = [...new Set(receipts.map((receipt) => receipt.orderId))];
    const orders = new Map<string, OrderView>();
    for (let at = 0; at < orderIds.length; at += ORDERS_PER_READ) {
      for (const order of await this.orders.viewsOf(orderIds.slice(at, at + ORDERS_PER_READ)))
        orders.set(order.id, order);
    }
    return orders;
  }

  /** The orders of the business days from `from` to `to` that were cancelled, page by page. */
  private async cancelledBetween(from: string, to: string): Promise<OrderView[]> {
    const cancelled: OrderView[] = [];
    for (let page = 1; ; page++) {
      const query = Object.assign(new OrderListQuery(), {
        status: OrderStatus.Cancelled,
        page,
        perPage: 100,
      });
      const { items } = await this.orders.list(query, { businessDay: Between(from, to) });
      cancelled.push(...items);
      if (items.length < query.perPage) return cancelled.reverse();
    }
  }

  /** Every payment method, removed ones too (a gift card sold names the method that took the money), by id. */
  private async paymentMethods(): Promise<Map<string, { name: string; kind: string }>> {
    const methods = new Map<string, { name: string; kind: string }>();
    for (let page = 1; ; page++) {
      const query = Object.assign(new PageQuery(), { page, perPage: 100 });
      const { items } = await this.payments.methods(false, query);
      for (const method of items) methods.set(method.id, { name: method.name, kind: method.kind });
      if (items.length < query.perPage) return methods;
    }
  }

  /** The display names of staff, by id (a removed account is left out). */
  private async staffNames(ids: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of new Set(ids)) {
      const user = await this.users.get(id).catch(() => null);
      if (user) names.set(id, user.displayName);
    }
    return names;
  }

  /** The closing of each refund's sale receipt, read for those booked before the period. */
  private async originalsOf(
    receipts: Array<{ id: string; refundOf: string | null; businessDay: string }>,
    closingOfDay: ReadonlyMap<string, DayClose>,
  ): Promise<Map<string, DayClose>> {
    const dayOf = new Map(receipts.map((receipt) => [receipt.id, receipt.businessDay]));
    const originals = new Map<string, DayClose>();
    for (const { refundOf } of receipts) {
      if (!refundOf || originals.has(refundOf)) continue;
      const day = dayOf.get(refundOf) ?? (await this.receipts.get(refundOf)).businessDay;
      const close = closingOfDay.get(day) ?? (await this.businessDays.closesAround(day, day)).within[0];
      if (close) originals.set(refundOf, close);
    }
    return originals;
  }
}

function dayOpen(businessDay: string): DomainError {
  return new DomainError(
    ErrorCode.BusinessDayOpen,
    `Business day ${businessDay} is not closed yet: close it (its Z report) before exporting it`,
    { businessDay },
  );
}
