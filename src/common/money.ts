import { Column, ValueTransformer } from 'typeorm';

/** The largest amount one request may carry (a tender, a refund, a discount): 10^12 minor units. */
export const MAX_AMOUNT = 1_000_000_000_000;

/** PostgreSQL hands bigints over as strings; every amount fits a JS number exactly (below 2^53). */
const BIGINT_AS_NUMBER: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : Number(value)),
};

/**
 * An amount in integer minor units. 64-bit: a line may be worth 99 × 100,000,000 and an order many lines, beyond
 * a 32-bit integer; SQLite's integers are 64-bit whatever the declared type.
 */
export const MoneyColumn = (options: { default?: number; nullable?: boolean } = {}) =>
  Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER, ...options });
