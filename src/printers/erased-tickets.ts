import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { Tx } from '../database/database.service';
import { DocumentRenderer } from '../documents/document-renderer';
import type { PaperWidth } from '../documents/document-types';
import { CustomerErased, CUSTOMER_ERASED } from '../event-log/customer-erased';
import { EventLog } from '../event-log/event-log.service';
import { PrintJob, PrintJobKind } from './print-job.entity';
import { Printer } from './printer.entity';
import { withReprintMark } from './reprint-mark';

/**
 * Kitchen tickets keep what they printed ("Guest: …", the guest's allergens) for a reprint. When their customer is
 * erased, each ticket of the customer's orders is rendered again from its document without the guest (no name, no
 * allergens), so a reprint prints the ticket as it would be now. A ticket made before tickets kept their document
 * cannot be rendered again: its bytes go, and it cannot be reprinted.
 */
@Injectable()
export class ErasedTickets {
  constructor(
    private readonly renderer: DocumentRenderer,
    eventLog: EventLog,
  ) {
    eventLog.on(CUSTOMER_ERASED, (tx, fact) => this.erase(tx, fact));
  }

  private async erase(tx: Tx, fact: CustomerErased): Promise<void> {
    if (fact.orderIds.length === 0) return;
    const jobs = await tx.manager.find(PrintJob, {
      where: { orderId: In(fact.orderIds), kind: PrintJobKind.KitchenTicket },
    });
    if (jobs.length === 0) return;
    const printers = await tx.manager.find(Printer, {
      where: { id: In([...new Set(jobs.map((job) => job.printerId))]) },
    });
    const widthOf = new Map(printers.map((printer) => [printer.id, printer.widthChars as PaperWidth]));
    for (const job of jobs) {
      const document = job.document ? { ...job.document, customer: null } : null;
      let bytes = '';
      if (document) {
        const { body } = await this.renderer.render(document, 'escpos', widthOf.get(job.printerId));
        bytes = (job.reprintOf ? withReprintMark(body) : body).toString('base64');
      }
      await tx.manager.update(PrintJob, { id: job.id }, { bytes, document });
    }
  }
}
