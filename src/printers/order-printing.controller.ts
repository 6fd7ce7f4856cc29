import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { BillService } from '../documents/bill.service';
import { DocumentRenderer } from '../documents/document-renderer';
import type { PaperWidth } from '../documents/document-types';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { OrdersService } from '../orders/orders.service';
import { PrintOnInput } from './dto/print-job.inputs';
import { PrintJobView } from './dto/print-job.views';
import { PrintJobKind } from './print-job.entity';
import { PrintJobsService } from './print-jobs.service';

/** Sending an order's documents to a printer (the guest check); reading them is the documents module's. */
@ApiTags('printers')
@Controller('orders')
export class OrderPrintingController {
  constructor(
    private readonly jobs: PrintJobsService,
    private readonly bills: BillService,
    private readonly renderer: DocumentRenderer,
    private readonly orders: OrdersService,
  ) {}

  @Post(':id/print-bill')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @Idempotent()
  @ApiOperation({
    summary: "Print the order's guest check (pre-bill) as it stands, at the printer's width",
    description:
      'On `printerId`, or on the first active receipt printer by name. Answers the print job. The order gets ' +
      '`billPrintedAt` (now, each time) in the same transaction: order.updated tells the floor the bill was asked for.',
  })
  @ApiCreatedResponse({ type: PrintJobView })
  @ApiNotFound('order')
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description:
      'VALIDATION_ERROR on printerId: unknown, inactive or a kitchen printer, or absent with no active receipt printer',
  })
  async printBill(@Param('id') id: string, @Body() input: PrintOnInput): Promise<PrintJobView> {
    const bill = await this.bills.guestCheck(id);
    return this.jobs.print(
      input.printerId,
      { kind: PrintJobKind.Bill, orderId: id },
      async (printer) => {
        const { body } = await this.renderer.render(bill, 'escpos', printer.widthChars as PaperWidth);
        return body;
      },
      // The orders module owns the row: it marks the order, with its version and event.
      () => this.orders.markBillPrinted(id),
    );
  }
}
