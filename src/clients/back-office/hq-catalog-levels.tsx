import type { StaffSession } from '../shared/staff-session';
import { Hint } from './forms';
import { BringBack, LeaveOff } from './hq-catalog-dishes';
import { CategoryForm } from './hq-catalog-forms';
import { type CatalogView, EntryCard } from './hq-catalog-modifiers';
import {
  absentText,
  type Catalog,
  h,
  type HqCategory,
  type HqPriceLevel,
  type HqSchedule,
  money,
  orderTypeName,
  scheduleName,
  windowText,
} from './hq-catalog-parts';
import { PriceLevelForm, ScheduleForm } from './hq-level-forms';
import { entryName } from './hq-overrides';

/**
 * Headquarters' menu schedules and price levels, and the categories with the schedule each is on. With a site
 * chosen, what that site gets: each level's prices of the variations there beside their list price there, a level
 * left off there and by whom, and (admins) the buttons that leave it off and bring it back.
 */

/** An Edit button, naming its entry for a screen reader. */
function EditButton({ name, onClick }: { name: string; onClick: () => void }) {
  return (
    <button type="button" aria-label={h('editOf', { name })} onClick={onClick}>
      {h('edit')}
    </button>
  );
}

/** The categories with their order and menu schedule; (admins, the organisation's view) each with Edit. */
export function CategoriesList({
  catalog,
  site,
  admin,
  onEdit,
}: Pick<CatalogView, 'catalog' | 'site' | 'admin'> & { onEdit: (category: HqCategory) => void }) {
  if (catalog.categories.length === 0) return <p class="muted">{h('noCategory')}</p>;
  const editing = admin && site === null;
  return (
    <div class="table-scroll">
      <table class="list" aria-label={h('categories')}>
        <thead>
          <tr>
            <th scope="col">{h('columns.key')}</th>
            <th scope="col">{h('columns.name')}</th>
            <th scope="col" class="number">
              {h('columns.order')}
            </th>
            <th scope="col">{h('columns.schedule')}</th>
            {editing && <th scope="col">{h('columns.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {catalog.categories.map((category) => (
            <tr key={category.hqKey} data-key={category.hqKey}>
              <td>{category.hqKey}</td>
              <td>{category.name}</td>
              <td class="number">{category.sortOrder}</td>
              <td>
                {category.scheduleKey === null
                  ? h('noScheduleChosen')
                  : scheduleName(catalog, category.scheduleKey)}
              </td>
              {editing && (
                <td class="actions">
                  <EditButton name={category.name} onClick={() => onEdit(category)} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The categories and dishes on a schedule, at the site when one is chosen: "categories Pizza · dishes Soup". */
function usedBy(shown: Pick<Catalog, 'categories' | 'dishes'>, key: string): string {
  const names = (entries: Array<{ name: string; scheduleKey: string | null }>) =>
    entries
      .filter((each) => each.scheduleKey === key)
      .map((each) => each.name)
      .join(', ');
  const [categories, dishes] = [names(shown.categories), names(shown.dishes)];
  const parts = [
    categories && h('usedByCategories', { names: categories }),
    dishes && h('usedByDishes', { names: dishes }),
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : '–';
}

/** The menu schedules: each window by weekday and time, and what is on it; (admins) each with Edit. */
export function SchedulesList({
  catalog,
  site,
  effective,
  admin,
  onEdit,
}: Pick<CatalogView, 'catalog' | 'site' | 'effective' | 'admin'> & {
  onEdit: (schedule: HqSchedule) => void;
}) {
  if (catalog.schedules.length === 0) return <p class="muted">{h('noSchedule')}</p>;
  const editing = admin && site === null;
  return (
    <div class="table-scroll">
      <table class="list catalog" aria-label={h('schedules')}>
        <thead>
          <tr>
            <th scope="col">{h('columns.name')}</th>
            <th scope="col">{h('columns.key')}</th>
            <th scope="col">{h('columns.when')}</th>
            <th scope="col">{h('columns.usedBy')}</th>
            {editing && <th scope="col">{h('columns.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {catalog.schedules.map((schedule) => (
            <tr key={schedule.hqKey} data-key={schedule.hqKey}>
              <td>{schedule.name}</td>
              <td>{schedule.hqKey}</td>
              <td>
                {schedule.windows.map((window, index) => (
                  <div key={index} class="window">
                    {windowText(window)}
                  </div>
                ))}
              </td>
              <td>{usedBy(effective ?? catalog, schedule.hqKey)}</td>
              {editing && (
                <td class="actions">
                  <EditButton name={schedule.name} onClick={() => onEdit(schedule)} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The price levels: each with the order types it prices, and each variation it prices ("Dish — Variation") with
 * the level's price beside the list price. With a site chosen, the site's prices, or that the level is left off
 * there and by whom.
 */
export function PriceLevelsList({
  catalog,
  chain,
  site,
  effective,
  admin,
  onOverride,
  put,
  onEdit,
}: CatalogView & { onEdit: (level: HqPriceLevel) => void }) {
  if (catalog.priceLevels.length === 0) return <p class="muted">{h('noLevel')}</p>;
  const atSite = site !== null && effective !== null;
  const currency = atSite ? site.currency : undefined;
  const listPrice = (variationKey: string) =>
    (effective ?? catalog).dishes
      .flatMap((dish) => dish.variations)
      .find((variation) => variation.hqKey === variationKey)?.price;
  return (
    <>
      {catalog.priceLevels.map((level) => {
        const { hqKey, name } = level;
        const gone = effective?.absent.find((entry) => entry.kind === 'priceLevel' && entry.hqKey === hqKey);
        const shown = atSite ? effective.priceLevels.find((each) => each.hqKey === hqKey) : level;
        const types =
          level.orderTypes.length > 0
            ? h('orderTypesOf', { types: level.orderTypes.map(orderTypeName).join(', ') })
            : h('noOrderType');
        return (
          <div key={hqKey} class="hq-category" data-key={hqKey}>
            <h3>
              {name}
              <span class="muted">
                {' '}
                {hqKey} · {types}
              </span>
              {atSite && gone && <span class="absent"> {absentText(chain, gone.scope)}</span>}
              {admin && (
                <span class="row-actions">
                  {!atSite && <EditButton name={name} onClick={() => onEdit(level)} />}
                  {atSite && !gone && (
                    <LeaveOff kind="priceLevel" hqKey={hqKey} name={name} onOverride={onOverride} />
                  )}
                  {atSite && gone && (
                    <BringBack kind="priceLevel" hqKey={hqKey} name={name} scope={gone.scope} put={put} />
                  )}
                </span>
              )}
            </h3>
            {gone || !shown ? null : shown.prices.length === 0 ? (
              <p class="muted">{h('noLevelPrice')}</p>
            ) : (
              <div class="table-scroll">
                <table class="list catalog" aria-label={name}>
                  <thead>
                    <tr>
                      <th scope="col">{h('columns.variation')}</th>
                      <th scope="col">{h('columns.key')}</th>
                      <th scope="col" class="number">
                        {h('columns.levelPrice')}
                      </th>
                      <th scope="col" class="number">
                        {h('columns.listPrice')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.prices.map(({ variationKey, price }) => {
                      const before = listPrice(variationKey);
                      return (
                        <tr key={variationKey} data-key={variationKey}>
                          <td>{entryName(catalog, 'variation', variationKey)}</td>
                          <td>{variationKey}</td>
                          <td class="number">{money(price, currency)}</td>
                          <td class="number">{before === undefined ? '–' : money(before, currency)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        );
      })}
    </>
  );
}

/**
 * The catalog screen's menu schedules and price levels: each list, and (admins, for the organisation) the form
 * that adds or replaces one, filled with an entry's values by its Edit button.
 */
export function SchedulesAndLevels({
  session,
  reload,
  ...view
}: CatalogView & { session: StaffSession; reload: () => void }) {
  const forms = view.admin && view.site === null;
  const saved = (done: () => void) => () => {
    done();
    reload();
  };
  return (
    <>
      <EntryCard<HqSchedule>
        id="hq-schedule"
        title={h('schedules')}
        showForm={forms}
        heading={(schedule) =>
          schedule ? h('scheduleForm.editing', { name: schedule.name }) : h('scheduleForm.heading')
        }
        list={(onEdit) => <SchedulesList {...view} onEdit={onEdit} />}
        form={(schedule, done) => (
          <>
            <Hint text={h('scheduleForm.hint')} />
            <ScheduleForm
              key={schedule?.hqKey ?? ''}
              session={session}
              catalog={view.catalog}
              schedule={schedule ?? undefined}
              onSaved={saved(done)}
              onCancel={schedule ? done : undefined}
            />
          </>
        )}
      />
      <EntryCard<HqPriceLevel>
        id="hq-price-level"
        title={h('priceLevels')}
        showForm={forms}
        heading={(level) => (level ? h('levelForm.editing', { name: level.name }) : h('levelForm.heading'))}
        list={(onEdit) => <PriceLevelsList {...view} onEdit={onEdit} />}
        form={(level, done) => (
          <>
            <Hint text={h('levelForm.hint')} />
            <PriceLevelForm
              key={level?.hqKey ?? ''}
              session={session}
              catalog={view.catalog}
              level={level ?? undefined}
              onSaved={saved(done)}
              onCancel={level ? done : undefined}
            />
          </>
        )}
      />
    </>
  );
}

/** The categories' card: the list, and (admins) the form that adds a category or edits the one chosen. */
export function CategoriesCard({
  session,
  catalog,
  site,
  admin,
  reload,
}: Pick<CatalogView, 'catalog' | 'site' | 'admin'> & { session: StaffSession; reload: () => void }) {
  return (
    <EntryCard<HqCategory>
      id="hq-category"
      title={h('categories')}
      showForm={admin}
      heading={(category) =>
        category ? h('category.editing', { name: category.name }) : h('category.heading')
      }
      list={(onEdit) => <CategoriesList catalog={catalog} site={site} admin={admin} onEdit={onEdit} />}
      form={(category, done) => (
        <CategoryForm
          key={category?.hqKey ?? ''}
          session={session}
          catalog={catalog}
          category={category ?? undefined}
          onSaved={() => {
            done();
            reload();
          }}
          onCancel={category ? done : undefined}
        />
      )}
    />
  );
}
