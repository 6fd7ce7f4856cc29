import { countryOptions, timeZoneOptions } from './place-options';
import { useEffect, useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ApiError, ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { ChoiceSelect } from './choice-select';
import { CreateForm, optional } from './forms';
import { ChainMixReports, type ChainTab, ChainTabs } from './hq-mix-reports';
import { SiteZReports } from './hq-site-z-reports';
import { useLiveReload } from './live-reload';
import { FigureTable, Pager, usePage } from './paged-list';
import { SecretOnce } from './secret-once';

/**
 * Headquarters' screens (POS_ROLE=hq): the live board, the sites with their groups, links and Z reports, the
 * chain's sales (and its dish, payment-method and tax reports, hq-mix-reports.tsx).
 */

type LiveRow = Schemas['HqLiveSiteView'];
type Site = Schemas['HqSiteView'];
type NewSite = Schemas['CreateHqSiteInput'];
type Figures = Schemas['SalesFiguresView'];

const c = (key: string, values?: Record<string, unknown>) => t(`backOffice.chain.${key}`, values);
const problemText = (error: unknown) => (error instanceof ApiError ? error.message : String(error));

/** Orders, net sales (before tax), gross sales (with tax), refunds and tips of a row, in its currency. */
const figureCells = (row: Figures, currency: string) => [
  formats.number(row.orders),
  formats.moneyIn(row.salesExclTax, currency),
  formats.moneyIn(row.salesInclTax, currency),
  formats.moneyIn(row.refunds, currency),
  formats.moneyIn(row.tips, currency),
];
const FIGURE_HEAD = () => [
  c('columns.orders'),
  c('columns.salesExclTax'),
  c('columns.salesInclTax'),
  c('columns.refunds'),
  c('columns.tips'),
];

/** Every site's sales of its current business day, read again as `hq.site_sales` events come. */
export function LiveBoard({ session }: { session: StaffSession }) {
  const [board, setBoard] = useState<Schemas['HqLiveView'] | null>(null);
  const [problem, setProblem] = useState('');
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);

  const load = () =>
    ok(session.api.GET('/api/v1/hq/live')).then(
      (fresh) => {
        setBoard(fresh);
        setUpdatedAt(new Date());
        setProblem('');
      },
      (error: unknown) => setProblem(c('notLoaded', { problem: problemText(error) })),
    );
  useEffect(() => void load(), [session]);
  // The totals add the sites up: the board is read again rather than a row replaced and currencies added here.
  useLiveReload(session, ['hq.site_sales'], () => void load());

  const rows = (board?.sites ?? []).map((row: LiveRow) => [
    row.name,
    row.businessDay ? formats.day(row.businessDay) : c('live.noDay'),
    ...figureCells(row, row.currency),
  ]);
  const totals = (board?.totals ?? []).map((total) => [
    c('live.allSites', { currency: total.currency }),
    '',
    ...figureCells(total, total.currency),
  ]);
  return (
    <div id="live-board">
      <h1>{c('live.heading')}</h1>
      <p class="muted">{c('live.intro')}</p>
      <FigureTable
        label={c('live.heading')}
        head={[c('columns.site'), c('columns.day'), ...FIGURE_HEAD()]}
        rows={[...rows, ...totals]}
        numeric={[2, 3, 4, 5]}
        empty={c('sites.none')}
      />
      <p class="problem" role="alert">
        {problem}
      </p>
      {updatedAt && <p class="updated">{c('live.updated', { time: formats.time(updatedAt) })}</p>}
    </div>
  );
}

