import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, Scopes } from '../common/access/access.decorators';
import { ALL_ROLES } from '../common/access/role';
import { Scope } from '../common/access/scope';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { ReceiptListQuery } from './dto/receipt.inputs';
import { ReceiptView } from './dto/receipt.views';
import { ReceiptsService } from './receipts.service';

/** Receipts as staff read them. None is ever changed or deleted: there is no route for it. */
@ApiTags('receipts')
@Controller('receipts')
export class ReceiptsController {
  constructor(private readonly receipts: ReceiptsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @Scopes(Scope.OrdersRead)
  @ApiOperation({ summary: 'Receipts and refund receipts, newest first' })
  @ApiPageResponse(ReceiptView)
  list(@Query() query: ReceiptListQuery): Promise<Page<ReceiptView>> {
    return this.receipts.list(query);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @Scopes(Scope.OrdersRead)
  @ApiOperation({ summary: 'One receipt' })
  @ApiOkResponse({ type: ReceiptView })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'NOT_FOUND: no such receipt' })
  get(@Param('id') id: string): Promise<ReceiptView> {
    return this.receipts.get(id);
  }
}
