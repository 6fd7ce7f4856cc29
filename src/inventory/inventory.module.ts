import { Module } from '@nestjs/common';
import { MenuModule } from '../menu/menu.module';
import { IngredientsController } from './ingredients.controller';
import { InventoryDepletion } from './inventory-depletion';
import { InventoryFigures } from './inventory-figures';
import { PurchaseOrdersController } from './purchase-orders.controller';
import { PurchaseOrders } from './purchase-orders.service';
import { RecipesController } from './recipes.controller';
import { Recipes } from './recipes.service';
import { StockCountsController } from './stock-counts.controller';
import { StockCounts } from './stock-counts.service';
import { StockLedger } from './stock-ledger';
import { StockMovementsController } from './stock-movements.controller';
import { StockMovements } from './stock-movements.service';
import { StockedIngredients } from './stocked-ingredients.service';
import { SuppliersController } from './suppliers.controller';
import { Suppliers } from './suppliers.service';

/**
 * Inventory by recipe (docs/inventory.md): ingredients' stock, recipes, the ledger of stock movements, counts,
 * suppliers and purchase orders with their receipts, and the depletion the order path calls in its own
 * transaction (InventoryDepletion), and the figures the reports read (InventoryFigures).
 */
@Module({
  imports: [MenuModule],
  controllers: [
    IngredientsController,
    RecipesController,
    StockMovementsController,
    StockCountsController,
    SuppliersController,
    PurchaseOrdersController,
  ],
  providers: [
    StockedIngredients,
    Recipes,
    StockLedger,
    StockMovements,
    InventoryDepletion,
    StockCounts,
    Suppliers,
    PurchaseOrders,
    InventoryFigures,
  ],
  exports: [InventoryDepletion, InventoryFigures],
})
export class InventoryModule {}
