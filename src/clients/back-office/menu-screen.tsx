import { useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import type { StaffSession } from '../shared/staff-session';
import { DishList } from './dish-list';
import { useLiveReload } from './live-reload';
import { useMenuCatalog } from './menu-catalog';
import { CombosPanel, PriceLevelsPanel, PriceRulesPanel, SchedulesPanel } from './menu-extras';
import { CategoriesPanel, ModifierGroupsPanel, type PartProps, StationsPanel } from './menu-parts';
import { MenuTransfer } from './menu-transfer';

const TABS = [
  'dishes',
  'categories',
  'modifiers',
  'stations',
  'combos',
  'schedules',
  'priceLevels',
  'priceRules',
] as const;
type Tab = (typeof TABS)[number];
/** Price levels and rules are an admin's alone, reading them too. */
const ADMIN_TABS: readonly Tab[] = ['priceLevels', 'priceRules'];

const PANELS: Record<Exclude<Tab, 'dishes'>, (props: PartProps) => preact.JSX.Element> = {
  categories: CategoriesPanel,
  modifiers: ModifierGroupsPanel,
  stations: StationsPanel,
  combos: CombosPanel,
  schedules: SchedulesPanel,
  priceLevels: PriceLevelsPanel,
  priceRules: PriceRulesPanel,
};

/** Events that change what the menu screen shows, read again shortly after (a burst of 86es reads once). */
const MENU_EVENTS = ['menu.availability_changed', 'menu.updated'] as const;

/**
 * The menu: dishes with their variations, categories, modifier groups, stations, combos, schedules and (for an
 * admin) price levels and rules, one tab each. A manager may 86 dishes and variations; the rest is an admin's, as
 * the API has it. Above the tabs, the menu as CSV: its export, and
 * for an admin its import.
 */
export function MenuScreen({ session }: { session: StaffSession }) {
  const isAdmin = session.user?.role === 'admin';
  const tabs = TABS.filter((tab) => isAdmin || !ADMIN_TABS.includes(tab));
  const [tab, setTab] = useState<Tab>('dishes');
  const { catalog, reload, problem } = useMenuCatalog(session);

  // A dish 86ed on a tablet or the kitchen screen shows here too.
  useLiveReload(session, MENU_EVENTS, reload);

  const props: PartProps | null = catalog && { session, catalog, canEdit: isAdmin, onChanged: reload };
  const Panel = tab === 'dishes' ? null : PANELS[tab];
  return (
    <div id="menu-screen">
      <h1>{t('backOffice.menuScreen.heading')}</h1>
      <MenuTransfer session={session} canImport={isAdmin} onImported={reload} />
      <div class="tabs" role="tablist" aria-label={t('backOffice.menuScreen.tabs')}>
        {tabs.map((each) => (
          <button
            key={each}
            type="button"
            role="tab"
            aria-selected={each === tab}
            onClick={() => setTab(each)}
          >
            {t(`backOffice.menuScreen.tab.${each}`)}
          </button>
        ))}
      </div>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {!props && !problem && <p class="muted">{t('backOffice.form.loading')}</p>}
      {props && (
        <div role="tabpanel" aria-label={t(`backOffice.menuScreen.tab.${tab}`)}>
          {Panel ? <Panel {...props} /> : <DishList {...props} />}
        </div>
      )}
    </div>
  );
}
