import { KitchenTicketedItem } from './kitchen-ledger.entities';
import { PrintJob } from './print-job.entity';
import { Printer } from './printer.entity';

export const PRINTER_ENTITIES = [Printer, PrintJob, KitchenTicketedItem];
