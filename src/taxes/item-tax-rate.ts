/**
 * A tax rate as copied onto an order item when it is ordered: a later change to the rate leaves the item as it was.
 * `percent` has at most 4 decimals (6.25 for 6.25 %). Several rates on one item all apply to the same base.
 */
export interface ItemTaxRate {
  taxRateId: string;
  name: string;
  percent: number;
}
