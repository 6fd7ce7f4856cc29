import { t } from '../../../i18n/browser/page-i18n';
import { lineName } from '../state/menu';
import { money, type Order } from '../state/floor';

interface SharesOfProps {
  order: Order;
  /** The orders this tablet knows, for the lines of the check a part came from and the other checks' numbers. */
  orders: ReadonlyMap<string, Order>;
}

/**
 * What an evenly split check holds besides its own lines: the parts it gave to the other checks (taken off the
 * lines above), each naming the check it went to, or the part it received, naming the check it came from, with the
 * lines it is a share of (each line's share said). The lines and parts add up to its subtotal.
 */
export function SharesOf({ order, orders }: SharesOfProps) {
  const numberOf = (orderId: string) => orders.get(orderId)?.number;
  return (
    <>
      {order.shares.map((share) => {
        const other = numberOf(share.direction === 'out' ? share.toOrderId : share.fromOrderId);
        const from = orders.get(share.fromOrderId);
        const lines =
          share.direction === 'in' ? (from?.items.filter((item) => item.status !== 'cancelled') ?? []) : [];
        const text =
          share.direction === 'out'
            ? other === undefined
              ? t('waiter.shares.outAnother', { part: share.part, parts: share.parts })
              : t('waiter.shares.out', { part: share.part, parts: share.parts, number: other })
            : other === undefined
              ? t('waiter.shares.inAnother', { part: share.part, parts: share.parts })
              : t('waiter.shares.in', { part: share.part, parts: share.parts, number: other });
        return [
          <li key={`${share.id}-${share.direction}`} class="share">
            <span>{text}</span>
            <span>{money(share.direction === 'out' ? -share.subtotal : share.subtotal)}</span>
          </li>,
          ...lines.map((item) => (
            <li key={`${share.id}-${item.id}`} class="share-line">
              <small>
                {t('waiter.shares.line', {
                  share: `1/${share.parts}`,
                  line: `${item.quantity} × ${lineName(item)}`,
                  amount: money(item.total),
                })}
              </small>
            </li>
          )),
        ];
      })}
    </>
  );
}
