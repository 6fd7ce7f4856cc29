import { Injectable, OnModuleInit } from '@nestjs/common';
import { RestaurantSales } from '../restaurant/restaurant-sales';
import { Payment } from './payment.entities';

/** A payment taken is a sale: from then on the restaurant's time zone and currency stay as they are. */
@Injectable()
export class PaymentSales implements OnModuleInit {
  constructor(private readonly sales: RestaurantSales) {}

  onModuleInit(): void {
    this.sales.register((manager) => manager.exists(Payment));
  }
}
