import { useMemo, useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ok } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { DishEditor } from './dish-editor';
import { CreateForm, minorUnitsOf, optional, refuseField, type Values } from './forms';
import { HqBadge, isFromHq } from './hq-owned';
import { type MenuCatalog, optionsOf } from './menu-catalog';

/** Dishes shown per page: a page a manager reads at a glance, whatever the menu's size. */
const DISHES_PER_PAGE = 25;

const m = (key: string, values?: Record<string, unknown>) => t(`backOffice.menuScreen.${key}`, values);

/**
 * The dishes: filtered by name and category and paged here, over the whole list read once (a filter answers as
 * the manager types); the dish picked opens in its editor, and a form adds a dish.
 */
export function DishList({
  session,
  catalog,
  canEdit,
  onChanged,
}: {
  session: StaffSession;
  catalog: MenuCatalog;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const [text, setText] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [pageNumber, setPageNumber] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const categoryName = useMemo(
    () => new Map(catalog.categories.map((category) => [category.id, category.name])),
    [catalog.categories],
  );
  const matching = useMemo(() => {
    const wanted = text.trim().toLocaleLowerCase();
    return catalog.dishes.filter(
      (dish) =>
        (categoryId === '' || dish.categoryId === categoryId) &&
        (wanted === '' || dish.name.toLocaleLowerCase().includes(wanted)),
    );
  }, [catalog.dishes, text, categoryId]);
  const pages = Math.max(1, Math.ceil(matching.length / DISHES_PER_PAGE));
  const shownPage = Math.min(pageNumber, pages);
  const shown = matching.slice((shownPage - 1) * DISHES_PER_PAGE, shownPage * DISHES_PER_PAGE);
  const open = catalog.dishes.find((dish) => dish.id === openId) ?? null;

  return (
    <div class="dish-list">
      <div class="filters" role="search">
        <label>
          {m('filterName')}
          <input
            type="search"
            value={text}
            onInput={(e) => {
              setText(e.currentTarget.value);
              setPageNumber(1);
            }}
          />
        </label>
        <label>
          {m('filterCategory')}
          <select
            value={categoryId}
            onChange={(e) => {
              setCategoryId(e.currentTarget.value);
              setPageNumber(1);
            }}
          >
            <option value="">{m('everyCategory')}</option>
            {optionsOf(catalog.categories).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <span class="muted" aria-live="polite">
          {m('dishCount', { count: matching.length })}
        </span>
      </div>
      {shown.length === 0 ? (
        <p class="muted">{m('noDishes')}</p>
      ) : (
        <table class="dishes" aria-label={m('dishes')}>
          <thead>
            <tr>
              <th>{m('dishName')}</th>
              <th>{m('category')}</th>
              <th>{m('prices')}</th>
              <th>{m('availability')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((dish) => (
              <tr key={dish.id} aria-current={dish.id === openId ? 'true' : undefined}>
                <td>
                  <button type="button" class="link" onClick={() => setOpenId(dish.id)}>
                    {dish.name}
                  </button>
                  {isFromHq(dish) && <HqBadge />}
                </td>
                <td>{categoryName.get(dish.categoryId) ?? ''}</td>
                <td>
                  {dish.variations
                    .map((variation) =>
                      m(variation.available ? 'variationPrice' : 'variationPriceOut', {
                        name: variation.name,
                        price: formats.money(variation.price),
                      }),
                    )
                    .join(' · ')}
                </td>
                <td>{m(dish.available ? 'available' : 'soldOut')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label={m('pages')}>
        <button type="button" disabled={shownPage <= 1} onClick={() => setPageNumber(shownPage - 1)}>
          {m('previous')}
        </button>
        <span>{m('pageOf', { page: shownPage, pages })}</span>
        <button type="button" disabled={shownPage >= pages} onClick={() => setPageNumber(shownPage + 1)}>
          {m('next')}
        </button>
      </nav>
      {open && (
        <DishEditor
          key={open.id}
          session={session}
          dish={open}
          catalog={catalog}
          canEdit={canEdit}
          onChanged={onChanged}
          onClose={() => setOpenId(null)}
        />
      )}
      {canEdit && <NewDish session={session} catalog={catalog} onSaved={onChanged} />}
    </div>
  );
}

/** A new dish: its name, category, station, tax rate, and the price of its first variation. */
function NewDish({
  session,
  catalog,
  onSaved,
}: {
  session: StaffSession;
  catalog: MenuCatalog;
  onSaved: () => void;
}) {
  const currency = formats.settings.currency;
  const add = (values: Values) => {
    const price = minorUnitsOf(values.price, currency);
    if (Number.isNaN(price)) refuseField('price', t('backOffice.form.notAmount'));
    const taxRateId = optional(values.taxRateId);
    return ok(
      session.api.POST('/api/v1/dishes', {
        body: {
          name: values.name,
          categoryId: values.categoryId,
          stationId: optional(values.stationId) ?? null,
          price,
          ...(taxRateId ? { taxRateIds: [taxRateId] } : {}),
        },
      }),
    );
  };
  return (
    <section aria-labelledby="new-dish-title">
      <h2 id="new-dish-title">{m('newDish')}</h2>
      <CreateForm
        id="new-dish"
        submitLabel={m('addDish')}
        fields={[
          { name: 'name', label: m('dishName') },
          {
            name: 'categoryId',
            label: m('category'),
            type: 'select',
            options: optionsOf(catalog.categories),
          },
          {
            name: 'stationId',
            label: m('station'),
            type: 'select',
            options: [{ value: '', label: m('noStation') }, ...optionsOf(catalog.stations)],
          },
          { name: 'price', label: m('price', { currency }), type: 'number' },
          {
            name: 'taxRateId',
            label: m('taxRate'),
            type: 'select',
            options: [{ value: '', label: m('categoryTaxRate') }, ...optionsOf(catalog.taxRates)],
          },
        ]}
        submit={add}
        onSaved={onSaved}
      />
    </section>
  );
}
