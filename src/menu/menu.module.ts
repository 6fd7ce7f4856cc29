import { Module } from '@nestjs/common';
import { AllergensController } from './allergens.controller';
import { CatalogService } from './catalog.service';
import { CategoriesController } from './categories.controller';
import { DishesController } from './dishes.controller';
import { DishesService } from './dishes.service';
import { IngredientsController } from './ingredients.controller';
import { MenuChangeLog } from './menu-change-log';
import { MenuController } from './menu.controller';
import { MenuService } from './menu.service';
import { StationsController } from './stations.controller';

/** The menu: categories, stations, ingredients and allergens, dishes and variations, availability, GET /menu. */
@Module({
  controllers: [
    CategoriesController,
    StationsController,
    AllergensController,
    IngredientsController,
    DishesController,
    MenuController,
  ],
  providers: [CatalogService, DishesService, MenuService, MenuChangeLog],
  exports: [MenuService, DishesService],
})
export class MenuModule {}
