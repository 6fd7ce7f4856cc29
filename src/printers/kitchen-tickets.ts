import { OWN_CHANNEL } from '../common/access/channel-access';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import type { EventRecord } from '../event-log/event-record.entity';
import { DiningTable } from '../floor/table.entity';
import { DocumentRenderer } from '../documents/document-renderer';
import type { KitchenTicketDocument, PaperWidth } from '../documents/document-types';
import { Station } from '../menu/menu.entities';
import { User } from '../users/user.entity';
import { KitchenTicketedItem } from './kitchen-ledger.entities';
import {
  KITCHEN_EVENT_TYPES,
  kitchenTicketChanges,
  OrderSnapshot,
  snapshotItems,
  StationTicket,
} from './kitchen-ticket-changes';
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
    private readonly renderer: DocumentRenderer,
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
    const itemIds = [...new Set(orders.flatMap((order) => snapshotItems(order).map((item) => item.id)))];
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
        snapshotItems(order).flatMap((item) =>
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
          jobs.push(await this.job(event, printer, order, ticket, names));
        }
      }
    }
    if (ledger.size > 0) await tx.manager.upsert(KitchenTicketedItem, [...ledger.values()], ['itemId']);
    return jobs;
  }

  private async job(
    event: EventRecord,
    printer: Printer,
    order: OrderSnapshot,
    ticket: StationTicket,
    names: Names,
  ): Promise<PrintJob & { seq: number }> {
    const document: KitchenTicketDocument = {
      kind: 'kitchen_ticket',
      ticket: HEADINGS[ticket.heading],
      course: ticket.course,
      stationName: names.stations.get(ticket.stationId) ?? null,
      orderNumber: order.number,
      orderType: order.type,
      tableName: order.tableId ? (names.tables.get(order.tableId) ?? null) : null,
      waiterName: order.waiterId ? (names.waiters.get(order.waiterId) ?? null) : null,
      guests: order.guests,
      notes: order.notes,
      customer: order.customer ?? null,
      // An aggregator's orders are named on paper; the restaurant's own need no name.
      channel: order.fulfilment && order.fulfilment.channel !== OWN_CHANNEL ? order.fulfilment.channel : null,
      promisedAt: order.fulfilment?.promisedAt ?? null,
      createdAt: event.occurredAt.toISOString(),
      lines: ticket.lines.map((line) => ({
        quantity: line.quantity,
        name: line.name,
        variationName: line.variationName,
        modifiers: line.modifiers.map((name) => ({ name })),
        seat: line.seat,
        course: line.course,
        comment: line.comment,
      })),
    };
    const { body } = await this.renderer.render(document, 'escpos', printer.widthChars as PaperWidth);
    const job = pendingJob(
      {
        printerId: printer.id,
        kind: PrintJobKind.KitchenTicket,
        orderId: order.id,
        reprintOf: null,
        bytes: body,
        document,
      },
      this.clock.now(),
    );
    return Object.assign(job, { seq: event.seq });
  }

  private async namesOf(tx: Tx, orders: OrderSnapshot[]): Promise<Names> {
    const ids = (pick: (order: OrderSnapshot) => string | null) => [
      ...new Set(orders.flatMap((order) => (pick(order) ? [pick(order)!] : []))),
    ];
    const tableIds = ids((order) => order.tableId);
    const waiterIds = ids((order) => order.waiterId);
    const [tables, waiters, stations] = await Promise.all([
      tableIds.length
        ? tx.manager.find(DiningTable, { select: { id: true, name: true }, where: { id: In(tableIds) } })
        : [],
      waiterIds.length
        ? tx.manager.find(User, { select: { id: true, displayName: true }, where: { id: In(waiterIds) } })
        : [],
      tx.manager.find(Station, { select: { id: true, name: true } }),
    ]);
    return {
      tables: new Map(tables.map((table) => [table.id, table.name])),
      waiters: new Map(waiters.map((waiter) => [waiter.id, waiter.displayName])),
      stations: new Map(stations.map((station) => [station.id, station.name])),
    };
  }
}

interface Names {
  tables: Map<string, string>;
  waiters: Map<string, string>;
  stations: Map<string, string>;
}

const HEADINGS: Record<StationTicket['heading'], KitchenTicketDocument['ticket']> = {
  NEW: 'new',
  ADDED: 'added',
  FIRED: 'fired',
  VOID: 'void',
};
