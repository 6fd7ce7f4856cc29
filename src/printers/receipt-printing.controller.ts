import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { DocumentRenderer } from '../documents/document-renderer';
import type { PaperWidth } from '../documents/document-types';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { ReceiptsService } from '../receipts/receipts.service';
import { PrintOnInput } from './dto/print-job.inputs';
import { PrintJobView } from './dto/print-job.views';
import { PrintJobKind } from './print-job.entity';
import { PrintJobsService } from './print-jobs.service';

/** Sending a receipt (or a refund receipt) to a printer; reading it is the receipts module's. */
@ApiTags('printers')
@Controller('receipts')
export class ReceiptPrintingController {
  constructor(
    private readonly jobs: PrintJobsService,
    private readonly receipts: ReceiptsService,
    private readonly renderer: DocumentRenderer,
  ) {}

  @Post(':id/print')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @Idempotent()
  @ApiOperation({
    summary: "Print a receipt or refund receipt, as its download renders it, at the printer's width",
    description:
      'On `printerId`, or on the first active receipt printer by name. The same receipt may be printed again: ' +
      'each call is a print job of kind `receipt`. Answers the print job.',
  })
  @ApiCreatedResponse({ type: PrintJobView })
  @ApiNotFound('receipt')
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description:
      'VALIDATION_ERROR on printerId: unknown, inactive or a kitchen printer, or absent with no active receipt ' +
      'printer',
  })
  async print(@Param('id') id: string, @Body() input: PrintOnInput): Promise<PrintJobView> {
    const receipt = await this.receipts.get(id);
    const job = { kind: PrintJobKind.Receipt, orderId: receipt.orderId };
    return this.jobs.print(input.printerId, job, async (printer) => {
      const { body } = await this.renderer.render(receipt, 'escpos', printer.widthChars as PaperWidth);
      return body;
    });
  }
}
