import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { BillController } from './bill.controller';
import { BillService } from './bill.service';
import { DocumentRenderer } from './document-renderer';

/** Bills, receipts, kitchen tickets and reports on paper: one layout each, rendered to ESC/POS, SVG and PDF. */
@Module({
  imports: [OrdersModule],
  controllers: [BillController],
  providers: [BillService, DocumentRenderer],
  exports: [DocumentRenderer, BillService],
})
export class DocumentsModule {}
