/**
 * The money module: pure functions, no framework and no database. Entry points:
 * - `computeOrderMoney(input)`: an order's components, total and tax rows, and what each line was allocated;
 * - `sumMoney`, `moneyOfLine`, `totalsOf`: an order's money from the lines' allocations and its even-split shares;
 * - `divideLineMoney`, `evenShares`: dividing allocated money for splits, exactly;
 * - `TaxRow`, `TaxRate`: the breakdown's row and a line's copied rate.
 * The rules are in order-money.ts (rounding and allocation) and tax-rows.ts (the row conventions), and for people
 * in docs/money.md.
 */
export * from './arithmetic';
export * from './division';
export * from './money';
export * from './order-money';
export * from './tax-rows';
