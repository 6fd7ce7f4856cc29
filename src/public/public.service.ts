import { Injectable } from '@nestjs/common';
import { Role } from '../common/access/role';
import { DomainError } from '../common/errors/domain-error';
import { Database } from '../database/database.service';
import { EventLog } from '../events/event-log.service';
import { EventType } from '../events/event-type';
import { FloorService } from '../floor/floor.service';
import type { DiningTable } from '../floor/table.entity';
import { MenuService } from '../menu/menu.service';
import { PublicTableView, WaiterCalledView } from './public.views';

/** What a guest holding a table's QR code may see and do. */
@Injectable()
export class PublicService {
  constructor(
    private readonly floor: FloorService,
    private readonly menus: MenuService,
    private readonly database: Database,
    private readonly eventLog: EventLog,
  ) {}

  async table(qrToken: string): Promise<DiningTable> {
    const table = await this.floor.tableByQrToken(qrToken);
    if (!table) throw DomainError.notFound('Table');
    return table;
  }

  async tableWithMenu(qrToken: string): Promise<PublicTableView> {
    const table = await this.table(qrToken);
    return { table: { id: table.id, name: table.name }, menu: await this.menus.menu() };
  }

  async callWaiter(qrToken: string): Promise<WaiterCalledView> {
    const table = await this.table(qrToken);
    await this.database.transaction((tx) =>
      this.eventLog.append(tx, {
        type: EventType.WaiterCalled,
        data: { tableId: table.id, tableName: table.name },
        audience: { roles: [Role.Waiter, Role.Manager] },
      }),
    );
    return { called: true, tableName: table.name };
  }
}