/** The sites with their link and how far their sales have come; the groups; adding either (admins). */
export function SitesScreen({ session }: { session: StaffSession }) {
  const admin = session.user?.role === 'admin';
  const sites = usePage(
    (page) => ok(session.api.GET('/api/v1/hq/sites', { params: { query: { page, perPage: 50 } } })),
    'all',
  );
  const groups = usePage(
    (page) => ok(session.api.GET('/api/v1/hq/site-groups', { params: { query: { page, perPage: 100 } } })),
    'all',
  );
  const [code, setCode] = useState<{ site: string; code: string } | null>(null);
  const [closesOf, setClosesOf] = useState<Site | null>(null);
  const [problem, setProblem] = useState('');
  const groupOptions = (groups.shown?.items ?? []).map((group) => ({ value: group.id, label: group.name }));
  const groupName = (id: string) => groupOptions.find((group) => group.value === id)?.label ?? id;

  const act = (work: Promise<unknown>) => {
    setProblem('');
    work.then(sites.reload, (error: unknown) =>
      setProblem(c('sites.refused', { problem: problemText(error) })),
    );
  };
  const newCode = (site: Site) =>
    act(
      ok(session.api.POST('/api/v1/hq/sites/{id}/link-code', { params: { path: { id: site.id } } })).then(
        (issued) => setCode({ site: site.name, code: issued.linkCode }),
      ),
    );
  const revoke = (site: Site) =>
    act(ok(session.api.DELETE('/api/v1/hq/sites/{id}/credential', { params: { path: { id: site.id } } })));

  return (
    <div id="sites">
      <h1>{c('sites.heading')}</h1>
      {code && (
        <SecretOnce
          label={c('sites.linkCode', { site: code.site })}
          secret={code.code}
          hint={c('sites.linkCodeHint')}
          onDone={() => setCode(null)}
        />
      )}
      <section class="card" aria-labelledby="site-list">
        <h2 id="site-list">{c('sites.list')}</h2>
        {sites.problem && <p class="problem">{sites.problem}</p>}
        <ul class="rows" aria-label={c('sites.list')}>
          {(sites.shown?.items ?? []).map((site) => (
            <li key={site.id} data-state={site.link.state}>
              <strong>{site.name}</strong> · {c(`states.${site.link.state}`)} ·{' '}
              {c('sites.lastContact', {
                at: site.link.lastContactAt ? formats.dateTime(site.link.lastContactAt) : c('sites.never'),
              })}{' '}
              ·{' '}
              {c('sites.sales', {
                cursor: formats.number(site.sales.cursor),
                at: site.sales.receivedAt ? formats.dateTime(site.sales.receivedAt) : c('sites.never'),
              })}
              {site.sales.pendingBatches > 0 &&
                ` · ${c('sites.pending', {
                  batches: formats.number(site.sales.pendingBatches),
                  since: formats.dateTime(site.sales.pendingSince!),
                })}`}
              {site.sales.refusal !== null && (
                <span class="problem">
                  {' · '}
                  {c('sites.salesRefused', { at: formats.dateTime(site.sales.refusedAt!) })}{' '}
                  {site.sales.refusal}
                </span>
              )}
              {site.groupIds.length > 0 && ` · ${site.groupIds.map(groupName).join(', ')}`}{' '}
              <button
                type="button"
                aria-label={t('backOffice.hqReports.zReports.openOf', { site: site.name })}
                onClick={() => setClosesOf(site)}
              >
                {t('backOffice.hqReports.zReports.open')}
              </button>{' '}
              {admin && (
                <button type="button" onClick={() => newCode(site)}>
                  {c('sites.newCode')}
                </button>
              )}{' '}
              {admin && site.link.state === 'linked' && (
                <button type="button" onClick={() => revoke(site)}>
                  {c('sites.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
        {sites.shown?.items.length === 0 && <p class="muted">{c('sites.none')}</p>}
        {sites.shown && <Pager {...sites.shown} page={sites.page} go={sites.go} />}
        <p class="problem" role="alert">
          {problem}
        </p>
      </section>
      {closesOf && (
        <SiteZReports key={closesOf.id} session={session} site={closesOf} onHide={() => setClosesOf(null)} />
      )}
      {admin && (
        <section class="card" aria-labelledby="site-new">
          <h2 id="site-new">{c('sites.add')}</h2>
          <CreateForm
            id="site"
            fields={[
              { name: 'name', label: c('sites.name') },
              { name: 'address', label: c('sites.address'), type: 'lines' },
              { name: 'taxId', label: c('sites.taxId') },
              {
                name: 'timezone',
                label: c('sites.timezone'),
                type: 'select',
                initial: formats.settings.timeZone,
                options: timeZoneOptions(formats.settings.timeZone),
              },
              { name: 'currency', label: c('sites.currency'), initial: formats.settings.currency },
              {
                name: 'country',
                label: c('sites.country'),
                type: 'select',
                initial: '',
                options: countryOptions(c('sites.chooseCountry')),
              },
              { name: 'groupIds', label: c('sites.groups'), type: 'choices', options: groupOptions },
            ]}
            submitLabel={c('sites.addButton')}
            submit={(values) =>
              ok(
                session.api.POST('/api/v1/hq/sites', {
                  body: {
                    name: values.name,
                    address: values.address.split('\n').filter((line) => line.trim() !== ''),
                    taxId: optional(values.taxId) ?? null,
                    timezone: values.timezone as NewSite['timezone'],
                    currency: values.currency.trim().toUpperCase(),
                    // None chosen is sent as it is: the API's refusal shows beside the field.
                    country: values.country as NewSite['country'],
                    groupIds: values.groupIds === '' ? [] : values.groupIds.split(','),
                  },
                }),
              ).then((added) => setCode({ site: added.site.name, code: added.linkCode }))
            }
            onSaved={sites.reload}
          />
        </section>
      )}
      <section class="card" aria-labelledby="site-groups">
        <h2 id="site-groups">{c('groups.heading')}</h2>
        <FigureTable
          label={c('groups.heading')}
          head={[c('groups.name'), c('groups.parent')]}
          rows={(groups.shown?.items ?? []).map((group) => [
            group.name,
            group.parentId ? groupName(group.parentId) : '–',
          ])}
          empty={c('groups.none')}
        />
        {admin && (
          <CreateForm
            id="site-group"
            fields={[
              { name: 'name', label: c('groups.name') },
              {
                name: 'parentId',
                label: c('groups.parent'),
                type: 'select',
                options: [{ value: '', label: c('groups.noParent') }, ...groupOptions],
              },
            ]}
            submitLabel={c('groups.add')}
            submit={(values) =>
              ok(
                session.api.POST('/api/v1/hq/site-groups', {
                  body: { name: values.name, parentId: optional(values.parentId) },
                }),
              )
            }
            onSaved={groups.reload}
          />
        )}
      </section>
    </div>
  );
}

const GROUPINGS = ['site', 'group', 'day', 'channel'] as const;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The chain's sales over a range of business days, by site, group, day or channel, never adding currencies; and
 * in tabs beside them, over the same days, its dishes, payment methods and taxes.
 */
export function ChainSalesScreen({ session }: { session: StaffSession }) {
  const [tab, setTab] = useState<ChainTab>('sales');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today());
  const [groupBy, setGroupBy] = useState<(typeof GROUPINGS)[number]>('site');
  const [report, setReport] = useState<Schemas['HqSalesReportView'] | null>(null);
  const [problem, setProblem] = useState('');
  const [ready, setReady] = useState(false);
  const show = (event?: Event, period = { from, to }) => {
    event?.preventDefault();
    const query = { ...period, groupBy };
    ok(session.api.GET('/api/v1/hq/reports/sales', { params: { query } })).then(
      (answer) => {
        setReport(answer);
        setProblem('');
      },
      (error: unknown) => setProblem(c('notLoaded', { problem: problemText(error) })),
    );
  };
  // The period starts as the sites' open business days, not the browser's UTC date: each site counts its day in
  // its own time zone from its own start of day, so after midnight UTC a Berlin site still trades on yesterday.
  useEffect(() => {
    const start = (period?: { from: string; to: string }) => {
      if (period) {
        setFrom(period.from);
        setTo(period.to);
      }
      setReady(true);
      show(undefined, period);
    };
    ok(session.api.GET('/api/v1/hq/live')).then(
      (board) => {
        const days = board.sites.flatMap((site) => (site.businessDay ? [site.businessDay] : [])).sort();
        start(days.length > 0 ? { from: days[0], to: days[days.length - 1] } : undefined);
      },
      () => start(),
    );
  }, [session]);

  const label = (row: Schemas['HqSalesRowView']) =>
    row.key === null
      ? c('sales.noGroup')
      : groupBy === 'day'
        ? row.name
        : groupBy === 'channel' && row.key === 'own'
          ? c('sales.own')
          : row.name;
  return (
    <div id="chain-sales">
      <h1>{c('sales.heading')}</h1>
      <ChainTabs tab={tab} onChange={setTab} />
      {tab !== 'sales' ? (
        <ChainMixReports session={session} tab={tab} period={{ from, to, setFrom, setTo }} />
      ) : (
        <div role="tabpanel" aria-label={t('backOffice.hqReports.tab.sales')}>
          <form class="range" onSubmit={show}>
            <label>
              {c('sales.from')}
              <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
            </label>
            <label>
              {c('sales.to')}
              <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
            </label>
            <ChoiceSelect
              id="chain-sales-group-by"
              label={c('sales.groupBy')}
              value={groupBy}
              choices={GROUPINGS}
              text={(grouping) => c(`sales.groupings.${grouping}`)}
              onChange={setGroupBy}
            />
            <button type="submit" disabled={!ready}>
              {c('sales.show')}
            </button>
          </form>
          <p class="problem" role="alert">
            {problem}
          </p>
          {report && (
            <FigureTable
              label={c('sales.heading')}
              head={[c(`sales.groupings.${report.groupBy}`), c('columns.currency'), ...FIGURE_HEAD()]}
              rows={[
                ...report.rows.map((row) => [label(row), row.currency, ...figureCells(row, row.currency)]),
                ...report.totals.map((total) => [
                  c('live.allSites', { currency: total.currency }),
                  total.currency,
                  ...figureCells(total, total.currency),
                ]),
              ]}
              numeric={[2, 3, 4, 5]}
              empty={c('sales.empty')}
            />
          )}
        </div>
      )}
    </div>
  );
}
