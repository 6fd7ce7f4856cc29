import { Module } from '@nestjs/common';
import { MenuModule } from '../menu/menu.module';
import { IngredientsController } from './ingredients.controller';
import { InventoryDepletion } from './inventory-depletion';
import { RecipesController } from './recipes.controller';
import { Recipes } from './recipes.service';
import { StockLedger } from './stock-ledger';
import { StockMovementsController } from './stock-movements.controller';
import { StockMovements } from './stock-movements.service';
import { StockedIngredients } from './stocked-ingredients.service';

/**
 * Inventory by recipe (docs/inventory.md): ingredients' stock, recipes, the ledger of stock movements, and the
 * depletion the order path calls in its own transaction (InventoryDepletion).
 */
@Module({
  imports: [MenuModule],
  controllers: [IngredientsController, RecipesController, StockMovementsController],
  providers: [StockedIngredients, Recipes, StockLedger, StockMovements, InventoryDepletion],
  exports: [InventoryDepletion],
})
export class InventoryModule {}
