import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { ApiNotFound } from '../common/errors/api-not-found';
import { resourceRoutes } from '../common/http/resource-routes';
import { Page, PageQuery } from '../common/pagination/page';
import { CreateSupplierInput, UpdateSupplierInput } from './dto/receiving.inputs';
import { SupplierView } from './dto/receiving.views';
import { InventoryReaders, InventoryWriters } from './inventory-access';
import { Suppliers } from './suppliers.service';

const SupplierRoute = resourceRoutes('supplier', SupplierView);
const PRICES =
  'prices: one pack per ingredient, {ingredientId, packName, baseQuantity, packPrice in minor units}.';

@ApiTags('inventory')
@Controller('suppliers')
export class SuppliersController {
  constructor(private readonly suppliers: Suppliers) {}

  @SupplierRoute.list('List suppliers, by name', InventoryReaders())
  list(@Query() query: PageQuery): Promise<Page<SupplierView>> {
    return this.suppliers.list(query);
  }

  @SupplierRoute.create(
    { summary: 'Add a supplier with its pack prices', description: PRICES, invalid: 'VALIDATION_ERROR' },
    InventoryWriters(),
    ApiNotFound('ingredient a price names'),
  )
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateSupplierInput,
  ): Promise<SupplierView> {
    return this.suppliers.create(principal, input);
  }

  @SupplierRoute.read('A supplier with its pack prices', InventoryReaders())
  get(@Param('id') id: string): Promise<SupplierView> {
    return this.suppliers.get(id);
  }

  @SupplierRoute.update(
    {
      summary: "Change a supplier's name, contact or pack prices",
      description: `${PRICES} Replaces every price; orders already made keep theirs.`,
      invalid: 'VALIDATION_ERROR',
    },
    InventoryWriters(),
  )
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateSupplierInput,
  ): Promise<SupplierView> {
    return this.suppliers.update(principal, id, input);
  }

  @SupplierRoute.remove(
    { summary: 'Delete a supplier without purchase orders', conflict: 'the supplier has purchase orders' },
    InventoryWriters(),
  )
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.suppliers.remove(principal, id);
  }
}
