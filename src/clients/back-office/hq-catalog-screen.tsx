import { useEffect, useRef, useState } from 'preact/hooks';
import { everyPage, ok, PER_PAGE } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { CatalogDishes } from './hq-catalog-dishes';
import { DishForm, StationForm } from './hq-catalog-forms';
import { CategoriesCard, SchedulesAndLevels } from './hq-catalog-levels';
import { type CatalogView, ModifiersAndTaxes } from './hq-catalog-modifiers';
import { type Catalog, type Chain, type Effective, h, type HqDish, problemText } from './hq-catalog-parts';
import { type OverrideBody, OverrideForm, OverridesTable, type OverrideTarget } from './hq-overrides';
import { FigureTable } from './paged-list';

/**
 * Headquarters' master catalog (POS_ROLE=hq): categories, stations, dishes with their variations and prices,
 * modifier groups with their options, tax mappings, menu schedules, price levels, and the forms that add or
 * replace them (admins). A site picker shows one site's effective catalog instead, each price, option and percent
 * inherited or overridden and by whom, what is left off there, with the buttons that override it for the site or a
 * group.
 */
export function HqCatalogScreen({ session }: { session: StaffSession }) {
  const admin = session.user?.role === 'admin';
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [chain, setChain] = useState<Chain>({ sites: [], groups: [] });
  const [siteId, setSiteId] = useState('');
  const [effective, setEffective] = useState<Effective | null>(null);
  const [problem, setProblem] = useState('');
  const [target, setTarget] = useState<OverrideTarget | null>(null);
  const [editing, setEditing] = useState<HqDish | null>(null);
  // The site chosen last: an answer for one chosen before it is dropped.
  const chosen = useRef('');
  chosen.current = siteId;
  const notLoaded = (error: unknown) => setProblem(h('notLoaded', { problem: problemText(error) }));

  const loadCatalog = () => ok(session.api.GET('/api/v1/hq/catalog')).then(setCatalog, notLoaded);
  const loadEffective = (id: string) => {
    if (id === '') return setEffective(null);
    ok(session.api.GET('/api/v1/hq/sites/{id}/effective-catalog', { params: { path: { id } } })).then(
      (fresh) => {
        if (fresh.siteId === chosen.current) setEffective(fresh);
      },
      notLoaded,
    );
  };
  useEffect(() => {
    void loadCatalog();
    const query = (page: number) => ({ params: { query: { page, perPage: PER_PAGE } } });
    Promise.all([
      everyPage((page) => ok(session.api.GET('/api/v1/hq/sites', query(page)))),
      everyPage((page) => ok(session.api.GET('/api/v1/hq/site-groups', query(page)))),
    ]).then(([sites, groups]) => setChain({ sites, groups }), notLoaded);
  }, [session]);
  useEffect(() => {
    setEffective(null);
    setTarget(null);
    loadEffective(siteId);
  }, [siteId]);
  // The override form opens above the lists: brought into view from a button far down (an option's, a mapping's).
  useEffect(() => {
    if (target) document.getElementById('override-heading')?.scrollIntoView({ block: 'nearest' });
  }, [target]);

  const reload = () => {
    setProblem('');
    void loadCatalog();
    loadEffective(siteId);
  };
  const put = (body: OverrideBody) => {
    setProblem('');
    ok(session.api.PUT('/api/v1/hq/overrides', { body })).then(reload, (error: unknown) =>
      setProblem(h('refused', { problem: problemText(error) })),
    );
  };
  const site = chain.sites.find((each) => each.id === siteId) ?? null;
  // What the lists show: the organisation's catalog, or the chosen site's once its effective catalog is read.
  const view: CatalogView | null =
    catalog && (site === null || effective !== null)
      ? { catalog, chain, site, effective: site ? effective : null, admin, onOverride: setTarget, put }
      : null;

  return (
    <div id="hq-catalog">
      <h1>{h('heading')}</h1>
      <p class="muted">{h('intro')}</p>
      <div class="site-picker">
        <label for="hq-catalog-site">{h('show')}</label>
        <select id="hq-catalog-site" value={siteId} onChange={(e) => setSiteId(e.currentTarget.value)}>
          <option value="">{h('organisation')}</option>
          {chain.sites.map((each) => (
            <option key={each.id} value={each.id}>
              {each.name}
            </option>
          ))}
        </select>
      </div>
      {site && <p class="muted">{h('siteIntro', { site: site.name })}</p>}
      <p class="problem" role="alert">
        {problem}
      </p>
      {admin && site && target && (
        <OverrideForm
          session={session}
          chain={chain}
          site={site}
          target={target}
          onSaved={() => {
            setTarget(null);
            reload();
          }}
          onCancel={() => setTarget(null)}
        />
      )}
      <section class="card" aria-labelledby="hq-dishes">
        <h2 id="hq-dishes">{h('dishes')}</h2>
        {view === null ? (
          <p class="muted">{h('loading')}</p>
        ) : (
          <CatalogDishes
            {...view}
            onEdit={(dish) => {
              setEditing(dish);
              document.getElementById('hq-dish-form')?.scrollIntoView();
            }}
          />
        )}
      </section>
      {view && <ModifiersAndTaxes session={session} reload={reload} {...view} />}
      {view && <SchedulesAndLevels session={session} reload={reload} {...view} />}
      {catalog && !site && (
        <section class="card" aria-labelledby="hq-overrides">
          <h2 id="hq-overrides">{h('overrides')}</h2>
          <OverridesTable catalog={catalog} chain={chain} admin={admin} put={put} />
        </section>
      )}
      {catalog && admin && !site && (
        <section class="card" aria-labelledby="hq-dish-form">
          <h2 id="hq-dish-form">{editing ? h('dish.editing', { name: editing.name }) : h('dish.heading')}</h2>
          <DishForm
            key={editing?.hqKey ?? ''}
            session={session}
            catalog={catalog}
            dish={editing ?? undefined}
            onSaved={() => {
              setEditing(null);
              reload();
            }}
            onCancel={editing ? () => setEditing(null) : undefined}
          />
        </section>
      )}
      {catalog && (
        <div class="columns">
          <CategoriesCard session={session} catalog={catalog} site={site} admin={admin} reload={reload} />
          <section class="card" aria-labelledby="hq-stations">
            <h2 id="hq-stations">{h('stations')}</h2>
            <FigureTable
              label={h('stations')}
              head={[h('columns.key'), h('columns.name')]}
              rows={catalog.stations.map((each) => [each.hqKey, each.name])}
              empty={h('noStation')}
            />
            {admin && (
              <>
                <h3>{h('station.heading')}</h3>
                <StationForm session={session} catalog={catalog} onSaved={reload} />
              </>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
