import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Scopes } from '../common/access/access.decorators';
import { readableOrders } from '../common/access/channel-access';
import type { Principal } from '../common/access/principal';
import { Scope } from '../common/access/scope';
import { ErrorBody } from '../common/errors/error-body';
import { BillService } from './bill.service';
import { DocumentRenderer } from './document-renderer';
import type { GuestCheckDocument } from './document-types';
import { PrintableQuery } from './dto/bill.inputs';
import { GuestCheckView } from './dto/guest-check.view';

/** The guest check of an order, to show, print or mail (API.md "Bills, receipts and printers"). */
@ApiTags('orders')
@Controller('orders')
export class BillController {
  constructor(
    private readonly bills: BillService,
    private readonly renderer: DocumentRenderer,
  ) {}

  @Get(':id/bill')
  @Scopes(Scope.OrdersRead)
  @ApiOperation({
    summary: 'The guest check (pre-bill) as it stands, marked "not a receipt"',
    description:
      'JSON by default; `format=escpos` answers application/octet-stream for a thermal printer, `svg` and `pdf` ' +
      'the same layout for screens and mail; `width` is the paper in characters per line.',
  })
  @ApiProduces('application/json', 'application/octet-stream', 'image/svg+xml', 'application/pdf')
  @ApiOkResponse({ type: GuestCheckView })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description:
      'VALIDATION_ERROR: a format other than json, svg, escpos, pdf or a width other than 32, 42, 48',
  })
  async bill(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Query() query: PrintableQuery,
  ): Promise<GuestCheckDocument | StreamableFile> {
    const check = await this.bills.guestCheck(id, readableOrders(actor));
    const format = query.format ?? 'json';
    if (format === 'json') return check;
    const rendered = await this.renderer.render(check, format, query.width ?? 48);
    return new StreamableFile(rendered.body, {
      type: rendered.contentType,
      disposition: format === 'pdf' ? `inline; filename="bill-${check.orderNumber}.pdf"` : undefined,
    });
  }
}
