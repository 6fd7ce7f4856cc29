import { useCallback, useEffect, useState } from 'preact/hooks';
import { formats, language, t } from '../../i18n/browser/page-i18n';
import { currentSalesFigures } from '../../reports/browser/stored-sales-figures';
import { ApiError, newKey, ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { DownloadButton } from './downloads';
import type { EventData } from '../shared/events';
import { useLiveReload } from './live-reload';
import { FigureTable, Pager, usePage } from './paged-list';

type DayState = Schemas['ShiftReportView'];
type ZReport = Schemas['ZReportView'];
/** Orders and drawers change what blocks the close; a close made elsewhere (another tab) ends the open day. */
const LIVE_EVENTS: ReadonlyArray<keyof EventData> = [
  'order.paid',
  'order.status_changed',
  'order.created',
  'shift.drawer_movement',
  'shift.closed',
  'business_day.closed',
];
const money = (minor: number) => formats.money(minor);

/** `error.details` of the 409 that refuses a close while orders are open. */
function openOrdersOf(error: ApiError): number[] {
  const details = error.problem.details as { openOrders?: Array<{ number: number }> } | undefined;
  return details?.openOrders?.map((order) => order.number) ?? [];
}

/**
 * The day's close: what still blocks it (open orders, open cash drawers), closing it after a confirmation, and
 * the Z reports of the closed days, each shown and downloadable as PDF and CSV.
 */
export function CloseScreen({ session }: { session: StaffSession }) {
  const [day, setDay] = useState<DayState | null>(null);
  const [problem, setProblem] = useState('');
  const [shown, setShown] = useState<ZReport | null>(null);
  const closed = usePage(
    (page) => ok(session.api.GET('/api/v1/business-days', { params: { query: { page, perPage: 10 } } })),
    'all',
  );

  const readDay = useCallback(() => {
    ok(session.api.GET('/api/v1/reports/shift')).then(
      (fresh) => setDay(fresh),
      (error: unknown) =>
        setProblem(
          t('backOffice.form.notLoaded', { problem: error instanceof ApiError ? error.message : '' }),
        ),
    );
  }, [session]);
  useEffect(readDay, [readDay]);
  useLiveReload(session, LIVE_EVENTS, () => {
    readDay();
    closed.reload();
  });

  const show = (businessDay: string) =>
    ok(
      session.api.GET('/api/v1/business-days/{day}/z-report', { params: { path: { day: businessDay } } }),
    ).then(setShown, (error: unknown) =>
      setProblem(error instanceof ApiError ? error.message : String(error)),
    );

  const onClosed = (z: ZReport) => {
    setShown(z);
    readDay();
    closed.go(1);
  };

  return (
    <div id="close">
      <h1>{t('backOffice.reportsScreens.close.heading')}</h1>
      <p class="problem" role="alert">
        {problem}
      </p>
      {day && <OpenDay session={session} day={day} onClosed={onClosed} />}
      {shown && <ZReportCard session={session} z={shown} />}
      <section class="card" aria-labelledby="closed-days">
        <h2 id="closed-days">{t('backOffice.reportsScreens.close.closedDays')}</h2>
        {closed.problem && <p class="problem">{closed.problem}</p>}
        {closed.shown && (
          <>
            <ul class="rows" aria-label={t('backOffice.reportsScreens.close.closedDays')}>
              {closed.shown.items.map((close) => (
                <li key={close.businessDay}>
                  {t('backOffice.reportsScreens.close.closedDay', {
                    number: close.number,
                    day: formats.day(close.businessDay),
                    at: formats.dateTime(close.closedAt),
                  })}{' '}
                  <button type="button" onClick={() => void show(close.businessDay)}>
                    {t('backOffice.reportsScreens.close.show')}
                  </button>
                </li>
              ))}
            </ul>
            {closed.shown.items.length === 0 && (
              <p class="muted">{t('backOffice.reportsScreens.close.noneClosed')}</p>
            )}
            <Pager {...closed.shown} page={closed.page} go={closed.go} />
          </>
        )}
      </section>
    </div>
  );
}

/** The open business day: what blocks its close, and the close itself once confirmed. */
function OpenDay({
  session,
  day,
  onClosed,
}: {
  session: StaffSession;
  day: DayState;
  onClosed: (z: ZReport) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState('');
  const [closing, setClosing] = useState(false);
  const [uncountedCash, setUncountedCash] = useState(false);
  const openDrawers = day.cashDrawers.filter((drawer) => drawer.status === 'open');
  const blocked = day.openOrders.count > 0 || openDrawers.length > 0;

  const close = (uncountedCashConfirmed = false) => {
    setClosing(true);
    setRefusal('');
    setUncountedCash(false);
    ok(
      session.api.POST('/api/v1/business-days/close', {
        body: { businessDay: day.businessDay, ...(uncountedCashConfirmed ? { uncountedCashConfirmed } : {}) },
        headers: { 'Idempotency-Key': newKey() },
      }),
    ).then(
      (z) => {
        setClosing(false);
        setConfirming(false);
        onClosed(z);
      },
      (error: unknown) => {
        setClosing(false);
        setConfirming(false);
        if (!(error instanceof ApiError)) return setRefusal(t('backOffice.signIn.noConnection'));
        if (error.problem.code === 'CASH_NOT_COUNTED') return setUncountedCash(true);
        const numbers = openOrdersOf(error);
        setRefusal(
          numbers.length > 0
            ? t('backOffice.reportsScreens.close.refusedOrders', { numbers: numbers.join(', ') })
            : t('backOffice.reportsScreens.close.refused', { problem: error.message }),
        );
      },
    );
  };

  return (
    <section class="card" aria-labelledby="open-day">
      <h2 id="open-day">
        {t('backOffice.reportsScreens.close.openDay', { day: formats.day(day.businessDay) })}
      </h2>
      <ul class="rows">
        <li data-state="open-orders">
          {t('backOffice.reportsScreens.close.openOrders', {
            count: day.openOrders.count,
            due: money(day.openOrders.due),
          })}
        </li>
        <li data-state="open-drawers">
          {t('backOffice.reportsScreens.close.openDrawers', { count: openDrawers.length })}
        </li>
        <li>
          {t('backOffice.reportsScreens.close.salesExclTax', { amount: money(day.sales.salesExclTax) })}
        </li>
        <li>
          {t('backOffice.reportsScreens.close.salesInclTax', { amount: money(day.sales.salesInclTax) })}
        </li>
      </ul>
      {day.cashDrawers.length > 0 && <DrawerTable drawers={day.cashDrawers} />}
      {blocked && <p class="muted">{t('backOffice.reportsScreens.close.blocked')}</p>}
      {!confirming ? (
        <button type="button" class="primary" disabled={blocked} onClick={() => setConfirming(true)}>
          {t('backOffice.reportsScreens.close.close')}
        </button>
      ) : (
        <div class="confirm" role="group" aria-label={t('backOffice.reportsScreens.close.confirmLabel')}>
          <p>{t('backOffice.reportsScreens.close.confirm', { day: formats.day(day.businessDay) })}</p>
          <button type="button" class="primary" disabled={closing} onClick={() => close()}>
            {t('backOffice.reportsScreens.close.confirmClose')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            {t('backOffice.reportsScreens.close.cancel')}
          </button>
        </div>
      )}
      {uncountedCash && (
        <div
          class="confirm"
          role="alertdialog"
          aria-label={t('backOffice.reportsScreens.close.uncountedLabel')}
        >
          <p>{t('backOffice.reportsScreens.close.uncounted')}</p>
          <button type="button" class="primary" disabled={closing} onClick={() => close(true)}>
            {t('backOffice.reportsScreens.close.closeUncounted')}
          </button>{' '}
          <button type="button" onClick={() => setUncountedCash(false)}>
            {t('backOffice.reportsScreens.close.cancel')}
          </button>
        </div>
      )}
      <p class="problem" role="alert">
        {refusal}
      </p>
    </section>
  );
}

/** Each drawer of the day: whose it is, its float, what was expected and counted, and whether it was over or short. */
function DrawerTable({ drawers }: { drawers: ReadonlyArray<Schemas['ShiftView']> }) {
  const text = (key: string, options?: Record<string, unknown>) =>
    t(`backOffice.reportsScreens.close.drawers.${key}`, options);
  return (
    <FigureTable
      label={text('label')}
      head={[text('drawer'), text('float'), text('expected'), text('counted'), text('overShort')]}
      rows={drawers.map((drawer) => [
        `${drawer.deviceId === null ? text('house') : text('drawer')} · ${formats.time(drawer.openedAt)}`,
        money(drawer.openingCash),
        money(drawer.expectedCash),
        drawer.countedCash === null ? text('open') : money(drawer.countedCash),
        drawer.difference === null ? '' : overShort(drawer.difference),
      ])}
      numeric={[1, 2, 3, 4]}
    />
  );
}

function overShort(difference: number): string {
  if (difference === 0) return t('backOffice.reportsScreens.close.drawers.even');
  return t(`backOffice.reportsScreens.close.drawers.${difference > 0 ? 'over' : 'short'}`, {
    amount: money(Math.abs(difference)),
  });
}

/** One Z report: its number, who closed the day, the sales, payments and taxes, and its PDF and CSV. */
function ZReportCard({ session, z }: { session: StaffSession; z: ZReport }) {
  const file = (format: 'pdf' | 'csv') => () =>
    session.api.GET('/api/v1/business-days/{day}/z-report', {
      // The PDF in the language the screen is in; the CSV's names are the API's.
      params: {
        path: { day: z.businessDay },
        query: format === 'pdf' ? { format, lang: language } : { format },
      },
      parseAs: 'blob',
    });
  const sales = currentSalesFigures(z.report.sales);
  const column = (key: string) => t(`backOffice.reportsScreens.reports.columns.${key}`);
  const total = (key: string) => t(`backOffice.reportsScreens.reports.totals.${key}`);
  return (
    <section class="card" id="z-report" aria-labelledby="z-report-title">
      <h2 id="z-report-title">
        {t('backOffice.reportsScreens.close.zReport', { number: z.number, day: formats.day(z.businessDay) })}
      </h2>
      <p class="muted">
        {t('backOffice.reportsScreens.close.closedBy', {
          name: z.closedByName ?? z.closedBy,
          at: formats.dateTime(z.closedAt),
        })}
      </p>
      <FigureTable
        label={t('backOffice.reportsScreens.close.zSales')}
        head={[column('figure'), column('amount')]}
        rows={[
          [column('orders'), formats.number(sales.orders)],
          [total('itemSales'), money(sales.itemSales)],
          [total('discounts'), money(sales.discounts)],
          [total('salesExclTax'), money(sales.salesExclTax)],
          [total('tax'), money(sales.tax)],
          [total('salesInclTax'), money(sales.salesInclTax)],
          [column('tips'), money(sales.tips)],
          ...z.report.payments.map((method) => [method.name, money(method.net)]),
        ]}
        numeric={[1]}
      />
      {z.report.cashDrawers.length > 0 && <DrawerTable drawers={z.report.cashDrawers} />}
      <DownloadButton
        label={t('backOffice.reportsScreens.close.pdf')}
        fileName={`z-report-${z.businessDay}.pdf`}
        read={file('pdf')}
      />{' '}
      <DownloadButton
        label={t('backOffice.reportsScreens.close.csv')}
        fileName={`z-report-${z.businessDay}.csv`}
        read={file('csv')}
      />
    </section>
  );
}
