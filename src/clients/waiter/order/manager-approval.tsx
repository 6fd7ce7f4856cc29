import { useMemo, useState } from 'preact/hooks';
import { t } from '../../../i18n/browser/page-i18n';
import { type Api, ApiError } from '../../shared/api';
import { PinPad } from '../../shared/pin-pad';
import { StaffSession } from '../../shared/staff-session';
import type { Approval } from '../state/shift';
import { refusalText } from '../state/refusals';

const APPROVERS = ['manager', 'admin'] as const;

/** Whether a role approves discounts and voids itself, with no one else's PIN. */
export function approves(role: string | undefined): boolean {
  return APPROVERS.some((approver) => approver === role);
}

interface ManagerApprovalProps {
  approval: Approval;
  /** The waiter's API client, for the staff list. */
  api: Api;
  onDone: () => void;
}

/**
 * A manager approves on the waiter's tablet with their own PIN: they are signed in for this one write only (their
 * tokens live in this dialog, never in storage), the write is theirs in the audit log, and they are signed out.
 */
export function ManagerApproval({ approval, api, onDone }: ManagerApprovalProps) {
  const manager = useMemo(() => new StaffSession(null, () => undefined), []);
  const [problem, setProblem] = useState('');
  return (
    <div class="modal" role="dialog" aria-label={t('waiter.approval.label')}>
      <div class="modal-body">
        <h2>{t('waiter.approval.heading')}</h2>
        <p>{approval.why}</p>
        <PinPad
          api={api}
          roles={APPROVERS}
          signIn={async (userId, pin) => {
            await manager.signInWithPin(userId, pin);
            try {
              await approval.then(manager.api);
              onDone();
            } catch (error) {
              setProblem(
                error instanceof ApiError
                  ? refusalText(error.problem)
                  : error instanceof Error
                    ? error.message
                    : t('waiter.approval.refused'),
              );
            } finally {
              manager.signOut();
            }
          }}
        />
        <p class="message" role="alert">
          {problem}
        </p>
        <button class="link" onClick={onDone}>
          {t('waiter.approval.cancel')}
        </button>
      </div>
    </div>
  );
}
