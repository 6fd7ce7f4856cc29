import { useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ok } from '../shared/api';
import {
  type IssuedCode,
  KitchenScreenForm,
  PairingCode,
  PrinterForm,
  printerRow,
  useTestPrint,
} from './device-forms';
import {
  CreateForm,
  firstPage,
  Hint,
  minorUnitsOf,
  optional,
  refuseField,
  Rows,
  type StepProps,
  useList,
  type Values,
} from './forms';

/** The setup guide's steps for service: the first menu, a kitchen screen, a printer, the waiter tablet. */

export function MenuStep({ session, onChanged }: StepProps) {
  const stations = useList(() => ok(session.api.GET('/api/v1/stations', firstPage)));
  const categories = useList(() => ok(session.api.GET('/api/v1/categories', firstPage)));
  const dishes = useList(() => ok(session.api.GET('/api/v1/dishes', firstPage)));
  const g = (key: string) => t(`backOffice.guide.menu.${key}`);
  const currency = formats.settings.currency;
  const addDish = (values: Values) => {
    const price = minorUnitsOf(values.price, currency);
    if (Number.isNaN(price)) refuseField('price', t('backOffice.form.notAmount'));
    return ok(
      session.api.POST('/api/v1/dishes', {
        body: {
          name: values.name,
          categoryId: values.categoryId,
          price,
          stationId: optional(values.stationId) ?? null,
        },
      }),
    );
  };
  return (
    <>
      <Hint text={g('hint')} />
      <div class="columns">
        <div>
          <h3>{g('stations')}</h3>
          <Rows
            label={g('stations')}
            problem={stations.problem}
            rows={stations.items?.map((station) => station.name) ?? null}
          />
          <CreateForm
            id="station"
            submitLabel={g('addStation')}
            fields={[{ name: 'name', label: g('stationName') }]}
            submit={(values) => ok(session.api.POST('/api/v1/stations', { body: { name: values.name } }))}
            onSaved={stations.reload}
          />
        </div>
        <div>
          <h3>{g('categories')}</h3>
          <Rows
            label={g('categories')}
            problem={categories.problem}
            rows={categories.items?.map((category) => category.name) ?? null}
          />
          <CreateForm
            id="category"
            submitLabel={g('addCategory')}
            fields={[{ name: 'name', label: g('categoryName') }]}
            submit={(values) => ok(session.api.POST('/api/v1/categories', { body: { name: values.name } }))}
            onSaved={categories.reload}
          />
        </div>
      </div>
      <h3>{g('dishes')}</h3>
      <Rows
        label={g('dishes')}
        problem={dishes.problem}
        rows={
          dishes.items?.map((dish) =>
            t('backOffice.guide.menu.dishRow', {
              name: dish.name,
              // A dish with one price has one variation holding it.
              price: dish.variations.map((variation) => formats.money(variation.price)).join(' / '),
            }),
          ) ?? null
        }
      />
      <CreateForm
        id="dish"
        submitLabel={g('addDish')}
        fields={[
          { name: 'name', label: g('dishName') },
          {
            name: 'categoryId',
            label: g('category'),
            type: 'select',
            options:
              categories.items?.map((category) => ({ value: category.id, label: category.name })) ?? [],
          },
          { name: 'price', label: t('backOffice.guide.menu.price', { currency }), type: 'number' },
          {
            name: 'stationId',
            label: g('station'),
            type: 'select',
            options: [
              ...(stations.items?.map((station) => ({ value: station.id, label: station.name })) ?? []),
              { value: '', label: g('noStation') },
            ],
          },
        ]}
        submit={addDish}
        onSaved={() => {
          dishes.reload();
          onChanged();
        }}
      />
    </>
  );
}

export function KitchenStep({ session, onChanged }: StepProps) {
  const stations = useList(() => ok(session.api.GET('/api/v1/stations', firstPage)));
  const screens = useList(() => ok(session.api.GET('/api/v1/kitchen/devices', firstPage)));
  const [issued, setIssued] = useState<IssuedCode | null>(null);
  const g = (key: string) => t(`backOffice.guide.kitchen.${key}`);
  return (
    <>
      <Hint text={t('backOffice.guide.kitchen.hint', { address: `${location.origin}/kitchen` })} />
      <Rows
        label={g('title')}
        problem={screens.problem}
        rows={
          screens.items?.map((screen) =>
            t(screen.pairedAt ? 'backOffice.guide.kitchen.paired' : 'backOffice.guide.kitchen.waiting', {
              name: screen.name,
            }),
          ) ?? null
        }
      />
      {issued && <PairingCode issued={issued} />}
      <KitchenScreenForm
        session={session}
        stations={stations.items}
        onIssued={setIssued}
        onSaved={() => {
          screens.reload();
          onChanged();
        }}
      />
    </>
  );
}

export function PrinterStep({ session, onChanged }: StepProps) {
  const printers = useList(() => ok(session.api.GET('/api/v1/printers', firstPage)));
  const { testPrint, sent } = useTestPrint(session);
  const g = (key: string) => t(`backOffice.guide.printer.${key}`);
  return (
    <>
      <Hint text={g('hint')} />
      <Rows
        label={g('title')}
        problem={printers.problem}
        rows={printers.items?.map(printerRow) ?? null}
        action={(index) => (
          <button type="button" onClick={() => testPrint(printers.items![index])}>
            {g('testPrint')}
          </button>
        )}
      />
      <p class="muted" role="status">
        {sent}
      </p>
      <PrinterForm
        session={session}
        onSaved={() => {
          printers.reload();
          onChanged();
        }}
      />
    </>
  );
}

export function WaiterStep(_: StepProps) {
  const address = `${location.origin}/waiter`;
  return (
    <>
      <Hint text={t('backOffice.guide.waiter.hint')} />
      <p class="waiter-address" aria-label={t('backOffice.guide.waiter.address')}>
        <a href={address} target="_blank" rel="noopener">
          {address}
        </a>
      </p>
    </>
  );
}
