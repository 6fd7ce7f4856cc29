import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { MenuService } from '../menu/menu.service';
import { OrderType } from '../orders/order-status';
import type { ItemTaxRate } from '../taxes/item-tax-rate';
import { TaxCatalog } from '../taxes/tax-catalog';

/** What a guest's bill holds beyond the cart's lines, as the QR page says it: its service charge and taxes. */
export interface BillExtras {
  serviceChargeRatePercent: number;
  pricesIncludeTax: boolean;
  /** The rates each dish on the menu is taxed with on a table's (dine-in) order. */
  dishRates: ReadonlyArray<readonly ItemTaxRate[]>;
}

/** The note under the QR cart's total, from the rates the menu's dishes carry now (ordering's own rules). */
@Injectable()
export class QrBillNote {
  constructor(
    private readonly menus: MenuService,
    private readonly taxes: TaxCatalog,
    private readonly config: AppConfig,
  ) {}

  async note(): Promise<string | null> {
    const offered = await this.menus.offeredTaxRateIds();
    const rules = await this.taxes.current(offered.flat());
    return billExtrasNote({
      serviceChargeRatePercent: this.config.serviceChargeRatePercent,
      pricesIncludeTax: this.config.pricesIncludeTax,
      dishRates: offered.map((ids) => rules.itemTaxes(ids, OrderType.DineIn)),
    });
  }
}

/**
 * What the bill adds to the cart's sum of lines, or what its prices contain, in a guest's words; null when there
 * is nothing to say. Rates every dish carries are named together ("State 6.25 % and City 2.25 %"); rates that
 * differ by dish are named as alternatives.
 */
export function billExtrasNote(bill: BillExtras): string | null {
  const taxes = taxesText(bill.dishRates);
  const serviceCharge =
    bill.serviceChargeRatePercent > 0 ? `a ${bill.serviceChargeRatePercent}% service charge` : null;
  if (bill.pricesIncludeTax) {
    const sentences = [
      serviceCharge && `Your bill adds ${serviceCharge}.`,
      taxes && `Prices include ${taxes}.`,
    ];
    return sentences.filter(Boolean).join(' ') || null;
  }
  const extras = [serviceCharge, taxes && `tax: ${taxes}`].filter(Boolean);
  return extras.length > 0 ? `Your bill adds ${extras.join(' and ')}.` : null;
}

function taxesText(dishRates: ReadonlyArray<readonly ItemTaxRate[]>): string | null {
  const rates = new Map<string, ItemTaxRate>();
  for (const rate of dishRates.flat()) rates.set(keyOf(rate), rate);
  if (rates.size === 0) return null;
  const labels = [...rates.values()]
    .sort((a, b) => b.percent - a.percent || a.name.localeCompare(b.name))
    .map(label);
  const sameForEvery = dishRates.every(
    (each) => each.length === rates.size && each.every((rate) => rates.has(keyOf(rate))),
  );
  return sameForEvery ? listed(labels, 'and') : `${listed(labels, 'or')} depending on the dish`;
}

const keyOf = (rate: ItemTaxRate) => `${rate.taxRateId} ${rate.percent}`;

/** A rate as a guest reads it: its name, with its percent unless the name says it already ("VAT 10 %"). */
function label(rate: ItemTaxRate): string {
  const named = [`${rate.percent} %`, `${rate.percent}%`].some((percent) => rate.name.includes(percent));
  return named ? rate.name : `${rate.name} ${rate.percent} %`;
}

function listed(labels: readonly string[], word: 'and' | 'or'): string {
  return labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} ${word} ${labels.at(-1)}`;
}
