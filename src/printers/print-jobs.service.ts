import { Injectable } from '@nestjs/common';
import { FindOptionsWhere } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { Markup } from '../documents/layout/markup';
import { renderMarkup } from '../documents/render/render-markup';
import { PrintJobQuery } from './dto/print-job.inputs';
import { PrintJobView } from './dto/print-job.views';
import { withReprintMark } from './reprint-mark';
import { NewPrintJob, pendingJob, PrintJob, PrintJobKind, PrintJobStatus } from './print-job.entity';
import { PrintConsumer } from './print-consumer';
import { Printer, PrinterKind } from './printer.entity';

/** Print jobs people see and ask for: the list, reprints, documents sent to a receipt printer, test pages. */
@Injectable()
export class PrintJobsService {
  constructor(
    private readonly database: Database,
    private readonly consumer: PrintConsumer,
    private readonly clock: Clock,
  ) {}

  async list(query: PrintJobQuery): Promise<Page<PrintJobView>> {
    const where: FindOptionsWhere<PrintJob> = {};
    if (query.printerId) where.printerId = query.printerId;
    if (query.status) where.status = query.status;
    const [jobs, total] = await this.database.reader.findAndCount(PrintJob, {
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(jobs.map(PrintJobView.of), total, query);
  }

  /** The same bytes again on the same printer, marked REPRINT; only a job that printed can be printed again. */
  async reprint(id: string): Promise<PrintJobView> {
    const view = await this.database.transaction(async (tx) => {
      const source = await tx.manager.findOneBy(PrintJob, { id });
      if (!source) throw DomainError.notFound('Print job');
      if (source.bytes === '') {
        throw new DomainError(
          ErrorCode.InvalidTransition,
          'The ticket’s guest was erased before tickets kept what they print: it cannot be printed again',
        );
      }
      if (source.status !== PrintJobStatus.Printed) {
        throw new DomainError(
          ErrorCode.InvalidTransition,
          `The job never printed (it is ${source.status}): only a printed job can be reprinted`,
        );
      }
      const original = Buffer.from(source.bytes, 'base64');
      return this.enqueue(tx, {
        printerId: source.printerId,
        kind: source.kind,
        orderId: source.orderId,
        reprintOf: source.id,
        bytes: source.reprintOf ? original : withReprintMark(original),
        document: source.document,
      });
    });
    this.consumer.jobs.wake();
    return view;
  }

  /**
   * Queues a document people asked for (a bill, a receipt) on `printerId`, or on the first active receipt printer.
   * Like a reprint it stands outside the printer's order of kitchen tickets: it prints as soon as the printer can.
   * `alongside` runs first in the job's transaction (a bill marks its order): both commit, or neither.
   */
  async print(
    printerId: string | undefined,
    job: Pick<NewPrintJob, 'kind' | 'orderId'>,
    render: (printer: Printer) => Promise<Buffer>,
    alongside?: () => Promise<unknown>,
  ): Promise<PrintJobView> {
    const printer = await this.printerFor(printerId);
    const bytes = await render(printer);
    const view = await this.database.transaction(async (tx) => {
      await alongside?.();
      return this.enqueue(tx, { ...job, printerId: printer.id, reprintOf: null, bytes });
    });
    this.consumer.jobs.wake();
    return view;
  }

  /**
   * A test page on a printer of either kind: its name, width and the time, a line as wide as the paper and the
   * characters a menu needs (€, umlauts, accents), so address, paper width, cutter and code page can be checked
   * before service. A print job of kind `report`, queued like any document.
   */
  async printTestPage(printerId: string): Promise<PrintJobView> {
    const printer = await this.database.reader.findOneBy(Printer, { id: printerId });
    if (!printer) throw DomainError.notFound('Printer');
    if (!printer.active) {
      throw new DomainError(
        ErrorCode.InvalidTransition,
        'The printer is inactive: activate it to print on it',
      );
    }
    const page = new Markup(printer.widthChars)
      .text('TEST PRINT', 'center', { size: 'wide', bold: true })
      .text(printer.name, 'center')
      .rule()
      .pair('Characters per line', String(printer.widthChars))
      .pair('Printed at (UTC)', this.clock.now().toISOString().slice(0, 16).replace('T', ' '))
      .text('€ £ ¥ · Ä Ö Ü ä ö ü ß · é è à ç ñ', 'left')
      .text('0123456789'.repeat(Math.ceil(printer.widthChars / 10)).slice(0, printer.widthChars))
      .rule();
    const { body } = await renderMarkup(page.toString(), 'escpos', printer.widthChars, 'Test print');
    const view = await this.database.transaction((tx) =>
      this.enqueue(tx, {
        kind: PrintJobKind.Report,
        orderId: null,
        printerId: printer.id,
        reprintOf: null,
        bytes: body,
      }),
    );
    this.consumer.jobs.wake();
    return view;
  }

  private async printerFor(printerId: string | undefined): Promise<Printer> {
    if (printerId) {
      const printer = await this.database.reader.findOneBy(Printer, { id: printerId });
      if (!printer) throw DomainError.invalidField('printerId', 'is not a known printer');
      if (!printer.active) throw DomainError.invalidField('printerId', 'is not an active printer');
      // What the guest takes home is printed where the guest is, never in the kitchen.
      if (printer.kind !== PrinterKind.Receipt)
        throw DomainError.invalidField(
          'printerId',
          'is a kitchen printer: bills and receipts print on a receipt printer',
        );
      return printer;
    }
    const printer = await this.database.reader.findOne(Printer, {
      where: { kind: PrinterKind.Receipt, active: true },
      order: { name: 'ASC', id: 'ASC' },
    });
    if (!printer)
      throw DomainError.invalidField('printerId', 'is required: no active receipt printer is set up');
    return printer;
  }

  private async enqueue(tx: Tx, job: NewPrintJob): Promise<PrintJobView> {
    const created = pendingJob(job, this.clock.now());
    await this.database.insertRows(tx, PrintJob, created);
    await this.consumer.jobs.add(tx, [{ key: created.printerId, payload: null, id: created.id }]);
    return PrintJobView.of(created);
  }
}
