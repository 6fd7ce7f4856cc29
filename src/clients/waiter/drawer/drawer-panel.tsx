import { useEffect, useState } from 'preact/hooks';
import { formats, t } from '../../../i18n/browser/page-i18n';
import { ApiError, newKey, ok, type Schemas } from '../../shared/api';
import type { StaffSession } from '../../shared/staff-session';
import { parseMoney } from '../state/floor';
import { refusalText } from '../state/refusals';

type Drawer = Schemas['ShiftView'];

/**
 * This tablet's cash drawer: opened with a float, cash paid in and out with a reason, counted and closed with what
 * it was over or short. The session sends the tablet's X-Device-Id, so each call is about this device's drawer.
 */
export function DrawerPanel({ session }: { session: StaffSession }) {
  const [drawer, setDrawer] = useState<Drawer | null>(null);
  const [closed, setClosed] = useState<Drawer | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState('');
  const [float, setFloat] = useState('');
  const [moveKind, setMoveKind] = useState<'deposit' | 'withdrawal'>('withdrawal');
  const [moveAmount, setMoveAmount] = useState('');
  const [reason, setReason] = useState('');
  const [counted, setCounted] = useState('');

  useEffect(() => {
    ok(session.api.GET('/api/v1/shifts/current', {})).then(
      (open) => {
        setDrawer(open);
        setLoaded(true);
      },
      () => setLoaded(true),
    );
  }, [session]);

  const refused = (error: unknown) =>
    setProblem(error instanceof ApiError ? refusalText(error.problem) : t('waiter.drawer.noConnection'));
  const amountOrSay = (typed: string): number | null => {
    const minor = parseMoney(typed);
    if (minor === null) setProblem(t('waiter.drawer.typeAmount'));
    return minor;
  };

  const open = () => {
    const minor = amountOrSay(float);
    if (minor === null) return;
    setProblem('');
    ok(
      session.api.POST('/api/v1/shifts', {
        headers: { 'Idempotency-Key': newKey() },
        body: { float: minor },
      }),
    ).then((opened) => {
      setClosed(null);
      setDrawer(opened);
    }, refused);
  };

  const move = (id: string) => {
    const minor = amountOrSay(moveAmount);
    if (minor === null) return;
    setProblem('');
    ok(
      session.api.POST('/api/v1/shifts/{id}/movements', {
        headers: { 'Idempotency-Key': newKey() },
        params: { path: { id } },
        body: { kind: moveKind, amount: minor, reason },
      }),
    ).then((moved) => {
      setMoveAmount('');
      setReason('');
      setDrawer(moved);
    }, refused);
  };

  const count = (id: string) => {
    const minor = amountOrSay(counted);
    if (minor === null) return;
    setProblem('');
    ok(
      session.api.POST('/api/v1/shifts/{id}/count', {
        headers: { 'Idempotency-Key': newKey() },
        params: { path: { id } },
        body: { amount: minor },
      }),
    ).then((result) => {
      setCounted('');
      setDrawer(null);
      setClosed(result);
    }, refused);
  };

  if (!loaded) return <p class="loading">{t('waiter.drawer.loading')}</p>;
  return (
    <section class="queue-panel drawer-panel" aria-label={t('waiter.drawer.heading')}>
      <h2>{t('waiter.drawer.heading')}</h2>
      {closed && (
        <p class="drawer-result" role="status">
          {t('waiter.drawer.closed', {
            counted: formats.money(closed.countedCash ?? 0),
            expected: formats.money(closed.expectedCash),
          })}{' '}
          <strong>{overShort(closed.difference ?? 0)}</strong>
        </p>
      )}
      {drawer === null ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            open();
          }}
        >
          <label>
            {t('waiter.drawer.float')}
            <input
              inputMode="decimal"
              value={float}
              onInput={(event) => setFloat(event.currentTarget.value)}
            />
          </label>
          <button class="primary" type="submit">
            {t('waiter.drawer.open')}
          </button>
        </form>
      ) : (
        <>
          <p data-state="expected">
            {t('waiter.drawer.expected', { amount: formats.money(drawer.expectedCash) })}
          </p>
          <form
            aria-label={t('waiter.drawer.payInOut')}
            onSubmit={(event) => {
              event.preventDefault();
              move(drawer.id);
            }}
          >
            <select
              value={moveKind}
              onChange={(event) => setMoveKind(event.currentTarget.value as 'deposit' | 'withdrawal')}
            >
              <option value="withdrawal">{t('waiter.drawer.payOut')}</option>
              <option value="deposit">{t('waiter.drawer.payIn')}</option>
            </select>
            <label>
              {t('waiter.drawer.amount')}
              <input
                inputMode="decimal"
                value={moveAmount}
                onInput={(event) => setMoveAmount(event.currentTarget.value)}
              />
            </label>
            <label>
              {t('waiter.drawer.reason')}
              <input value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
            </label>
            <button type="submit">{t('waiter.drawer.record')}</button>
          </form>
          <form
            aria-label={t('waiter.drawer.countHeading')}
            onSubmit={(event) => {
              event.preventDefault();
              count(drawer.id);
            }}
          >
            <label>
              {t('waiter.drawer.counted')}
              <input
                inputMode="decimal"
                value={counted}
                onInput={(event) => setCounted(event.currentTarget.value)}
              />
            </label>
            <button class="primary" type="submit">
              {t('waiter.drawer.countAndClose')}
            </button>
          </form>
        </>
      )}
      <p class="problem" role="alert">
        {problem}
      </p>
    </section>
  );
}

/** "Over 0.50", "Short 1.00" or "Even". */
export function overShort(difference: number): string {
  if (difference === 0) return t('waiter.drawer.even');
  return difference > 0
    ? t('waiter.drawer.over', { amount: formats.money(difference) })
    : t('waiter.drawer.short', { amount: formats.money(-difference) });
}
