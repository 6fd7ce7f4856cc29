import { FindOperator, Raw } from 'typeorm';

/** A condition on another table's order id column: the order was taken through `channel`. */
export function orderOfChannel(channel: string): FindOperator<string> {
  return Raw((id) => `${id} IN (SELECT id FROM orders WHERE channel = :channel)`, {
    channel,
  }) as FindOperator<string>;
}
