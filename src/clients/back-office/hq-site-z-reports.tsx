import { useEffect, useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { currentSalesFigures } from '../../reports/browser/stored-sales-figures';
import { ApiError, ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { useLiveReload } from './live-reload';
import { FigureTable } from './paged-list';

type Site = Schemas['HqSiteView'];
/** What headquarters keeps of a Z report is the site's own GET /business-days/{day}/z-report, as stored at the close. */
type ZReport = Schemas['ZReportView'];

const DAY_MS = 86_400_000;
/** The days shown at first: the last month of the site's. */
const FIRST_DAYS = 31;

const z = (key: string, values?: Record<string, unknown>) =>
  t(`backOffice.hqReports.zReports.${key}`, values);
const c = (key: string, values?: Record<string, unknown>) => t(`backOffice.chain.${key}`, values);

/** Today where the site is (YYYY-MM-DD): no business day of the site's is later. */
const todayAt = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
const daysBefore = (day: string, days: number) =>
  new Date(Date.parse(day) - days * DAY_MS).toISOString().slice(0, 10);

const COLUMNS = [
  'day',
  'number',
  'closed',
  'orders',
  'salesExclTax',
  'tax',
  'salesInclTax',
  'tips',
  'refunds',
];

/**
 * A site's Z reports of a range of its business days (GET /hq/sites/{id}/z-reports), a row per day closed with
 * the close and the day's sales totals in the site's currency. `hq.site_sales` reads them again.
 */
export function SiteZReports({
  session,
  site,
  onHide,
}: {
  session: StaffSession;
  site: Site;
  onHide: () => void;
}) {
  const [to, setTo] = useState(() => todayAt(site.timezone));
  const [from, setFrom] = useState(() => daysBefore(to, FIRST_DAYS - 1));
  const [range, setRange] = useState({ from, to });
  const [version, setVersion] = useState(0);
  const [reports, setReports] = useState<Schemas['HqZReportsView'] | null>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    ok(
      session.api.GET('/api/v1/hq/sites/{id}/z-reports', {
        params: { path: { id: site.id }, query: range },
      }),
    ).then(
      (fresh) => {
        setReports(fresh);
        setProblem('');
      },
      (error: unknown) =>
        setProblem(c('notLoaded', { problem: error instanceof ApiError ? error.message : String(error) })),
    );
  }, [site.id, range, version, session]);
  useLiveReload(session, ['hq.site_sales'], () => setVersion((before) => before + 1));

  const money = (minor: number) => formats.moneyIn(minor, site.currency);
  const rows = (reports?.items ?? []).map((item) => {
    const close = item.report as unknown as ZReport;
    const sales = currentSalesFigures(close.report.sales);
    return [
      formats.day(item.businessDay),
      formats.number(item.number),
      z('closedBy', { at: formats.dateTime(item.closedAt), name: close.closedByName ?? close.closedBy }),
      formats.number(sales.orders),
      money(sales.salesExclTax),
      money(sales.tax),
      money(sales.salesInclTax),
      money(sales.tips),
      money(sales.refunds),
    ];
  });
  const heading = z('heading', { site: site.name });
  return (
    <section class="card" id="site-z-reports" aria-labelledby="site-z-reports-title">
      <h2 id="site-z-reports-title">{heading}</h2>
      <p class="muted">{z('intro')}</p>
      <form
        class="range"
        onSubmit={(event) => {
          event.preventDefault();
          setRange({ from, to });
        }}
      >
        <label>
          {c('sales.from')}
          <input type="date" value={from} required onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          {c('sales.to')}
          <input type="date" value={to} required onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <button type="submit">{c('sales.show')}</button>{' '}
        <button type="button" onClick={onHide}>
          {z('hide')}
        </button>
      </form>
      <p class="problem" role="alert">
        {problem}
      </p>
      {reports && (
        <FigureTable
          label={heading}
          head={COLUMNS.map((column) => z(`columns.${column}`))}
          rows={rows}
          numeric={[1, 3, 4, 5, 6, 7, 8]}
          empty={z('none')}
        />
      )}
    </section>
  );
}
