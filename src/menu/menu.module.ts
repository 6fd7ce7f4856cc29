import { Module } from '@nestjs/common';
import { TaxesModule } from '../taxes/taxes.module';
import { AllergensController } from './allergens.controller';
import { CategoriesController } from './categories.controller';
import { CategoriesService } from './categories.service';
import { DishAvailabilityService } from './dish-availability.service';
import { DishVariationsService } from './dish-variations.service';
import { DishesController } from './dishes.controller';
import { DishesService } from './dishes.service';
import { HqCatalogApplier } from './hq-catalog/hq-catalog-applier';
import { IngredientsService } from './ingredients.service';
import { MenuChangeLog } from './menu-change-log';
import { MenuController } from './menu.controller';
import { MenuTransferController } from './menu-csv/menu-transfer.controller';
import { MenuTransferService } from './menu-csv/menu-transfer.service';
import { MenuService } from './menu.service';
import { MenuPricing } from './menu-pricing';
import { MenuTaxReferences } from './menu-tax-references';
import { ModifierGroupsController } from './modifier-groups.controller';
import { ModifierGroupsService } from './modifier-groups.service';
import { StationsController } from './stations.controller';
import { StationsService } from './stations.service';
import { MenuSchedulesController } from './schedules/menu-schedules.controller';
import { MenuSchedulesService } from './schedules/menu-schedules.service';
import { ScheduleEdges } from './schedules/schedule-edges';
import { ScheduleReferences } from './schedules/schedule-references';
import { VariationStock } from './variation-stock.service';
import { MenuShortages } from './menu-shortages';

/**
 * The menu: categories, stations, ingredients and allergens, dishes and variations, modifier groups, availability,
 * schedules (dayparts), GET /menu; on a site of a chain, headquarters' catalog applied (HqCatalogApplier).
 */
@Module({
  imports: [TaxesModule],
  controllers: [
    CategoriesController,
    StationsController,
    AllergensController,
    DishesController,
    ModifierGroupsController,
    MenuController,
    MenuSchedulesController,
    MenuTransferController,
  ],
  providers: [
    CategoriesService,
    StationsService,
    IngredientsService,
    DishesService,
    DishVariationsService,
    DishAvailabilityService,
    ModifierGroupsService,
    MenuService,
    MenuPricing,
    MenuChangeLog,
    VariationStock,
    MenuShortages,
    MenuTaxReferences,
    MenuSchedulesService,
    ScheduleReferences,
    ScheduleEdges,
    MenuTransferService,
    HqCatalogApplier,
  ],
  exports: [
    MenuService,
    MenuShortages,
    IngredientsService,
    DishesService,
    VariationStock,
    MenuChangeLog,
    MenuPricing,
    ScheduleReferences,
    MenuSchedulesService,
    StationsService,
    HqCatalogApplier,
  ],
})
export class MenuModule {}
