import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../common/access/access.decorators';
import { readableOrders } from '../common/access/channel-access';
import type { Principal } from '../common/access/principal';
import { ALL_ROLES } from '../common/access/role';
import { Scope } from '../common/access/scope';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { DocumentRenderer } from '../documents/document-renderer';
import { PrintableQuery } from '../documents/dto/bill.inputs';
import { ReceiptListQuery } from './dto/receipt.inputs';
import { ReceiptView } from './dto/receipt.views';
import { ReceiptsService } from './receipts.service';

/** Receipts as staff read them. None is ever changed or deleted: there is no route for it. */
@ApiTags('receipts')
@Controller('receipts')
export class ReceiptsController {
  constructor(
    private readonly receipts: ReceiptsService,
    private readonly renderer: DocumentRenderer,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  @Scopes(Scope.OrdersRead)
  @ApiOperation({
    summary: 'Receipts and refund receipts, newest first',
    description: 'A key bound to a channel lists the receipts of that channel’s orders only.',
  })
  @ApiPageResponse(ReceiptView)
  list(@CurrentPrincipal() actor: Principal, @Query() query: ReceiptListQuery): Promise<Page<ReceiptView>> {
    return this.receipts.list(query, readableOrders(actor));
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @Scopes(Scope.OrdersRead)
  @ApiOperation({
    summary: 'One receipt or refund receipt',
    description:
      'JSON by default; `format=escpos` answers application/octet-stream for a thermal printer, `svg` and `pdf` ' +
      'the same layout for screens and mail, with a QR code of the digital copy; `width` is the paper in ' +
      'characters per line.',
  })
  @ApiProduces('application/json', 'application/octet-stream', 'image/svg+xml', 'application/pdf')
  @ApiOkResponse({ type: ReceiptView })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'NOT_FOUND: no such receipt' })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description:
      'VALIDATION_ERROR: a format other than json, svg, escpos, pdf or a width other than 32, 42, 48',
  })
  async get(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Query() query: PrintableQuery,
  ): Promise<ReceiptView | StreamableFile> {
    const receipt = await this.receipts.get(id, readableOrders(actor));
    const format = query.format ?? 'json';
    if (format === 'json') return receipt;
    const rendered = await this.renderer.render(receipt, format, query.width ?? 48);
    return new StreamableFile(rendered.body, {
      type: rendered.contentType,
      disposition: format === 'pdf' ? `inline; filename="receipt-${receipt.number}.pdf"` : undefined,
    });
  }
}
