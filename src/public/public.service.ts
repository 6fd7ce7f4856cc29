import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { PrebuiltReplies } from '../common/http/prebuilt-replies';
import { RenderedBody, renderBody } from '../common/http/revalidated';
import { Database } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { FloorService } from '../floor/floor.service';
import type { DiningTable } from '../floor/table.entity';
import { AppConfig } from '../config/app-config';
import { QrOrderInput } from '../orders/dto/order.inputs';
import { OrderView } from '../orders/dto/order.views';
import { OrderSource, OrderType } from '../orders/order-status';
import { OrderCreation } from '../orders/order-creation.service';
import { OrdersService } from '../orders/orders.service';
import { PublicOrderView, PublicTableView, WaiterCalledView } from './public.views';
import { TableMenus } from './table-menus';
import type { MenuView } from '../menu/dto/menu.views';
import { audienceOf } from '../event-log/event-audiences';

/** What a guest holding a table's QR code may see and do. */
@Injectable()
export class PublicService implements OnModuleInit {
  /** The QR pages' replies, by menu (a table's level has its own copy) and then table: dropped with the menu. */
  private readonly rendered = new WeakMap<MenuView, Map<string, RenderedBody>>();

  constructor(
    private readonly floor: FloorService,
    private readonly tableMenus: TableMenus,
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly orderCreation: OrderCreation,
    private readonly orders: OrdersService,
    private readonly config: AppConfig,
    private readonly replies: PrebuiltReplies,
  ) {}

  onModuleInit(): void {
    this.replies.register('public/tables/:qrToken', (qrToken) => this.tableWithMenu(qrToken));
  }

  async table(qrToken: string): Promise<DiningTable> {
    const table = await this.floor.tableByQrToken(qrToken);
    if (!table) throw DomainError.notFound('Table');
    return table;
  }

  /**
   * The QR page's data for the table behind `qrToken` as the bytes of its reply, made once per menu and table
   * name; null for a token of no table (rotated, retired or never made). The token is read each time, so a
   * rotated code stops answering at once on every instance.
   */
  async tableWithMenu(qrToken: string): Promise<RenderedBody | null> {
    const table = await this.floor.tableByQrToken(qrToken);
    if (!table) return null;
    const menu = await this.tableMenus.of(table);
    const byTable = this.rendered.get(menu) ?? new Map<string, RenderedBody>();
    this.rendered.set(menu, byTable);
    const key = `${table.id}/${table.name}`;
    let body = byTable.get(key);
    if (!body) {
      const view: PublicTableView = { table: { id: table.id, name: table.name }, menu };
      body = renderBody(view);
      byTable.set(key, body);
    }
    return body;
  }

  /** A guest's order from the QR menu: `pending` until a waiter accepts it. Off (404) unless QR_ORDERING=true. */
  async order(qrToken: string, input: QrOrderInput): Promise<OrderView> {
    if (!this.config.qrOrdering) throw DomainError.notFound('Route');
    const table = await this.table(qrToken);
    return this.orderCreation.create(
      null,
      { ...input, type: OrderType.DineIn, tableId: table.id },
      OrderSource.Qr,
    );
  }

  /**
   * A guest's view of an order of their table, for a page that lost its socket: only orders of the table's current
   * seating, as the guest's socket follows only those; another table's or an earlier party's order is not found.
   */
  async readOrder(qrToken: string, orderId: string): Promise<PublicOrderView> {
    if (!this.config.qrOrdering) throw DomainError.notFound('Route');
    const table = await this.table(qrToken);
    const order = await this.orders.get(orderId, { tableId: table.id, seating: table.seating });
    return PublicOrderView.of(order);
  }

  async callWaiter(qrToken: string): Promise<WaiterCalledView> {
    const table = await this.table(qrToken);
    await this.database.transaction((tx) => {
      this.eventLog.append(tx, {
        type: EventType.WaiterCalled,
        data: { tableId: table.id, tableName: table.name },
        audience: audienceOf(EventType.WaiterCalled),
      });
      return Promise.resolve();
    });
    return { called: true, tableName: table.name };
  }
}
