import { Injectable } from '@nestjs/common';
import { And, LessThan, MoreThanOrEqual } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { StatsQuery } from './dto/order.inputs';
import { OrderStatsView } from './dto/order.views';
import { OrderStatus } from './order-status';
import { Order } from './order.entity';

const DAY_MS = 24 * 60 * 60_000;

/** The manager's quick look: counts and money of the orders created in a period, summed in the database. */
@Injectable()
export class OrderStatsService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async summary(query: StatsQuery): Promise<OrderStatsView> {
    const to = query.to ? new Date(query.to) : this.clock.now();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DAY_MS);
    if (from > to) throw DomainError.invalidField('from', 'must not be after to');
    const rows = await this.database.dataSource
      .getRepository(Order)
      .createQueryBuilder('o')
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'orders')
      .addSelect('COALESCE(SUM(o.paid), 0)', 'revenue')
      .addSelect('COALESCE(SUM(o.discount), 0)', 'discounts')
      .addSelect('COALESCE(SUM(o.service_charge), 0)', 'serviceCharges')
      .addSelect('COALESCE(SUM(o.tax), 0)', 'tax')
      .addSelect('COALESCE(SUM(o.tips), 0)', 'tips')
      .where({ createdAt: And(MoreThanOrEqual(from), LessThan(to)) })
      .groupBy('o.status')
      .getRawMany<Record<string, string | number>>();
    const sum = (field: string, only?: (status: string) => boolean) =>
      rows
        .filter((row) => !only || only(String(row.status)))
        .reduce((total, row) => total + Number(row[field]), 0);
    const notCancelled = (status: string) => status !== String(OrderStatus.Cancelled);
    const isClosed = (status: string) => status === String(OrderStatus.Closed);
    const closed = sum('orders', isClosed);
    const revenue = sum('revenue');
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      orders: sum('orders'),
      byStatus: Object.fromEntries(rows.map((row) => [String(row.status), Number(row.orders)])),
      revenue,
      discounts: sum('discounts', notCancelled),
      serviceCharges: sum('serviceCharges', notCancelled),
      tax: sum('tax', notCancelled),
      tips: sum('tips'),
      averageTicket: closed > 0 ? Math.round(sum('revenue', isClosed) / closed) : 0,
    };
  }
}
