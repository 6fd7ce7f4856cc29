import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { formats, language, t } from '../../i18n/browser/page-i18n';
import { ApiError, ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { bars, columnChart } from './charts';
import { ReportDownloads } from './downloads';
import type { EventData } from '../shared/events';
import { useLiveReload } from './live-reload';
import { InventoryReportTables } from './inventory-report-tables';
import { type Range, ReportTables } from './report-tables';

type Sales = Schemas['SalesReportView'];
/** The longest range the API answers by hour (MAX_HOURLY_REPORT_DAYS). */
const MAX_HOURLY_DAYS = 31;
const DAY_MS = 86_400_000;
const LIVE_EVENTS: ReadonlyArray<keyof EventData> = ['order.paid', 'order.status_changed'];

const money = (minor: number) => formats.money(minor);
const daysIn = (range: Range) => (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS + 1;

interface SalesFigures {
  byDay: Sales;
  byHour: Sales | null;
  byChannel: Sales;
}

/**
 * The reports of a range of business days: sales by day, hour and channel as charts, the dishes, staff, payment
 * methods, taxes, gift cards, inventory variance and food cost as tables, each downloadable as the API's CSV. Opens on the open business day.
 */
export function ReportsScreen({ session }: { session: StaffSession }) {
  const [range, setRange] = useState<Range | null>(null);
  const [sales, setSales] = useState<SalesFigures | null>(null);
  const [problem, setProblem] = useState('');
  const [version, setVersion] = useState(0);

  useEffect(() => {
    ok(session.api.GET('/api/v1/reports/shift')).then(
      (day) => setRange({ from: day.businessDay, to: day.businessDay }),
      () =>
        setRange({ from: new Date().toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) }),
    );
  }, [session]);

  useEffect(() => {
    if (!range) return;
    const sales = (groupBy: 'day' | 'hour' | 'channel') =>
      ok(session.api.GET('/api/v1/reports/sales', { params: { query: { ...range, groupBy } } }));
    Promise.all([
      sales('day'),
      daysIn(range) <= MAX_HOURLY_DAYS ? sales('hour') : null,
      sales('channel'),
    ]).then(
      ([byDay, byHour, byChannel]) => {
        setSales({ byDay, byHour, byChannel });
        setProblem('');
      },
      (error: unknown) => {
        setSales(null);
        setProblem(
          t('backOffice.form.notLoaded', { problem: error instanceof ApiError ? error.message : '' }),
        );
      },
    );
  }, [range, version, session]);

  const reload = useCallback(() => setVersion((before) => before + 1), []);
  useLiveReload(session, LIVE_EVENTS, reload);

  return (
    <div id="reports">
      <h1>{t('backOffice.reportsScreens.reports.heading')}</h1>
      {range && <RangePicker range={range} onChange={setRange} />}
      <p class="problem" role="alert">
        {problem}
      </p>
      {range && sales && (
        <>
          <SalesTiles totals={sales.byDay.totals} />
          <SalesCharts session={session} range={range} sales={sales} />
          <ReportTables session={session} range={range} version={version} />
          <InventoryReportTables session={session} range={range} version={version} />
        </>
      )}
    </div>
  );
}

function RangePicker({ range, onChange }: { range: Range; onChange: (range: Range) => void }) {
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const show = (event: Event) => {
    event.preventDefault();
    onChange({ from, to });
  };
  return (
    <form class="range" id="report-range" onSubmit={show}>
      <label>
        {t('backOffice.reportsScreens.reports.from')}
        <input type="date" value={from} required onInput={(e) => setFrom(e.currentTarget.value)} />
      </label>
      <label>
        {t('backOffice.reportsScreens.reports.to')}
        <input type="date" value={to} required onInput={(e) => setTo(e.currentTarget.value)} />
      </label>
      <button type="submit" class="primary">
        {t('backOffice.reportsScreens.reports.show')}
      </button>
    </form>
  );
}

function SalesTiles({ totals }: { totals: Sales['totals'] }) {
  const figures: Array<[string, string]> = [
    ['salesExclTax', money(totals.salesExclTax)],
    ['salesInclTax', money(totals.salesInclTax)],
    ['orders', formats.number(totals.orders)],
    ['averageTicket', money(totals.averageTicket)],
    ['tax', money(totals.tax)],
    ['tips', money(totals.tips)],
    ['refunds', money(totals.refunds)],
  ];
  return (
    <div class="tiles">
      {figures.map(([key, value]) => (
        <div key={key} class="tile">
          <span>{t(`backOffice.reportsScreens.reports.totals.${key}`)}</span>
          <strong data-figure={key}>{value}</strong>
        </div>
      ))}
    </div>
  );
}

const channelName = (period: string) =>
  period === 'own' ? t('backOffice.reportsScreens.reports.ownOrders') : period;

function SalesCharts({
  session,
  range,
  sales,
}: {
  session: StaffSession;
  range: Range;
  sales: SalesFigures;
}) {
  const byDay = useRef<HTMLDivElement>(null);
  const byHour = useRef<HTMLDivElement>(null);
  const byChannel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const column = (label: string, row: Sales['rows'][number]) => ({
      label,
      value: row.salesExclTax,
      title: t('backOffice.reportsScreens.reports.columnTitle', {
        period: label,
        amount: money(row.salesExclTax),
      }),
    });
    const draw = () => {
      const days = sales.byDay.rows.map((row) => column(row.period, row));
      columnChart(byDay.current!, days, money, t('backOffice.reportsScreens.reports.byDay'), 'day');
      if (sales.byHour && byHour.current) {
        const hours = sales.byHour.rows.map((row) => column(row.period.slice(11, 16), row));
        columnChart(byHour.current, hours, money, t('backOffice.reportsScreens.reports.byHour'), 'hour');
      }
    };
    draw();
    const channels = sales.byChannel.rows.map((row) => ({
      label: channelName(row.period),
      value: row.salesExclTax,
      text: t('backOffice.reportsScreens.reports.channelLine', {
        amount: money(row.salesExclTax),
        orders: formats.number(row.orders),
      }),
    }));
    bars(byChannel.current!, channels, t('backOffice.reportsScreens.reports.noSales'));
    window.addEventListener('resize', draw);
    return () => window.removeEventListener('resize', draw);
  }, [sales]);

  const downloads = (groupBy: 'day' | 'hour' | 'channel') => (
    <ReportDownloads
      fileName={`sales-by-${groupBy}-${range.from}-${range.to}`}
      read={(format) =>
        session.api.GET('/api/v1/reports/sales', {
          // The PDF in the language the screen is in; the CSV's names are the API's whatever it says.
          params: { query: { ...range, groupBy, format, lang: language } },
          parseAs: 'blob',
        })
      }
    />
  );
  return (
    <div class="grid">
      <section class="card wide" aria-labelledby="sales-by-day">
        <h2 id="sales-by-day">{t('backOffice.reportsScreens.reports.byDay')}</h2>
        <div id="sales-days" ref={byDay} />
        {downloads('day')}
      </section>
      <section class="card wide" aria-labelledby="sales-by-hour">
        <h2 id="sales-by-hour">{t('backOffice.reportsScreens.reports.byHour')}</h2>
        {sales.byHour ? (
          <div id="sales-hours" ref={byHour} />
        ) : (
          <p class="muted">
            {t('backOffice.reportsScreens.reports.hoursTooLong', { days: MAX_HOURLY_DAYS })}
          </p>
        )}
        {sales.byHour && downloads('hour')}
      </section>
      <section class="card" aria-labelledby="sales-by-channel">
        <h2 id="sales-by-channel">{t('backOffice.reportsScreens.reports.byChannel')}</h2>
        <div id="sales-channels" ref={byChannel} />
        {downloads('channel')}
      </section>
    </div>
  );
}
