import { lineName } from '../state/menu';
import { money, type Order } from '../state/floor';

interface SharesOfProps {
  order: Order;
  /** The orders this tablet knows, for the lines of the check a part came from. */
  orders: ReadonlyMap<string, Order>;
}

/**
 * What an evenly split check holds besides its own lines: the parts it gave to the other checks (taken off the
 * lines above), or the part it received, with the lines it is a share of. The lines and parts add up to its subtotal.
 */
export function SharesOf({ order, orders }: SharesOfProps) {
  return (
    <>
      {order.shares.map((share) => {
        const from = orders.get(share.fromOrderId);
        const lines = from?.items
          .filter((item) => item.status !== 'cancelled')
          .map((item) => `${item.quantity} × ${lineName(item)}`)
          .join(', ');
        return (
          <li key={`${share.id}-${share.direction}`} class="share">
            <span>
              {share.direction === 'out'
                ? `Part ${share.part} of ${share.parts} goes to another check`
                : `Part ${share.part} of ${share.parts} of a shared check`}
              {share.direction === 'in' && lines && <small class="mods"> · {lines}</small>}
            </span>
            <span>{money(share.direction === 'out' ? -share.subtotal : share.subtotal)}</span>
          </li>
        );
      })}
    </>
  );
}
