import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
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
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { OpenStockCountInput, StockCountLinesInput } from './dto/receiving.inputs';
import { StockCountView } from './dto/receiving.views';
import { InventoryReaders, InventoryWriters } from './inventory-access';
import { StockCounts } from './stock-counts.service';

const POSTED = 'CONFLICT: the count is posted already';

@ApiTags('inventory')
@Controller('stock-counts')
export class StockCountsController {
  constructor(private readonly counts: StockCounts) {}

  @Post()
  @InventoryWriters()
  @Idempotent()
  @ApiOperation({
    summary: 'Open a count sheet',
    description:
      'Lists the ingredients kept in storageArea (left out: every ingredient the inventory keeps) with what the ' +
      'system expects on hand now.',
  })
  @ApiCreatedResponse({ type: StockCountView })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'VALIDATION_ERROR' })
  open(
    @CurrentPrincipal() principal: Principal,
    @Body() input: OpenStockCountInput,
  ): Promise<StockCountView> {
    return this.counts.open(principal, input);
  }

  @Get(':id')
  @InventoryReaders()
  @ApiOperation({
    summary: 'A count sheet with expected, counted and variance per ingredient, in quantity and money',
  })
  @ApiOkResponse({ type: StockCountView })
  @ApiNotFound('stock count')
  get(@Param('id') id: string): Promise<StockCountView> {
    return this.counts.get(id);
  }

  @Put(':id/lines')
  @InventoryWriters()
  @ApiOperation({
    summary: 'Record counts',
    description:
      'Whole base units (0 or more) per ingredient of the sheet; a count recorded again replaces the last. ' +
      'Refused once the sheet is posted.',
  })
  @ApiOkResponse({ type: StockCountView })
  @ApiNotFound('stock count')
  @ApiConflictResponse({ type: ErrorBody, description: POSTED })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR: a line is not valid or names an ingredient not on the sheet',
  })
  count(@Param('id') id: string, @Body() input: StockCountLinesInput): Promise<StockCountView> {
    return this.counts.count(id, input);
  }

  @Post(':id/post')
  @InventoryWriters()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Post a count sheet',
    description:
      'Books, in one transaction, one count movement per counted ingredient whose count differs from the ' +
      'on-hand at posting (counted − on-hand now, not at opening); the menu follows the new levels. Once only.',
  })
  @ApiOkResponse({ type: StockCountView })
  @ApiNotFound('stock count')
  @ApiConflictResponse({ type: ErrorBody, description: POSTED })
  post(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<StockCountView> {
    return this.counts.post(principal, id);
  }
}
