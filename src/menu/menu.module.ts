import { Module } from '@nestjs/common';
import { CatalogService } from './catalog.service';
import { CategoriesController, IngredientsController, StationsController } from './catalog.controllers';
import { DishesController } from './dishes.controller';
import { DishesService } from './dishes.service';
import { MenuChangeLog } from './menu-change-log';
import { MenuController } from './menu.controller';
import { MenuService } from './menu.service';

/** The menu: categories, stations, ingredients and allergens, dishes and variations, availability, GET /menu. */
@Module({
  controllers: [
    CategoriesController,
    StationsController,
    IngredientsController,
    DishesController,
    MenuController,
  ],
  providers: [CatalogService, DishesService, MenuService, MenuChangeLog],
  exports: [MenuService, DishesService],
})
export class MenuModule {}
