import { Module } from '@nestjs/common';
import { MenuModule } from '../menu/menu.module';
import { PriceBook } from './price-book';
import { PriceLevelReferences } from './price-level-references';
import { PriceLevelsController } from './price-levels.controller';
import { PriceLevelsService } from './price-levels.service';

/**
 * Price levels and price rules, and the price book ordering prices lines from. Above the menu (whose variations
 * they price and whose menu.changed they ride), below the floor and orders.
 */
@Module({
  imports: [MenuModule],
  controllers: [PriceLevelsController],
  providers: [PriceLevelsService, PriceLevelReferences, PriceBook],
  exports: [PriceLevelsService, PriceLevelReferences, PriceBook],
})
export class PricingModule {}
