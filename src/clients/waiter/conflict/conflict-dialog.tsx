import { describe } from '../state/changes';
import { money, ORDER_STATUS_WORDS } from '../state/floor';
import { type Conflict, lineLabel } from '../state/waiter-outbox';

interface ConflictDialogProps {
  conflict: Conflict;
  onChoice: (choice: 'mine' | 'drop') => void;
}

/**
 * Someone else changed the order after the waiter's tap (the service answered 409): both versions side by side,
 * and the waiter decides. Nothing is sent or dropped until they do; the writes after it wait.
 */
export function ConflictDialog({ conflict, onChoice }: ConflictDialogProps) {
  const { write, current, problem } = conflict;
  const rebase = current !== null;
  return (
    <div class="modal" role="dialog" aria-label="Conflict">
      <div class="modal-body conflict">
        <h2>Someone changed this order on another tablet first</h2>
        <p class="muted">
          {rebase
            ? 'Your tap is not sent yet. Send it on top of the order as it is now, or drop it.'
            : `The order cannot take your tap as it is now (${problem.message}). Drop it and look at the order again.`}
        </p>
        <div class="versions">
          <section aria-label="Your version">
            <h3>What you saw, and your change</h3>
            <ul>
              {write.action.seen.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
            <p class="mine">
              <strong>Your change:</strong> {describe(write.action.change)}
            </p>
          </section>
          <section aria-label="Now on the order">
            <h3>Now on the order</h3>
            {current ? (
              <>
                <ul>
                  {current.items.map((item) => (
                    <li key={item.id}>{lineLabel(item)}</li>
                  ))}
                </ul>
                <p>
                  Total {money(current.total)} · due {money(current.due)} ·{' '}
                  {ORDER_STATUS_WORDS[current.status]}
                </p>
              </>
            ) : (
              <p>The service refused the change as it stands.</p>
            )}
          </section>
        </div>
        <div class="actions">
          <button onClick={() => onChoice('drop')}>Drop my change</button>
          {rebase && (
            <button class="primary" onClick={() => onChoice('mine')}>
              Apply my change on top
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
