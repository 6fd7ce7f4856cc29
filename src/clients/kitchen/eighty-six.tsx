import { t } from '../../i18n/browser/page-i18n';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Api, everyPage, ok, PER_PAGE, type Schemas } from '../shared/api';

type Dish = Pick<Schemas['DishView'], 'id' | 'name' | 'available' | 'stationId'>;

/** The roles PATCH /dishes/{id}/availability lets through: the control is shown to them only. */
export const MAY_86: ReadonlyArray<Schemas['Role']> = ['kitchen', 'manager', 'admin'];

/**
 * "86" from the screen: the dishes of this screen's stations (every dish on the expo), each a toggle between
 * available and 86'd. The service decides who may; a refusal is said, never hidden.
 */
export function EightySix({
  api,
  stationIds,
  onClose,
}: {
  api: Api;
  /** null: the expo, every dish. */
  stationIds: readonly string[] | null;
  onClose: () => void;
}) {
  const [dishes, setDishes] = useState<Dish[] | null>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    everyPage((page) =>
      ok(api.GET('/api/v1/dishes', { params: { query: { page, perPage: PER_PAGE } } })),
    ).then(
      (all) =>
        setDishes(
          all
            .filter((dish) => stationIds === null || stationIds.includes(dish.stationId ?? ''))
            .sort((a, b) => a.name.localeCompare(b.name)),
        ),
      () => setProblem(t('kitchen.eightySix.notLoaded')),
    );
  }, [api, stationIds]);

  const toggle = (dish: Dish) => {
    setProblem('');
    ok(
      api.PATCH('/api/v1/dishes/{id}/availability', {
        params: { path: { id: dish.id } },
        body: { available: !dish.available },
      }),
    ).then(
      (changed) =>
        setDishes(
          (known) =>
            known?.map((d) => (d.id === changed.id ? { ...d, available: changed.available } : d)) ?? null,
        ),
      (error: unknown) =>
        setProblem(
          error instanceof ApiError
            ? t('kitchen.eightySix.notChanged', { problem: error.message })
            : t('kitchen.eightySix.notChangedOffline'),
        ),
    );
  };

  return (
    <section class="eighty-six" role="dialog" aria-label={t('kitchen.eightySix.label')}>
      <header>
        <h2>{t('kitchen.eightySix.title')}</h2>
        <button onClick={onClose}>{t('kitchen.eightySix.close')}</button>
      </header>
      <p class="message" role="alert">
        {problem}
      </p>
      {!dishes && !problem && <p>{t('kitchen.eightySix.loading')}</p>}
      <ul>
        {dishes?.map((dish) => (
          <li key={dish.id}>
            <button
              class={dish.available ? 'available' : 'out'}
              aria-pressed={!dish.available}
              onClick={() => toggle(dish)}
            >
              {t(dish.available ? 'kitchen.eightySix.available' : 'kitchen.eightySix.out', {
                dish: dish.name,
              })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
