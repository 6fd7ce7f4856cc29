import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../auth/api-keys/api-keys.module';
import { SecurityModule } from '../security/security.module';
import { KitchenTicketDeriver } from './kitchen-ticket-deriver';
import { PrintAgentGateway } from './print-agent.gateway';
import { PrintAgents } from './print-agents';
import { PrintDispatcher } from './print-dispatcher';
import { PrintJobsController } from './print-jobs.controller';
import { PrintJobsService } from './print-jobs.service';
import { PrintQueue } from './print-queue';
import { PrintersController } from './printers.controller';
import { PrintersService } from './printers.service';

/** Printers, the kitchen tickets derived from the event log, print jobs and their delivery (network and agents). */
@Module({
  imports: [ApiKeysModule, SecurityModule],
  controllers: [PrintersController, PrintJobsController],
  providers: [
    PrintersService,
    PrintJobsService,
    KitchenTicketDeriver,
    PrintQueue,
    PrintDispatcher,
    PrintAgents,
    PrintAgentGateway,
  ],
  exports: [PrintJobsService],
})
export class PrintersModule {}
