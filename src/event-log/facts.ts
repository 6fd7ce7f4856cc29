import type { Tx } from '../database/unit-of-work';

/**
 * A kind of domain fact: what happened, said by the module that made it happen (an order closed, a payment
 * refunded), with a payload of type T. Other modules react to the fact in the same transaction; the compiler
 * checks that a handler takes what the fact carries. Facts are not events: no client receives them.
 */
export class FactKind<T> {
  /** Never set: it carries T for the compiler. */
  declare readonly payload: T;

  constructor(readonly name: string) {}
}

/** Work another module does in the transaction that raised the fact. */
export type FactHandler<T> = (tx: Tx, fact: T) => Promise<void>;
