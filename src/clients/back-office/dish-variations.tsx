import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { CreateForm, majorUnitsOf, minorUnitsOf, refuseField, wholeNumber } from './forms';
import { HqBadge, isFromHq } from './hq-owned';

type Dish = Schemas['DishView'];
type Variation = Schemas['VariationView'];

const m = (key: string, values?: Record<string, unknown>) => t(`backOffice.menuScreen.${key}`, values);

/** A typed price as minor units, or the field's refusal beside it. */
export function priceOf(typed: string, field: string): number {
  const price = minorUnitsOf(typed, formats.settings.currency);
  if (Number.isNaN(price)) refuseField(field, t('backOffice.form.notAmount'));
  return price;
}

/**
 * A variation: rename and reprice it (an admin, unless it came from headquarters, whose name and price they are),
 * count its portions left, 86 it or bring it back (a manager too).
 */
export function VariationRow({
  session,
  dish,
  variation,
  index,
  canEdit,
  act,
  onChanged,
}: {
  session: StaffSession;
  dish: Dish;
  variation: Variation;
  index: number;
  canEdit: boolean;
  act: (request: Promise<unknown>) => void;
  onChanged: () => void;
}) {
  const path = { params: { path: { id: dish.id, variationId: variation.id } } };
  const currency = formats.settings.currency;
  const fromHq = isFromHq(variation);
  const toggle = () =>
    act(
      ok(
        session.api.PATCH('/api/v1/dishes/{id}/variations/{variationId}/availability', {
          ...path,
          body: { available: !variation.available },
        }),
      ),
    );
  const summary = m(variation.available ? 'variationPrice' : 'variationPriceOut', {
    name: variation.name,
    price: formats.money(variation.price),
  });
  return (
    <li>
      {canEdit && !fromHq ? (
        <CreateForm
          id={`variation-${index}`}
          keepValues
          submitLabel={m('saveVariation')}
          fields={[
            { name: 'name', label: m('variationName'), initial: variation.name },
            {
              name: 'price',
              label: m('price', { currency }),
              type: 'number',
              initial: majorUnitsOf(variation.price, currency),
            },
          ]}
          submit={(values) =>
            ok(
              session.api.PATCH('/api/v1/dishes/{id}/variations/{variationId}', {
                ...path,
                body: { name: values.name, price: priceOf(values.price, 'price') },
              }),
            )
          }
          onSaved={onChanged}
        />
      ) : (
        <span class="variation-summary">
          {summary}
          {fromHq && <HqBadge />}
        </span>
      )}{' '}
      <button
        type="button"
        onClick={toggle}
        aria-label={m(variation.available ? 'eightySixNamed' : 'bringBackNamed', { name: variation.name })}
      >
        {m(variation.available ? 'eightySixVariation' : 'bringBackVariation')}
      </button>
      <CreateForm
        id={`stock-${index}`}
        keepValues
        submitLabel={m('saveStock')}
        fields={[
          {
            name: 'count',
            label: m('stock'),
            type: 'number',
            initial: variation.stockCount === null ? '' : String(variation.stockCount),
          },
        ]}
        submit={(values) =>
          ok(
            session.api.PATCH('/api/v1/dishes/{id}/variations/{variationId}/stock', {
              ...path,
              body: { count: values.count.trim() === '' ? null : wholeNumber(values.count) },
            }),
          )
        }
        onSaved={onChanged}
      />
    </li>
  );
}
