import { useState } from 'preact/hooks';
import { t } from '../../../i18n/browser/page-i18n';
import { newKey } from '../../shared/api';
import { fulfilmentLabel, money, type Order, type Place, takeawayOrders } from '../state/floor';
import type { Shift } from '../state/shift';

interface TakeawayCounterProps {
  shift: Shift;
  orders: readonly Order[];
  onTakeaway: (place: Place) => void;
}

/** The counter on the floor: a new takeaway order by the guest's name, and those not picked up yet with their state. */
export function TakeawayCounter({ shift, orders, onTakeaway }: TakeawayCounterProps) {
  const [name, setName] = useState('');
  const waiting = takeawayOrders(orders);
  const start = (event: Event) => {
    event.preventDefault();
    const customerName = name.trim();
    if (!customerName) return;
    setName('');
    onTakeaway({ kind: 'takeaway', orderId: newKey(), customerName });
  };
  return (
    <section class="area takeaway" aria-label={t('waiter.takeaway.title')}>
      <h2>
        {t('waiter.takeaway.title')}
        {waiting.length > 0 && (
          <small class="count"> · {t('waiter.takeaway.open', { count: waiting.length })}</small>
        )}
      </h2>
      <form class="takeaway-new" onSubmit={start}>
        <input
          value={name}
          maxLength={200}
          placeholder={t('waiter.takeaway.guestName')}
          aria-label={t('waiter.takeaway.guestNameLabel')}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <button type="submit" class="primary" disabled={!name.trim()}>
          {t('waiter.takeaway.start')}
        </button>
      </form>
      <div class="tables">
        {waiting.map((order) => {
          const status = order.fulfilment?.status ?? 'accepted';
          const customerName = order.fulfilment?.customerName ?? '';
          const number = order.number > 0 ? `#${order.number}` : t('waiter.order.newOrder');
          const unsent = shift.unsent.has(order.id);
          return (
            <button
              key={order.id}
              class={`table-tile takeaway-tile fulfilment-${status}`}
              data-takeaway={customerName}
              data-state={status}
              onClick={() => onTakeaway({ kind: 'takeaway', orderId: order.id, customerName })}
            >
              <strong>{number}</strong>
              <span>{customerName}</span>
              <span class="state">{fulfilmentLabel(status)}</span>
              {order.due > 0 && <span class="due">{money(order.due)}</span>}
              {unsent && <span class="badge unsent-badge">{t('waiter.floor.notSent')}</span>}
            </button>
          );
        })}
      </div>
    </section>
  );
}
