import { Global, Module } from '@nestjs/common';
import { RestaurantProfile } from './restaurant-profile';
import { RestaurantController } from './restaurant.controller';
import { RestaurantService } from './restaurant.service';
import { RestaurantSales } from './restaurant-sales';

/**
 * The restaurant's profile: what prints, books and formats reads it from memory (RestaurantProfile), so nearly every
 * module does; global, like the settings it replaces. Modules that sell say so through RestaurantSales.
 */
@Global()
@Module({
  controllers: [RestaurantController],
  providers: [RestaurantProfile, RestaurantService, RestaurantSales],
  exports: [RestaurantProfile, RestaurantSales],
})
export class RestaurantModule {}
