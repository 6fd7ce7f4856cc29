import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../auth/api-keys/api-keys.module';
import { DocumentsModule } from '../documents/documents.module';
import { OrdersModule } from '../orders/orders.module';
import { ReceiptsModule } from '../receipts/receipts.module';
import { SecurityModule } from '../security/security.module';
import { ErasedTickets } from './erased-tickets';
import { KitchenTickets } from './kitchen-tickets';
import { PrintAgentGateway } from './print-agent.gateway';
import { PrintAgents } from './print-agents';
import { PrintConsumer } from './print-consumer';
import { PrintJobsController } from './print-jobs.controller';
import { PrintJobsService } from './print-jobs.service';
import { PrinterHealth } from './printer-health';
import { OrderPrintingController } from './order-printing.controller';
import { PrintersController } from './printers.controller';
import { PrintersService } from './printers.service';
import { ReceiptPrintingController } from './receipt-printing.controller';

/** Printers, the kitchen tickets derived from the event log, print jobs and their delivery (network and agents). */
@Module({
  imports: [ApiKeysModule, SecurityModule, DocumentsModule, OrdersModule, ReceiptsModule],
  controllers: [PrintersController, PrintJobsController, OrderPrintingController, ReceiptPrintingController],
  providers: [
    PrintersService,
    PrintJobsService,
    KitchenTickets,
    ErasedTickets,
    PrintConsumer,
    PrinterHealth,
    PrintAgents,
    PrintAgentGateway,
  ],
})
export class PrintersModule {}
