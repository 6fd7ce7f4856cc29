import { useState } from 'preact/hooks';
import type { Change } from '../state/changes';
import { ITEM_STATUS_LABELS, money, type Order } from '../state/floor';
import { lineName } from '../state/menu';
import { approves } from './manager-approval';
import type { Shift } from '../state/shift';
import type { Approval } from '../state/shift';
import type { Outcome } from '../state/waiter-outbox';

type Item = Order['items'][number];

const VOID_REASONS = ['Guest changed their mind', 'Wrong dish ordered', 'Quality'];

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
        why: `Void ${item.quantity} × ${item.name}: ${reason}`,
        then: async (asManager) => {
          const outcome = await shift.outbox.submit(change, order, asManager);
          if (outcome.status === 'refused') throw new Error(outcome.problem.message);
        },
      });
    }
  };

  return (
    <div class="lines">
      {courses.map((course) => (
        <section key={course} class="course" aria-label={`Course ${course}`}>
          {courses.length > 1 && <h3>Course {course}</h3>}
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
                      {item.seat !== null && <small> · seat {item.seat}</small>}
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
                            .map((component) => `${component.name}: ${ITEM_STATUS_LABELS[component.status]}`)
                            .join(' · ')}
                        </small>
                      )}
                      {item.comment && <em class="comment"> “{item.comment}”</em>}
                    </span>
                    <span class="line-total">{money(item.total)}</span>
                    <span class={`chip status-${status}`}>
                      {unsent ? 'Not sent yet' : ITEM_STATUS_LABELS[item.status]}
                    </span>
                    {/* From the pass, or from sent at a station without a screen (the bar the waiter pours at). */}
                    {!unsent && (item.status === 'ready' || item.status === 'new') && (
                      <button
                        aria-label={`Served: ${item.name}`}
                        onClick={() =>
                          void submit({
                            kind: 'serve-item',
                            orderId: order.id,
                            itemId: item.id,
                            label: item.name,
                          })
                        }
                      >
                        Served
                      </button>
                    )}
                    {!unsent && (item.status === 'new' || item.status === 'held') && (
                      <button
                        class="link"
                        aria-label={`Remove ${item.name}`}
                        onClick={() => setRemoving(item)}
                      >
                        Remove
                      </button>
                    )}
                    {!unsent && (item.status === 'in_progress' || item.status === 'ready') && (
                      <button class="link" aria-label={`Void ${item.name}`} onClick={() => setVoiding(item)}>
                        Void
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
        <div class="reasons" role="group" aria-label="Remove this line?">
          <span>
            Remove {removing.quantity} × {removing.name} from the order and the kitchen?
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
            Remove it
          </button>
          <button class="link" onClick={() => setRemoving(null)}>
            Keep it
          </button>
        </div>
      )}
      {voiding && (
        <div class="reasons" role="group" aria-label="Why void it?">
          <span>Void {voiding.name}: why?</span>
          {VOID_REASONS.map((reason) => (
            <button key={reason} onClick={() => voidLine(voiding, reason)}>
              {reason}
            </button>
          ))}
          <button class="link" onClick={() => setVoiding(null)}>
            Keep it
          </button>
        </div>
      )}
    </div>
  );
}
