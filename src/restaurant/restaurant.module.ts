import { Global, Module } from '@nestjs/common';
import { MoneyRecords } from './money-records';
import { RestaurantProfile } from './restaurant-profile';
import { RestaurantController } from './restaurant.controller';
import { RestaurantService } from './restaurant.service';

/**
 * The restaurant's profile: what prints, books and formats reads it from memory (RestaurantProfile), so nearly every
 * module does; global, like the settings it replaces. Modules that record money say so through MoneyRecords.
 */
@Global()
@Module({
  controllers: [RestaurantController],
  providers: [RestaurantProfile, RestaurantService, MoneyRecords],
  exports: [RestaurantProfile, RestaurantService, MoneyRecords],
})
export class RestaurantModule {}
