import { Injectable } from '@nestjs/common';
import { And, FindOptionsWhere, LessThan, MoreThanOrEqual } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { Page, pageOf } from '../common/pagination/page';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import { orderOfChannel } from '../orders/orders-of-channel';
import { ReceiptListQuery } from './dto/receipt.inputs';
import { ReceiptView } from './dto/receipt.views';
import { receiptViewOf } from './receipt-chain';
import { Receipt } from './receipt.entity';
import { ReceiptStamps } from './receipt-stamps';

/** A half-open period [from, to) of issue times. */
export function issuedWithin(from?: string, to?: string): FindOptionsWhere<Receipt> {
  if (from && to) return { issuedAt: And(MoreThanOrEqual(new Date(from)), LessThan(new Date(to))) };
  if (from) return { issuedAt: MoreThanOrEqual(new Date(from)) };
  if (to) return { issuedAt: LessThan(new Date(to)) };
  return {};
}

/** The receipts of the orders a caller reads (readableOrders): all, or one channel's. */
function ofOrders({ channel }: { channel?: string }): FindOptionsWhere<Receipt> {
  if (channel === undefined) return {};
  return { orderId: orderOfChannel(channel) };
}

/** Reading receipts: staff lists, one receipt, and the digital copy by its token. Nothing here writes. */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly database: Database,
    private readonly config: AppConfig,
    private readonly stamps: ReceiptStamps,
  ) {}

  async list(query: ReceiptListQuery, readable: { channel?: string } = {}): Promise<Page<ReceiptView>> {
    const [rows, total] = await this.database.reader.findAndCount(Receipt, {
      where: { ...issuedWithin(query.from, query.to), ...ofOrders(readable) },
      order: { number: 'DESC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(await this.viewsOf(rows), total, query);
  }

  async get(id: string, readable: { channel?: string } = {}): Promise<ReceiptView> {
    const row = await this.database.reader.findOne(Receipt, { where: { ...ofOrders(readable), id } });
    if (!row) throw DomainError.notFound('Receipt');
    const [view] = await this.viewsOf([row]);
    return view;
  }

  /** The receipt of a digital copy's token, or null for an unknown one. */
  async byToken(token: string): Promise<ReceiptView | null> {
    const row = await this.database.reader.findOne(Receipt, { where: { token } });
    if (!row) return null;
    const [view] = await this.viewsOf([row]);
    return view;
  }

  /** The views of receipts, with their signing unit's data. */
  async viewsOf(rows: Receipt[]): Promise<ReceiptView[]> {
    const stamps = await this.stamps.of(rows.map((row) => row.id));
    return rows.map((row) => receiptViewOf(row, this.config.publicBaseUrl, stamps.get(row.id) ?? null));
  }
}
