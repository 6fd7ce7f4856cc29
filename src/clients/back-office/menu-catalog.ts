import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import { everyPage, ok, PER_PAGE, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';

/** Everything the menu screen shows and picks from, each list read whole (a menu has hundreds of dishes, not more). */
export interface MenuCatalog {
  dishes: Array<Schemas['DishView']>;
  categories: Array<Schemas['CategoryView']>;
  stations: Array<Schemas['StationView']>;
  modifierGroups: Array<Schemas['ModifierGroupView']>;
  ingredients: Array<Schemas['StockedIngredientView']>;
  taxRates: Array<Schemas['TaxRateView']>;
  schedules: Array<Schemas['MenuScheduleView']>;
}

/** The catalog, how to read it again after a change, and why it could not be read. */
export interface MenuCatalogState {
  catalog: MenuCatalog | null;
  reload: () => void;
  problem: string;
}

const page = (number: number) => ({ params: { query: { page: number, perPage: PER_PAGE } } });

async function readCatalog(session: StaffSession): Promise<MenuCatalog> {
  const api = session.api;
  const [dishes, categories, stations, modifierGroups, ingredients, taxRates, schedules] = await Promise.all([
    everyPage((n) => ok(api.GET('/api/v1/dishes', page(n)))),
    everyPage((n) => ok(api.GET('/api/v1/categories', page(n)))),
    everyPage((n) => ok(api.GET('/api/v1/stations', page(n)))),
    everyPage((n) => ok(api.GET('/api/v1/modifier-groups', page(n)))),
    everyPage((n) => ok(api.GET('/api/v1/ingredients', page(n)))),
    everyPage((n) => ok(api.GET('/api/v1/tax-rates', page(n)))),
    everyPage((n) => ok(api.GET('/api/v1/menu-schedules', page(n)))),
  ]);
  return { dishes, categories, stations, modifierGroups, ingredients, taxRates, schedules };
}

/** The menu's lists, read at first and again on `reload()`; a reload keeps showing the last ones meanwhile. */
export function useMenuCatalog(session: StaffSession): MenuCatalogState {
  const [catalog, setCatalog] = useState<MenuCatalog | null>(null);
  const [problem, setProblem] = useState('');
  const reload = useCallback(() => {
    readCatalog(session).then(
      (fresh) => {
        setCatalog(fresh);
        setProblem('');
      },
      (error: unknown) =>
        setProblem(t('backOffice.form.notLoaded', { problem: error instanceof Error ? error.message : '' })),
    );
  }, [session]);
  useEffect(reload, [reload]);
  return { catalog, reload, problem };
}

/** A list's entries as a select's options, by id and name. */
export const optionsOf = (items: Array<{ id: string; name: string }>) =>
  items.map((item) => ({ value: item.id, label: item.name }));

/** The id of each checked checkbox field named `prefix:id`. */
export const checkedIds = (values: Record<string, string>, prefix: string): string[] =>
  Object.entries(values)
    .filter(([name, value]) => name.startsWith(`${prefix}:`) && value === 'true')
    .map(([name]) => name.slice(prefix.length + 1));
