import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { In } from 'typeorm';
import { CoalescingRunner } from '../common/loops/coalescing-runner';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { Database, Tx } from '../database/database.service';
import { EventFeed } from '../event-log/event-feed';
import { EventLog } from '../event-log/event-log.service';
import type { EventRecord } from '../event-log/event-record.entity';
import { DiningTable } from '../floor/table.entity';
import { Station } from '../menu/menu.entities';
import { KitchenTicketedItem, PrintTicketCursor } from './kitchen-ledger.entities';
import {
  KITCHEN_EVENT_TYPES,
  kitchenTicketChanges,
  OrderSnapshot,
  StationTicket,
} from './kitchen-ticket-changes';
import { kitchenTicketBytes } from './kitchen-ticket-layout';
import { pendingJob, PrintJob, PrintJobKind } from './print-job.entity';
import { PrintDispatcher } from './print-dispatcher';
import { Printer, PrinterKind } from './printer.entity';

const BATCH = 200;
/** Events committed by another instance may reach this one's feed late: look at the log this often. */
const POLL_EVERY_MS = 2000;
/** Jobs of one event take positions seq × this + their index, so a printer's queue follows the log. */
export const POSITIONS_PER_EVENT = 1000;

/**
 * Derives kitchen tickets from the event log, durably: one transaction reads the cursor (locked), makes the jobs of
 * the events after it, records in the kitchen ledger what they told the kitchen, and moves the cursor. An event is
 * thus turned into tickets exactly once, whichever instance runs it and whatever crashed meanwhile.
 */
@Injectable()
export class KitchenTicketDeriver implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(KitchenTicketDeriver.name);
  private readonly runs = new CoalescingRunner(() => this.deriveAll(), {
    name: 'Deriving kitchen tickets',
    logger: this.logger,
    everyMs: POLL_EVERY_MS,
  });
  private stopped = false;
  private unsubscribe?: () => void;

  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly feed: EventFeed,
    private readonly dispatcher: PrintDispatcher,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.feed.subscribe((event) => {
      if (KITCHEN_EVENT_TYPES.has(event.type)) void this.runs.run();
    });
    void this.runs.run();
    this.runs.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    await this.runs.stop();
  }

  /** Resolves once every event committed before the call has been derived (tests and the print routes use it). */
  settle(): Promise<void> {
    return this.runs.run();
  }

  private async deriveAll(): Promise<void> {
    let made = 0;
    for (let more = true; more && !this.stopped;) {
      const batch = await this.deriveBatch();
      made += batch.made;
      more = batch.more;
    }
    if (made > 0) this.dispatcher.wake();
  }

  private async deriveBatch(): Promise<{ made: number; more: boolean }> {
    const cursor = await this.database.reader.findOneByOrFail(PrintTicketCursor, { id: 1 });
    const events = await this.eventLog.after(cursor.lastSeq, BATCH);
    if (events.length === 0) return { made: 0, more: false };
    const made = await this.database.transaction(async (tx) => {
      const locked = await tx.manager.findOneOrFail(PrintTicketCursor, {
        where: { id: 1 },
        ...this.database.forUpdate,
      });
      const fresh = events.filter((event) => event.seq > locked.lastSeq);
      if (fresh.length === 0) return 0;
      const jobs = await this.jobsOf(
        tx,
        fresh.filter((event) => KITCHEN_EVENT_TYPES.has(event.type)),
      );
      await this.database.insertRows(tx, PrintJob, jobs);
      await tx.manager.update(PrintTicketCursor, { id: 1 }, { lastSeq: fresh[fresh.length - 1].seq });
      return jobs.length;
    });
    return { made, more: events.length === BATCH };
  }

  private async jobsOf(tx: Tx, events: EventRecord[]): Promise<PrintJob[]> {
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
    const jobs: PrintJob[] = [];
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
      let index = 0;
      for (const ticket of changes.tickets) {
        for (const printer of printers.filter((one) => one.stationIds.includes(ticket.stationId))) {
          jobs.push(this.job(event, printer, order, ticket, names, index++));
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
    index: number,
  ): PrintJob {
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
    return pendingJob(
      {
        printerId: printer.id,
        kind: PrintJobKind.KitchenTicket,
        orderId: order.id,
        reprintOf: null,
        seq: event.seq,
        position: event.seq * POSITIONS_PER_EVENT + index,
        bytes,
      },
      this.clock.now(),
    );
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
