import { useEffect, useRef, useState } from 'preact/hooks';
import type { LineDraft } from '../state/changes';
import { t } from '../../../i18n/browser/page-i18n';
import { allergensHit, DishDialog } from './dish-dialog';
import { money } from '../state/floor';
import type { Shift } from '../state/shift';
import { type Dish, priceAt } from '../state/menu';
import { allergenNames } from '../../shared/allergen-names';

interface MenuPickerProps {
  shift: Shift;
  guests: number;
  /** The table's area, for its price level; null at the counter. */
  locationId: string | null;
  /** The allergies of the guest attached to the order: dishes containing one are marked. */
  guestAllergens: readonly string[];
  onLine: (line: LineDraft) => void;
}

/**
 * The menu as it can be ordered now (schedules, 86'd and sold-out dishes follow the service live), by category or
 * by search. A dish with one variation and nothing to choose goes straight into the basket.
 */
export function MenuPicker({ shift, guests, locationId, guestAllergens, onLine }: MenuPickerProps) {
  const { store } = shift;
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [dish, setDish] = useState<Dish | null>(null);
  const pane = useRef<HTMLElement>(null);
  // On a phone the menu opens below the order: bring it into view, not leave it under the fold.
  useEffect(() => pane.current?.scrollIntoView({ block: 'start' }), []);
  const priceLevelId = store.locations.find((location) => location.id === locationId)?.priceLevelId ?? null;
  const categories = store.menu.categories.filter((category) => category.dishes.length > 0);
  const searching = query.trim().toLowerCase();
  const dishes = searching
    ? categories
        .flatMap((category) => category.dishes)
        .filter((entry) => entry.name.toLowerCase().includes(searching))
    : ((categories.find((category) => category.id === categoryId) ?? categories[0])?.dishes ?? []);
  const shownCategory = categoryId ?? categories[0]?.id;

  return (
    <section class="menu-pane" aria-label={t('waiter.menu.label')} ref={pane}>
      <input
        type="search"
        class="search"
        placeholder={t('waiter.menu.search')}
        value={query}
        onInput={(event) => setQuery(event.currentTarget.value)}
        aria-label={t('waiter.menu.search')}
      />
      {!searching && (
        <nav class="categories">
          {categories.map((category) => (
            <button
              key={category.id}
              class={category.id === shownCategory ? 'chosen' : ''}
              onClick={() => setCategoryId(category.id)}
            >
              {category.name}
            </button>
          ))}
        </nav>
      )}
      <div class="dishes">
        {dishes.map((entry) => {
          const hits = allergensHit(entry, guestAllergens);
          return (
            <button
              key={entry.id}
              class={hits.length > 0 ? 'dish allergy' : 'dish'}
              data-dish={entry.name}
              onClick={() => setDish(entry)}
            >
              <strong>{entry.name}</strong>
              <span>
                {money(Math.min(...entry.variations.map((variation) => priceAt(variation, priceLevelId))))}
              </span>
              {hits.length > 0 && (
                <span class="allergy-mark">
                  {t('waiter.allergy.mark', { allergens: allergenNames(hits) })}
                </span>
              )}
            </button>
          );
        })}
        {dishes.length === 0 && <p class="empty">{t('waiter.menu.nothing')}</p>}
      </div>
      {dish && (
        <DishDialog
          dish={dish}
          guests={guests}
          priceLevelId={priceLevelId}
          guestAllergens={guestAllergens}
          onCancel={() => setDish(null)}
          onAdd={(line) => {
            onLine(line);
            setDish(null);
          }}
        />
      )}
    </section>
  );
}
