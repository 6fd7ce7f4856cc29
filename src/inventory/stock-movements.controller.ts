import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { StockMovementInput, StockMovementQuery } from './dto/inventory.inputs';
import { StockMovementView } from './dto/inventory.views';
import { InventoryReaders, InventoryWriters } from './inventory-access';
import { StockMovements } from './stock-movements.service';

@ApiTags('inventory')
@Controller('stock-movements')
export class StockMovementsController {
  constructor(private readonly movements: StockMovements) {}

  @Get()
  @InventoryReaders()
  @ApiOperation({
    summary: 'The ledger of stock movements, oldest first',
    description:
      'Append-only: every change of an on-hand, with who, when, why and its value at the cost of the moment.',
  })
  @ApiPageResponse(StockMovementView)
  list(@Query() query: StockMovementQuery): Promise<Page<StockMovementView>> {
    return this.movements.list(query);
  }

  @Post()
  @InventoryWriters()
  @Idempotent()
  @ApiOperation({
    summary: 'Book waste or a transfer',
    description:
      'waste and transfer_out take `quantity` base units (422 OUT_OF_STOCK beyond what is on hand); transfer_in ' +
      'adds them. Variations and options the new on-hand cannot cover go off the menu (or come back) in the same commit.',
  })
  @ApiCreatedResponse({ type: StockMovementView })
  @ApiNotFound('ingredient')
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'VALIDATION_ERROR or OUT_OF_STOCK' })
  book(
    @CurrentPrincipal() principal: Principal,
    @Body() input: StockMovementInput,
  ): Promise<StockMovementView> {
    return this.movements.book(principal, input);
  }
}
