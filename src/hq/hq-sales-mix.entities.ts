import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '../common/money';
import { InstantColumn } from '../database/columns';
import { bigintAsNumber } from '../event-log/event-record.entity';

/**
 * The per-day sums behind headquarters' dish, payment-method and tax reports, like HqSalesDay: each is added to in
 * the transaction that keeps the facts that bring it (hq-sales-mix.ts), so a report over a year of a hundred sites
 * reads a row per site, day and dish (method, rate) rather than every fact. Each site's own business day and
 * currency; dishes, options and methods by what identifies them, with the names the site's orders and methods had.
 */
@Entity('hq_sales_dish_days')
@Index('hq_sales_dish_days_business_day', ['businessDay'])
export class HqSalesDishDay {
  @PrimaryColumn({ length: 36 })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  businessDay!: string;

  @PrimaryColumn({ length: 3 })
  currency!: string;

  /** `dish`: a dish and variation; `modifier`: a modifier option. */
  @PrimaryColumn({ type: 'varchar', length: 8 })
  kind!: 'dish' | 'modifier';

  /**
   * What identifies the dish and variation (or option): `hq:<hqKey>` for the master catalog's, `site:<id>` for
   * the site's own, a dish's two parts joined by `/`; `name:<name>/<detail>` for rows of a site that sent none.
   */
  @PrimaryColumn({ type: 'varchar', length: 410 })
  key!: string;

  /** The dish's or option's name, as the site last sent it for this day. */
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** A dish's variation name (empty for none); an option's group name. */
  @Column({ type: 'varchar', length: 200 })
  detail!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber, default: 0 })
  quantity!: number;

  @MoneyColumn({ default: 0 })
  revenue!: number;

  @MoneyColumn({ default: 0 })
  priceRuleDiscount!: number;
}

/** A site's payments and refunds of one business day with one method. */
@Entity('hq_sales_payment_days')
@Index('hq_sales_payment_days_business_day', ['businessDay'])
export class HqSalesPaymentDay {
  @PrimaryColumn({ length: 36 })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  businessDay!: string;

  @PrimaryColumn({ length: 3 })
  currency!: string;

  /** What identifies the method: `site:<its id>`; `name:<name>/<kind>` for rows of a site that sent none. */
  @PrimaryColumn({ type: 'varchar', length: 410 })
  methodKey!: string;

  /** Its name and kind, as the site last sent them for this day. */
  @Column({ type: 'varchar', length: 200 })
  method!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber, default: 0 })
  payments!: number;

  @MoneyColumn({ default: 0 })
  received!: number;

  @MoneyColumn({ default: 0 })
  changeGiven!: number;

  @MoneyColumn({ default: 0 })
  tips!: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber, default: 0 })
  refunds!: number;

  @MoneyColumn({ default: 0 })
  refunded!: number;
}

/** A site's tax of one business day at one rate (by name and percent): sales less refunds after the close. */
@Entity('hq_sales_tax_days')
@Index('hq_sales_tax_days_business_day', ['businessDay'])
export class HqSalesTaxDay {
  @PrimaryColumn({ length: 36 })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  businessDay!: string;

  @PrimaryColumn({ length: 3 })
  currency!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  name!: string;

  /** The percent × 10,000. */
  @PrimaryColumn({ type: 'integer' })
  partsPerMillion!: number;

  @MoneyColumn({ default: 0 })
  net!: number;

  @MoneyColumn({ default: 0 })
  tax!: number;

  @MoneyColumn({ default: 0 })
  gross!: number;
}

/** A site's Z report, as the site stored it at its day's close and sent it with its `day_closed` fact. */
@Entity('hq_z_reports')
export class HqZReport {
  @PrimaryColumn({ length: 36 })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  businessDay!: string;

  /** The site's Z number. */
  @Column({ type: 'integer' })
  number!: number;

  /** The seq of the fact that brought it. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;

  @InstantColumn()
  closedAt!: Date;

  /** The Z report's JSON, as the site's GET /business-days/{day}/z-report answers it. */
  @Column({ type: 'text' })
  report!: string;

  @InstantColumn()
  receivedAt!: Date;
}
