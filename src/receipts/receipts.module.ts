import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DocumentsModule } from '../documents/documents.module';
import { FiscalJournalController } from './fiscal-journal.controller';
import { FiscalJournal } from './fiscal-journal.service';
import { FiscalSigner, fiscalSignerFor } from './fiscal-signer';
import { ReceiptIssuer } from './receipt-issuer';
import { ReceiptPageController } from './receipt-page.controller';
import { ReceiptsController } from './receipts.controller';
import { ReceiptsService } from './receipts.service';

/**
 * Receipts and the fiscal journal: issued as orders close and payments are refunded (listening to the event log
 * in the writer's transaction, so neither orders nor payments know this module), read by staff, exported and
 * verified by managers, and shown to guests at /r/<token>.
 */
@Module({
  imports: [DocumentsModule],
  controllers: [ReceiptsController, FiscalJournalController, ReceiptPageController],
  providers: [
    {
      provide: FiscalSigner,
      useFactory: (config: AppConfig) => fiscalSignerFor(config.fiscalSigner),
      inject: [AppConfig],
    },
    ReceiptIssuer,
    ReceiptsService,
    FiscalJournal,
  ],
  exports: [ReceiptsService],
})
export class ReceiptsModule {}
