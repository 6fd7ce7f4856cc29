import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { CreatePurchaseOrderInput, PurchaseOrderQuery, ReceiptInput } from './dto/receiving.inputs';
import { PurchaseOrderView } from './dto/receiving.views';
import { InventoryReaders, InventoryWriters } from './inventory-access';
import { PurchaseOrders } from './purchase-orders.service';

const DONE = 'CONFLICT: the order is received or cancelled already';

@ApiTags('inventory')
@Controller('purchase-orders')
export class PurchaseOrdersController {
  constructor(private readonly orders: PurchaseOrders) {}

  @Get()
  @InventoryReaders()
  @ApiOperation({ summary: 'List purchase orders, newest first' })
  @ApiPageResponse(PurchaseOrderView)
  list(@Query() query: PurchaseOrderQuery): Promise<Page<PurchaseOrderView>> {
    return this.orders.list(query);
  }

  @Post()
  @InventoryWriters()
  @Idempotent()
  @ApiOperation({
    summary: 'Order packs from a supplier',
    description:
      "Each line an ingredient the supplier has a pack price for, once; packPrice defaults to the supplier's. " +
      'The order starts open.',
  })
  @ApiCreatedResponse({ type: PurchaseOrderView })
  @ApiNotFound('supplier')
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'VALIDATION_ERROR' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreatePurchaseOrderInput,
  ): Promise<PurchaseOrderView> {
    return this.orders.create(principal, input);
  }

  @Get(':id')
  @InventoryReaders()
  @ApiOperation({ summary: 'A purchase order with what has been received of each line' })
  @ApiOkResponse({ type: PurchaseOrderView })
  @ApiNotFound('purchase order')
  get(@Param('id') id: string): Promise<PurchaseOrderView> {
    return this.orders.get(id);
  }

  @Post(':id/receipts')
  @InventoryWriters()
  @Idempotent()
  @ApiOperation({
    summary: 'Receive goods of a purchase order',
    description:
      "Books each line as a receipt movement of packs × the pack's base units, and sets the ingredient's cost per " +
      '1,000 base units from packPrice (the last receipt sets it), in one transaction; dishes sold out for want ' +
      'of it come back. The order becomes partly_received, or received once every line has come.',
  })
  @ApiCreatedResponse({ type: PurchaseOrderView })
  @ApiNotFound('purchase order')
  @ApiConflictResponse({ type: ErrorBody, description: DONE })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR: a line is not valid or names an ingredient not on the order',
  })
  receive(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: ReceiptInput,
  ): Promise<PurchaseOrderView> {
    return this.orders.receive(principal, id, input);
  }

  @Post(':id/cancel')
  @InventoryWriters()
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a purchase order not yet all received; what came stays booked' })
  @ApiOkResponse({ type: PurchaseOrderView })
  @ApiNotFound('purchase order')
  @ApiConflictResponse({ type: ErrorBody, description: DONE })
  cancel(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<PurchaseOrderView> {
    return this.orders.cancel(principal, id);
  }
}
