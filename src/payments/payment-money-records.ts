import { Injectable, OnModuleInit } from '@nestjs/common';
import { MoneyRecords } from '../restaurant/money-records';
import { Payment } from './payment.entities';

/** A payment taken is money recorded: from then on the restaurant's time zone and currency stay as they are. */
@Injectable()
export class PaymentMoneyRecords implements OnModuleInit {
  constructor(private readonly records: MoneyRecords) {}

  onModuleInit(): void {
    this.records.register((manager) => manager.exists(Payment));
  }
}
