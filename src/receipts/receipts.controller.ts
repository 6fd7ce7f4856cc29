import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../common/access/access.decorators';
import { qrPng, qrSvg } from '../common/qr-code';
import { readableOrders } from '../common/access/channel-access';
import type { Principal } from '../common/access/principal';
import { ALL_ROLES, Role } from '../common/access/role';
import { Scope } from '../common/access/scope';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { DocumentRenderer } from '../documents/document-renderer';
import { PrintableQuery } from '../documents/dto/bill.inputs';
import { ReceiptListQuery, ReceiptQrQuery } from './dto/receipt.inputs';
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

  @Get(':id/qr')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @ApiOperation({
    summary:
      'The QR code of a receipt’s digital copy (its `url`), for the guest’s phone to scan at the table',
    description: 'SVG by default (a tablet shows it); `format=png` for 512 px PNG.',
  })
  @ApiProduces('image/svg+xml', 'image/png')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'NOT_FOUND: no such receipt' })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR: a format other than svg or png',
  })
  async qr(
    @Param('id') id: string,
    @Query() query: ReceiptQrQuery,
    @Res() response: Response,
  ): Promise<void> {
    const receipt = await this.receipts.get(id);
    // The code opens the copy without a login: it is for the guest in front of the tablet, not for a cache.
    response.setHeader('Cache-Control', 'no-store');
    if (query.format === 'png') response.type('image/png').send(await qrPng(receipt.url));
    else response.type('image/svg+xml').send(await qrSvg(receipt.url));
  }
}
