import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { Database, Tx } from '../database/database.service';
import type { EventRecord } from '../event-log/event-record.entity';
import { DiningTable } from '../floor/table.entity';
import { Station } from '../menu/menu.entities';
import { KitchenTicketedItem } from './kitchen-ledger.entities';
import {
  KITCHEN_EVENT_TYPES,
  kitchenTicketChanges,
  OrderSnapshot,
  StationTicket,
} from './kitchen-ticket-changes';
import { kitchenTicketBytes } from './kitchen-ticket-layout';
import { pendingJob, PrintJob, PrintJobKind } from './print-job.entity';
import { Printer, PrinterKind } from './printer.entity';

/**
 * Turns order events into kitchen tickets, inside the `printers` consumer's derive transaction: for each station's
 * active kitchen printers, a job with only what is new for that station, recorded in the kitchen ledger in the same
 * transaction (so an event is ticketed exactly once, whichever instance derives it and whatever crashed meanwhile).
 */
@Injectable()
export class KitchenTickets {
  constructor(
    private readonly database: Database,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The jobs of these events, in seq order (a printer's queue follows it); their print_jobs rows are inserted. */
  async derive(tx: Tx, events: readonly EventRecord[]): Promise<Array<PrintJob & { seq: number }>> {
    const jobs = await this.jobsOf(
      tx,
      events.filter((event) => KITCHEN_EVENT_TYPES.has(event.type)),
    );
    // The rows are inserted bare: `seq` belongs to the consumer's job.
    await this.database.insertRows(
      tx,
      PrintJob,
      jobs.map(({ seq: _seq, ...row }) => Object.assign(new PrintJob(), row)),
    );
    return jobs;
  }

  private async jobsOf(tx: Tx, events: readonly EventRecord[]): Promise<Array<PrintJob & { seq: number }>> {
    if (events.length === 0) return [];
    const printers = await tx.manager.find(Printer, { where: { kind: PrinterKind.Kitchen, active: true } });
    if (printers.length === 0) return [];
    const orders = events.map((event) => event.data as unknown as OrderSnapshot);
    const itemIds = [...new Set(orders.flatMap((order) => (order.items ?? []).map((item) => item.id)))];
    const ticketed = new Map(
      (itemIds.length
        ? await tx.manager.find(KitchenTicketedItem, { where: { itemId: In(itemIds) } })
        : []
      ).map((row) => [row.itemId, row.quantity]),
    );
    const names = await this.namesOf(tx, orders);
    const jobs: Array<PrintJob & { seq: number }> = [];
    const ledger = new Map<string, KitchenTicketedItem>();
    for (const event of events) {
      const order = event.data as unknown as OrderSnapshot;
      const ofOrder = new Map(
        (order.items ?? []).flatMap((item) =>
          ticketed.has(item.id) ? [[item.id, ticketed.get(item.id)!] as const] : [],
        ),
      );
      const changes = kitchenTicketChanges(event.type, event.data, ofOrder);
      for (const [itemId, quantity] of changes.ledger) {
        ticketed.set(itemId, quantity);
        ledger.set(itemId, Object.assign(new KitchenTicketedItem(), { itemId, orderId: order.id, quantity }));
      }
      for (const ticket of changes.tickets) {
        for (const printer of printers.filter((one) => one.stationIds.includes(ticket.stationId))) {
          jobs.push(this.job(event, printer, order, ticket, names));
        }
      }
    }
    if (ledger.size > 0) await tx.manager.upsert(KitchenTicketedItem, [...ledger.values()], ['itemId']);
    return jobs;
  }

  private job(
    event: EventRecord,
    printer: Printer,
    order: OrderSnapshot,
    ticket: StationTicket,
    names: { tables: Map<string, string>; stations: Map<string, string> },
  ): PrintJob & { seq: number } {
    const bytes = kitchenTicketBytes(
      {
        ...ticket,
        orderNumber: order.number,
        orderType: order.type,
        tableName: order.tableId ? (names.tables.get(order.tableId) ?? null) : null,
        stationName: names.stations.get(ticket.stationId) ?? '',
        at: event.occurredAt,
        timeZone: this.config.restaurantTimezone,
      },
      printer.widthChars,
    );
    const job = pendingJob(
      { printerId: printer.id, kind: PrintJobKind.KitchenTicket, orderId: order.id, reprintOf: null, bytes },
      this.clock.now(),
    );
    return Object.assign(job, { seq: event.seq });
  }

  private async namesOf(tx: Tx, orders: OrderSnapshot[]) {
    const tableIds = [...new Set(orders.flatMap((order) => (order.tableId ? [order.tableId] : [])))];
    const tables = tableIds.length
      ? await tx.manager.find(DiningTable, { select: { id: true, name: true }, where: { id: In(tableIds) } })
      : [];
    const stations = await tx.manager.find(Station, { select: { id: true, name: true } });
    return {
      tables: new Map(tables.map((table) => [table.id, table.name])),
      stations: new Map(stations.map((station) => [station.id, station.name])),
    };
  }
}
