import { Module } from '@nestjs/common';
import { MenuModule } from '../menu/menu.module';
import { AreaPriceLevels } from './area-price-levels';
import { PriceBook } from './price-book';
import { PriceLevelReferences } from './price-level-references';
import { PriceLevelsController } from './price-levels.controller';
import { PriceLevelsService } from './price-levels.service';
import { PriceRulesController } from './price-rules.controller';
import { PriceRulesService } from './price-rules.service';

/**
 * Price levels and price rules, and the price book ordering prices lines from. Above the menu (whose variations
 * they price and whose menu.changed they ride), below the floor and orders.
 */
@Module({
  imports: [MenuModule],
  controllers: [PriceLevelsController, PriceRulesController],
  providers: [PriceLevelsService, PriceRulesService, PriceLevelReferences, AreaPriceLevels, PriceBook],
  exports: [PriceLevelsService, PriceLevelReferences, AreaPriceLevels, PriceBook],
})
export class PricingModule {}
