import { Column } from 'typeorm';
import { MoneyColumn } from '../common/money';

/** The figures of the site's sales report (SalesSums) as columns: embedded, unprefixed, in the HQ sales tables. */
export class SalesSumColumns {
  @Column({ type: 'integer', default: 0 })
  orders!: number;

  @MoneyColumn({ default: 0 })
  gross!: number;

  @MoneyColumn({ default: 0 })
  discounts!: number;

  @MoneyColumn({ default: 0 })
  serviceCharge!: number;

  @MoneyColumn({ default: 0 })
  tax!: number;

  @MoneyColumn({ default: 0 })
  refunds!: number;

  @MoneyColumn({ default: 0 })
  netSales!: number;

  @MoneyColumn({ default: 0 })
  tips!: number;
}
