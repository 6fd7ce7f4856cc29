import { t } from '../../../i18n/browser/page-i18n';
import { describe } from '../state/changes';
import { money, orderStatusWords } from '../state/floor';
import { type Conflict, lineLabel } from '../state/waiter-outbox';
import { refusalText } from '../state/refusals';

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
    <div class="modal" role="dialog" aria-label={t('waiter.conflict.label')}>
      <div class="modal-body conflict">
        <h2>{t('waiter.conflict.heading')}</h2>
        <p class="muted">
          {rebase
            ? t('waiter.conflict.rebase')
            : t('waiter.conflict.cannot', { problem: refusalText(problem) })}
        </p>
        <div class="versions">
          <section aria-label={t('waiter.conflict.yours')}>
            <h3>{t('waiter.conflict.yoursHeading')}</h3>
            <ul>
              {write.action.seen.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
            <p class="mine">
              <strong>{t('waiter.conflict.yourChange')}</strong> {describe(write.action.change)}
            </p>
          </section>
          <section aria-label={t('waiter.conflict.now')}>
            <h3>{t('waiter.conflict.now')}</h3>
            {current ? (
              <>
                <ul>
                  {current.items.map((item) => (
                    <li key={item.id}>{lineLabel(item)}</li>
                  ))}
                </ul>
                <p>
                  {t('waiter.conflict.nowSums', {
                    total: money(current.total),
                    due: money(current.due),
                    status: orderStatusWords(current.status),
                  })}
                </p>
              </>
            ) : (
              <p>{t('waiter.conflict.refused')}</p>
            )}
          </section>
        </div>
        <div class="actions">
          <button onClick={() => onChoice('drop')}>{t('waiter.conflict.drop')}</button>
          {rebase && (
            <button class="primary" onClick={() => onChoice('mine')}>
              {t('waiter.conflict.applyMine')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
