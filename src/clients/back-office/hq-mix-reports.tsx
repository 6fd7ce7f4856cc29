import { useEffect, useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ApiError, ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { ChoiceSelect } from './choice-select';
import { useLiveReload } from './live-reload';
import { usePage } from './paged-list';
import { HqLabourTable } from './hq-labour-table';
import { DishTable, MethodTable, TaxTable } from './report-tables';

/**
 * Headquarters' dish, payment-method, tax and labour reports (GET /hq/reports/dishes, /payment-methods, /taxes,
 * /labour) as tabs of the Chain sales screen beside its sales: a period, a site or group, rows per site or day,
 * and each report as a table per currency with the currency's total, the site's own report tables reused.
 */

/** The Chain sales screen's tabs: the sales report, then the four that add up the sites' reports. */
export const CHAIN_TABS = ['sales', 'dishes', 'methods', 'taxes', 'labour'] as const;
export type ChainTab = (typeof CHAIN_TABS)[number];
type MixTab = Exclude<ChainTab, 'sales'>;

/** '' is the API's absent groupBy: the selected sites and days added up. */
const GROUPINGS = ['', 'site', 'day'] as const;
type Grouping = (typeof GROUPINGS)[number];

type Dishes = Schemas['HqDishReportView'];
type Methods = Schemas['HqPaymentMethodsReportView'];
type Taxes = Schemas['HqTaxReportView'];
type Labour = Schemas['HqLabourReportView'];
/** What a row of any of the three is of: a site or day when grouped so, always one currency. */
type Key = Pick<Schemas['HqTaxRowView'], 'siteName' | 'businessDay' | 'currency'>;

interface Mix {
  dishes: Dishes;
  methods: Methods;
  taxes: Taxes;
  labour: Labour;
}

/** The range of business days the screen's tabs share. */
export interface Period {
  from: string;
  to: string;
  setFrom: (day: string) => void;
  setTo: (day: string) => void;
}

interface Query {
  from: string;
  to: string;
  siteId?: string;
  groupId?: string;
  groupBy?: 'site' | 'day';
}

const r = (key: string, values?: Record<string, unknown>) => t(`backOffice.hqReports.${key}`, values);
const c = (key: string, values?: Record<string, unknown>) => t(`backOffice.chain.${key}`, values);
const problemText = (error: unknown) => (error instanceof ApiError ? error.message : String(error));

/** The tabs above the screen's report. */
export function ChainTabs({ tab, onChange }: { tab: ChainTab; onChange: (tab: ChainTab) => void }) {
  return (
    <div class="tabs" role="tablist" aria-label={r('tabs')}>
      {CHAIN_TABS.map((each) => (
        <button
          key={each}
          type="button"
          role="tab"
          aria-selected={each === tab}
          onClick={() => onChange(each)}
        >
          {r(`tab.${each}`)}
        </button>
      ))}
    </div>
  );
}

/**
 * The filters and the report of `tab`. The four reports are read together, so going from tab to tab shows the
 * same period and selection at once; `hq.site_sales` (a site's sales arrived) reads them again.
 */
export function ChainMixReports({
  session,
  tab,
  period,
}: {
  session: StaffSession;
  tab: MixTab;
  period: Period;
}) {
  const [siteId, setSiteId] = useState('');
  const [groupId, setGroupId] = useState('');
  const [groupBy, setGroupBy] = useState<Grouping>('');
  const [query, setQuery] = useState<Query>({ from: period.from, to: period.to });
  const [version, setVersion] = useState(0);
  const [mix, setMix] = useState<Mix | null>(null);
  const [problem, setProblem] = useState('');
  const sites = usePage(
    (page) => ok(session.api.GET('/api/v1/hq/sites', { params: { query: { page, perPage: 100 } } })),
    'all',
  );
  const groups = usePage(
    (page) => ok(session.api.GET('/api/v1/hq/site-groups', { params: { query: { page, perPage: 100 } } })),
    'all',
  );

  useEffect(() => {
    const asked = { params: { query } };
    Promise.all([
      ok(session.api.GET('/api/v1/hq/reports/dishes', asked)),
      ok(session.api.GET('/api/v1/hq/reports/payment-methods', asked)),
      ok(session.api.GET('/api/v1/hq/reports/taxes', asked)),
      ok(session.api.GET('/api/v1/hq/reports/labour', asked)),
    ]).then(
      ([dishes, methods, taxes, labour]) => {
        setMix({ dishes, methods, taxes, labour });
        setProblem('');
      },
      (error: unknown) => setProblem(c('notLoaded', { problem: problemText(error) })),
    );
  }, [query, version, session]);
  useLiveReload(session, ['hq.site_sales'], () => setVersion((before) => before + 1));

  const show = (event: Event) => {
    event.preventDefault();
    setQuery({
      from: period.from,
      to: period.to,
      siteId: siteId || undefined,
      groupId: groupId || undefined,
      groupBy: groupBy || undefined,
    });
  };
  const choices = (all: string, items: Array<{ id: string; name: string }>) => [
    <option key="" value="">
      {all}
    </option>,
    ...items.map((item) => (
      <option key={item.id} value={item.id}>
        {item.name}
      </option>
    )),
  ];
  return (
    <div role="tabpanel" aria-label={r(`tab.${tab}`)}>
      <p class="muted">{r('intro')}</p>
      <form class="range" id="chain-mix" onSubmit={show}>
        <label>
          {c('sales.from')}
          <input type="date" value={period.from} onInput={(e) => period.setFrom(e.currentTarget.value)} />
        </label>
        <label>
          {c('sales.to')}
          <input type="date" value={period.to} onInput={(e) => period.setTo(e.currentTarget.value)} />
        </label>
        <label>
          <span id="chain-mix-site">{r('site')}</span>
          <select
            aria-labelledby="chain-mix-site"
            value={siteId}
            onChange={(e) => setSiteId(e.currentTarget.value)}
          >
            {choices(r('allSites'), sites.shown?.items ?? [])}
          </select>
        </label>
        <label>
          <span id="chain-mix-group">{r('group')}</span>
          <select
            aria-labelledby="chain-mix-group"
            value={groupId}
            onChange={(e) => setGroupId(e.currentTarget.value)}
          >
            {choices(r('allGroups'), groups.shown?.items ?? [])}
          </select>
        </label>
        <ChoiceSelect
          id="chain-mix-rows"
          label={r('rows')}
          value={groupBy}
          choices={GROUPINGS}
          text={(grouping) => r(`rowsBy.${grouping || 'all'}`)}
          onChange={setGroupBy}
        />
        <button type="submit">{c('sales.show')}</button>
      </form>
      <p class="problem" role="alert">
        {problem || sites.problem || groups.problem}
      </p>
      {mix && <MixReport tab={tab} mix={mix} />}
    </div>
  );
}

/** The first column of a report grouped by site or day: its head, and each row's site or day. */
function leadOf(groupBy: Grouping | null) {
  if (groupBy === 'site') return { head: c('columns.site'), of: (row: Key) => row.siteName ?? '' };
  if (groupBy === 'day')
    return {
      head: c('columns.day'),
      of: (row: Key) => (row.businessDay ? formats.day(row.businessDay) : ''),
    };
  return null;
}

const moneyIn = (currency: string) => (minor: number) => formats.moneyIn(minor, currency);

/** One report: a card per currency, in the order of the API's totals, each with its rows and its total. */
function MixReport({ tab, mix }: { tab: MixTab; mix: Mix }) {
  const report = mix[tab];
  const lead = leadOf(report.groupBy);
  const keyed = <T extends Key>(row: T) => ({ ...row, lead: lead?.of(row) });
  const total = <F extends object>(figures: F) => ({
    ...figures,
    name: r('total'),
    lead: lead ? '' : undefined,
  });
  const title = (currency: string) => r('inCurrency', { report: r(`tab.${tab}`), currency });
  const table = (currency: string) => {
    const props = { label: title(currency), lead: lead?.head, money: moneyIn(currency) };
    const mine = <T extends Key>(rows: T[]) => rows.filter((row) => row.currency === currency).map(keyed);
    if (tab === 'dishes') {
      const dishTotal = mix.dishes.totals.find((each) => each.currency === currency)!;
      const modifiers = mine(mix.dishes.modifiers);
      return (
        <>
          <DishTable
            {...props}
            lines={[
              ...mine(mix.dishes.dishes).map((row) => ({
                ...row,
                name: row.variationName ? `${row.name} (${row.variationName})` : row.name,
              })),
              total(dishTotal),
            ]}
          />
          {modifiers.length > 0 && (
            <DishTable
              {...props}
              label={r('modifiersIn', { currency })}
              lines={modifiers.map((row) => ({ ...row, name: `${row.groupName}: ${row.name}` }))}
            />
          )}
        </>
      );
    }
    if (tab === 'methods') {
      const methodTotal = mix.methods.totals.find((each) => each.currency === currency)!;
      return <MethodTable {...props} lines={[...mine(mix.methods.methods), total(methodTotal)]} />;
    }
    if (tab === 'labour') {
      return (
        <HqLabourTable
          label={title(currency)}
          lead={lead ?? undefined}
          rows={mix.labour.rows.filter((row) => row.currency === currency)}
          total={mix.labour.totals.find((each) => each.currency === currency)!}
          totalName={r('total')}
        />
      );
    }
    const taxTotal = mix.taxes.totals.find((each) => each.currency === currency)!;
    return <TaxTable {...props} lines={[...mine(mix.taxes.rows), total(taxTotal)]} />;
  };
  if (report.totals.length === 0) return <p class="muted">{c('sales.empty')}</p>;
  return (
    <>
      {report.totals.map(({ currency }) => (
        <section key={currency} class="card" aria-labelledby={`chain-${tab}-${currency}`}>
          <h2 id={`chain-${tab}-${currency}`}>{title(currency)}</h2>
          {table(currency)}
        </section>
      ))}
    </>
  );
}
