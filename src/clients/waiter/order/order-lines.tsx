import { useState } from 'preact/hooks';
import { t } from '../../../i18n/browser/page-i18n';
import type { Change } from '../state/changes';
import { itemStatusLabel, money, type Order } from '../state/floor';
import { lineName } from '../state/menu';
import { approves } from './manager-approval';
import type { Shift } from '../state/shift';
import type { Approval } from '../state/shift';
import type { Outcome } from '../state/waiter-outbox';
import { refusalText } from '../state/refusals';

type Item = Order['items'][number];

/** The reasons a waiter gives for a void, said (and recorded) in the language chosen. */
const VOID_REASONS = ['changedMind', 'wrongDish', 'quality'];

interface OrderLinesProps {
  shift: Shift;
  order: Order;
  submit: (change: Change) => Promise<Outcome>;
  askManager: (approval: Approval) => void;
}

/** The order's lines by course, each with its kitchen state live, and what a waiter may do with it. */
export function OrderLines({ shift, order, submit, askManager }: OrderLinesProps) {
  const [voiding, setVoiding] = useState<Item | null>(null);
  const [removing, setRemoving] = useState<Item | null>(null);
  const courses = [...new Set(order.items.map((item) => item.course))].sort((a, b) => a - b);
  const isManager = approves(shift.session.user?.role);

  const voidLine = (item: Item, reason: string) => {
    setVoiding(null);
    const change: Change = {
      kind: 'remove-item',
      orderId: order.id,
      itemId: item.id,
      label: item.name,
      reason,
    };
    if (isManager) void submit(change);
    else {
      askManager({
        why: t('waiter.lines.voidApproval', { quantity: item.quantity, name: item.name, reason }),
        then: async (asManager) => {
          const outcome = await shift.outbox.submit(change, order, asManager);
          if (outcome.status === 'refused') throw new Error(refusalText(outcome.problem));
        },
      });
    }
  };

  return (
    <div class="lines">
      {courses.map((course) => (
        <section key={course} class="course" aria-label={t('waiter.lines.course', { course })}>
          {courses.length > 1 && <h3>{t('waiter.lines.course', { course })}</h3>}
          <ul>
            {order.items
              .filter((item) => item.course === course)
              .map((item) => {
                const unsent = shift.unsent.has(item.id);
                const status = unsent ? 'unsent' : item.status;
                return (
                  <li key={item.id} class={`line status-${status}`} data-line={item.name}>
                    <span class="what">
                      {unsent ? item.name : `${item.quantity} × ${lineName(item, shift.store.menu)}`}
                      {item.seat !== null && <small> · {t('waiter.lines.seat', { seat: item.seat })}</small>}
                      {item.modifiers.length > 0 && (
                        <small class="mods">
                          {' '}
                          {item.modifiers.map((modifier) => modifier.name).join(', ')}
                        </small>
                      )}
                      {item.components && item.components.length > 0 && (
                        <small class="mods">
                          {' '}
                          {item.components
                            .map((component) => `${component.name}: ${itemStatusLabel(component.status)}`)
                            .join(' · ')}
                        </small>
                      )}
                      {item.comment && <em class="comment"> “{item.comment}”</em>}
                    </span>
                    <span class="line-total">{money(item.total)}</span>
                    <span class={`chip status-${status}`}>
                      {unsent ? t('waiter.lines.notSent') : itemStatusLabel(item.status)}
                    </span>
                    {/* From the pass, or from sent at a station without a screen (the bar the waiter pours at). */}
                    {!unsent && (item.status === 'ready' || item.status === 'new') && (
                      <button
                        aria-label={t('waiter.lines.servedOf', { name: item.name })}
                        onClick={() =>
                          void submit({
                            kind: 'serve-item',
                            orderId: order.id,
                            itemId: item.id,
                            label: item.name,
                          })
                        }
                      >
                        {t('waiter.lines.served')}
                      </button>
                    )}
                    {!unsent && (item.status === 'new' || item.status === 'held') && (
                      <button
                        class="link"
                        aria-label={t('waiter.lines.removeOf', { name: item.name })}
                        onClick={() => setRemoving(item)}
                      >
                        {t('waiter.lines.remove')}
                      </button>
                    )}
                    {!unsent && (item.status === 'in_progress' || item.status === 'ready') && (
                      <button
                        class="link"
                        aria-label={t('waiter.lines.voidOf', { name: item.name })}
                        onClick={() => setVoiding(item)}
                      >
                        {t('waiter.lines.void')}
                      </button>
                    )}
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
      {removing && (
        // A sent line is on the kitchen's screen already: taking it off asks first, as a void does.
        <div class="reasons" role="group" aria-label={t('waiter.lines.removeAsk')}>
          <span>
            {t('waiter.lines.removeQuestion', { quantity: removing.quantity, name: removing.name })}
          </span>
          <button
            class="danger"
            onClick={() => {
              setRemoving(null);
              void submit({
                kind: 'remove-item',
                orderId: order.id,
                itemId: removing.id,
                label: removing.name,
              });
            }}
          >
            {t('waiter.lines.removeIt')}
          </button>
          <button class="link" onClick={() => setRemoving(null)}>
            {t('waiter.lines.keepIt')}
          </button>
        </div>
      )}
      {voiding && (
        <div class="reasons" role="group" aria-label={t('waiter.lines.voidAsk')}>
          <span>{t('waiter.lines.voidQuestion', { name: voiding.name })}</span>
          {VOID_REASONS.map((reason) => {
            const said = t(`waiter.lines.voidReasons.${reason}`);
            return (
              <button key={reason} onClick={() => voidLine(voiding, said)}>
                {said}
              </button>
            );
          })}
          <button class="link" onClick={() => setVoiding(null)}>
            {t('waiter.lines.keepIt')}
          </button>
        </div>
      )}
    </div>
  );
}
