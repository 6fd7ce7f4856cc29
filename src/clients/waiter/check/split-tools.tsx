import { useState } from 'preact/hooks';
import { t } from '../../../i18n/browser/page-i18n';
import type { Change } from '../state/changes';
import type { Order } from '../state/floor';

interface SplitToolsProps {
  order: Order;
  submit: (change: Change) => Promise<boolean>;
}

/** Split the check: by seat, evenly in parts, or the lines chosen onto a new check. */
export function SplitTools({ order, submit }: SplitToolsProps) {
  const [parts, setParts] = useState(2);
  const [chosen, setChosen] = useState<string[]>([]);
  const [byItems, setByItems] = useState(false);
  const live = order.items.filter((item) => item.status !== 'cancelled');
  const seated = live.some((item) => item.seat !== null);
  const split = (by: Change & { kind: 'split' }) => void submit(by).then(() => setChosen([]));

  return (
    <section class="split" aria-label={t('waiter.split.label')}>
      <h2>{t('waiter.split.heading')}</h2>
      <div class="actions">
        {seated && (
          <button onClick={() => split({ kind: 'split', orderId: order.id, split: { by: 'seat' } })}>
            {t('waiter.split.bySeat')}
          </button>
        )}
        <label>
          {t('waiter.split.evenlyIn')}
          <select value={parts} onChange={(event) => setParts(Number(event.currentTarget.value))}>
            {[2, 3, 4, 5, 6, 7, 8].map((count) => (
              <option key={count} value={count}>
                {count}
              </option>
            ))}
          </select>
        </label>
        <button onClick={() => split({ kind: 'split', orderId: order.id, split: { by: 'even', parts } })}>
          {t('waiter.split.evenly')}
        </button>
        <button onClick={() => setByItems((shown) => !shown)}>{t('waiter.split.byItems')}</button>
      </div>
      {byItems && (
        <div class="split-items">
          {live.map((item) => (
            <label key={item.id} class="check">
              <input
                type="checkbox"
                checked={chosen.includes(item.id)}
                onChange={(event) =>
                  setChosen((ids) =>
                    event.currentTarget.checked ? [...ids, item.id] : ids.filter((id) => id !== item.id),
                  )
                }
              />
              {item.quantity} × {item.name}
            </label>
          ))}
          <button
            disabled={chosen.length === 0}
            onClick={() =>
              split({
                kind: 'split',
                orderId: order.id,
                split: {
                  by: 'items',
                  items: live
                    .filter((item) => chosen.includes(item.id))
                    .map((item) => ({ itemId: item.id, quantity: item.quantity })),
                },
              })
            }
          >
            {t('waiter.split.toNewCheck')}
          </button>
        </div>
      )}
    </section>
  );
}
