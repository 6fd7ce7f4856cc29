import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { Station } from '../menu/menu.entities';
import { CreatePrinterInput, PrinterConnectionInput, UpdatePrinterInput } from './dto/printer.inputs';
import { PrinterView } from './dto/printer.views';
import { PrintConsumer } from './print-consumer';
import { ConnectionType, Printer, PrinterKind } from './printer.entity';

const ENTITY_TYPE = 'printer';

/** Printers: where bytes go, the stations they serve, their backups. Every write is checked whole first. */
@Injectable()
export class PrintersService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly consumer: PrintConsumer,
    private readonly clock: Clock,
  ) {}

  async list(query: PageQuery): Promise<Page<PrinterView>> {
    const [printers, total] = await this.database.reader.findAndCount(Printer, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(printers.map(PrinterView.of), total, query);
  }

  async get(id: string): Promise<PrinterView> {
    return PrinterView.of(await this.find(this.database.reader, id));
  }

  /**
   * A new kitchen printer prints the events after this one only: the printers consumer's cursor is held meanwhile
   * (and brought to the log's end if no kitchen printer was active), as when one is changed.
   */
  create(principal: Principal, input: CreatePrinterInput): Promise<PrinterView> {
    return this.database.transaction(async (tx) => {
      await this.consumer.jobs.holdCursor(tx);
      const now = this.clock.now();
      const printer = Object.assign(new Printer(), {
        id: randomUUID(),
        name: input.name,
        kind: input.kind,
        ...connectionOf(input.connection),
        widthChars: input.widthChars,
        stationIds: input.stationIds ?? [],
        backupPrinterId: input.backupPrinterId ?? null,
        active: input.active ?? true,
        failingSince: null,
        lastError: null,
        failureAnnouncedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      await this.check(tx.manager, printer);
      await this.database.insertRows(tx, Printer, printer);
      const view = PrinterView.of(printer);
      await this.audit.record(tx, principal, {
        action: 'printer.created',
        entityType: ENTITY_TYPE,
        entityId: printer.id,
        after: view,
      });
      return view;
    });
  }

  update(principal: Principal, id: string, input: UpdatePrinterInput): Promise<PrinterView> {
    return this.database.transaction(async (tx) => {
      await this.consumer.jobs.holdCursor(tx);
      const printer = await this.find(tx.manager, id, true);
      return auditedChange(tx, this.audit, principal, printer, {
        action: 'printer.updated',
        entityType: ENTITY_TYPE,
        view: PrinterView.of,
        skipIfUnchanged: true,
        change: async () => {
          if (input.name !== undefined) printer.name = input.name;
          if (input.kind !== undefined) printer.kind = input.kind;
          if (input.connection !== undefined) Object.assign(printer, connectionOf(input.connection));
          if (input.widthChars !== undefined) printer.widthChars = input.widthChars;
          if (input.stationIds !== undefined) printer.stationIds = input.stationIds;
          if (input.backupPrinterId !== undefined) printer.backupPrinterId = input.backupPrinterId;
          if (input.active !== undefined) printer.active = input.active;
          await this.check(tx.manager, printer);
          printer.updatedAt = this.clock.now();
        },
      });
    });
  }

  /** Its jobs and their queue go with it; a printer that is another's backup stays until that one names another. */
  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const printer = await this.find(tx.manager, id, true);
      const backedUp = await tx.manager.findOne(Printer, { where: { backupPrinterId: id } });
      if (backedUp) {
        throw new DomainError(ErrorCode.Conflict, `The printer is the backup of "${backedUp.name}"`);
      }
      await auditedChange(tx, this.audit, principal, printer, {
        action: 'printer.deleted',
        entityType: ENTITY_TYPE,
        view: PrinterView.of,
        remove: async () => {
          await this.consumer.jobs.discardKey(tx, id);
          await tx.manager.delete(Printer, { id });
        },
      });
    });
  }

  /** Every rule a printer must keep, checked against the database, each broken one named by its field. */
  private async check(manager: EntityManager, printer: Printer): Promise<void> {
    const problems: FieldProblem[] = [];
    if (printer.connectionType === ConnectionType.Tcp) {
      if (!printer.host)
        problems.push({ field: 'connection.host', message: 'is required for a tcp printer' });
      if (!printer.port)
        problems.push({ field: 'connection.port', message: 'is required for a tcp printer' });
    } else if (printer.host !== null || printer.port !== null) {
      problems.push({ field: 'connection', message: 'an agent printer has no host or port' });
    }
    if (printer.kind === PrinterKind.Receipt && printer.stationIds.length > 0) {
      problems.push({
        field: 'stationIds',
        message: 'a receipt printer serves no station: make it a kitchen printer',
      });
    }
    if (printer.stationIds.length > 0) {
      const known = new Set(
        (await manager.find(Station, { select: { id: true }, where: { id: In(printer.stationIds) } })).map(
          (station) => station.id,
        ),
      );
      printer.stationIds.forEach((stationId, i) => {
        if (!known.has(stationId))
          problems.push({ field: `stationIds[${i}]`, message: 'is not a known station' });
      });
    }
    const backupProblem = await this.backupProblem(manager, printer);
    if (backupProblem) problems.push({ field: 'backupPrinterId', message: backupProblem });
    if (problems.length > 0) throw DomainError.validation(problems);
  }

  /** The backup must exist, not be the printer itself, and not lead back to it through the backups' backups. */
  private async backupProblem(manager: EntityManager, printer: Printer): Promise<string | null> {
    if (printer.backupPrinterId === null) return null;
    if (printer.backupPrinterId === printer.id) return 'is this printer itself';
    const all = await manager.find(Printer, { select: { id: true, backupPrinterId: true, name: true } });
    const byId = new Map(all.map((one) => [one.id, one]));
    if (!byId.has(printer.backupPrinterId)) return 'is not a known printer';
    const seen = new Set([printer.id]);
    for (let next = byId.get(printer.backupPrinterId); next; next = byId.get(next.backupPrinterId ?? '')) {
      if (seen.has(next.id)) return `closes a cycle of backups (through "${next.name}")`;
      seen.add(next.id);
    }
    return null;
  }

  private async find(manager: EntityManager, id: string, forUpdate = false): Promise<Printer> {
    const printer = await manager.findOne(Printer, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!printer) throw DomainError.notFound('Printer');
    return printer;
  }
}

function connectionOf(connection: PrinterConnectionInput): Pick<Printer, 'connectionType' | 'host' | 'port'> {
  return { connectionType: connection.type, host: connection.host ?? null, port: connection.port ?? null };
}
