import { Global, Module } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { ReceiptStamps } from '../receipts/receipt-stamps';
import { FiscalConsumer } from './fiscal-consumer';
import { FiscalRecorder } from './fiscal-recorder';
import { FiscalSigning } from './fiscal-signing';
import { FiscalTills } from './fiscal-tills';
import { ConfiguredUnit, configuredUnitFor } from './fiscal-units';
import { FiscalController } from './fiscal.controller';
import { FiscalService } from './fiscal.service';
import { RksvController } from './rksv.controller';
import { RksvRegisters } from './rksv-registers';
import { RksvService } from './rksv.service';

/**
 * Fiscal signing by a signing unit (docs/fiscal.md): records each till's transactions from the event log and signs
 * them on the durable consumer. Global only to give the receipts module its ReceiptStamps port without importing
 * this module (which reads receipts' events).
 */
@Global()
@Module({
  controllers: [FiscalController, RksvController],
  providers: [
    {
      provide: ConfiguredUnit,
      useFactory: (config: AppConfig, clock: Clock) => configuredUnitFor(config.fiscalSigner, clock),
      inject: [AppConfig, Clock],
    },
    FiscalRecorder,
    FiscalTills,
    FiscalSigning,
    FiscalConsumer,
    FiscalService,
    RksvRegisters,
    RksvService,
    { provide: ReceiptStamps, useExisting: FiscalService },
  ],
  exports: [ReceiptStamps],
})
export class FiscalModule {}
