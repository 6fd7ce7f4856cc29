import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/database.service';

/** A payment method, as far as selling a card with it needs. */
export interface SaleMethod {
  id: string;
  /** 'gift_card' for the method that redeems cards: it cannot pay for one. */
  kind: string;
}

/** The active payment method of this id, read in `tx`, or null when there is none. */
export type SaleMethodReader = (tx: Tx, id: string) => Promise<SaleMethod | null>;

/**
 * Where payments, a module above guests, answers which payment method paid for a card: gift cards ask, payments
 * read their own table. Without a reader, no method can pay for a card.
 */
@Injectable()
export class GiftCardSaleMethods {
  private reader: SaleMethodReader = () => Promise.resolve(null);

  use(reader: SaleMethodReader): void {
    this.reader = reader;
  }

  activeMethod(tx: Tx, id: string): Promise<SaleMethod | null> {
    return this.reader(tx, id);
  }
}
