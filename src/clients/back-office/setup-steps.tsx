import { useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ApiError, ok } from '../shared/api';
import { CreateForm, FIRST_PAGE, minorUnitsOf, Rows, useList, type Values } from './forms';
import type { StepProps } from './setup-guide';

const page = { params: { query: FIRST_PAGE } };
const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
/** A typed whole number; a blank is 0, which the API's minimums refuse beside the field. */
const wholeNumber = (value: string) => (/^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN);

/** A value the API could not read, refused here as the API would: beside its field. */
function refuseField(field: string, message: string): never {
  throw new ApiError(400, { code: 'VALIDATION_ERROR', message, details: [{ field, message }] });
}

function Hint({ text }: { text: string }) {
  return <p class="muted hint">{text}</p>;
}

export function TaxesStep({ session, onChanged }: StepProps) {
  const rates = useList(() => ok(session.api.GET('/api/v1/tax-rates', page)));
  const g = (key: string) => t(`backOffice.guide.taxes.${key}`);
  return (
    <>
      <Hint text={g('hint')} />
      <Rows
        label={g('title')}
        problem={rates.problem}
        rows={
          rates.items?.map((rate) =>
            t(rate.isDefault ? 'backOffice.guide.taxes.defaultMark' : 'backOffice.guide.taxes.row', {
              name: rate.name,
              percent: formats.percent(rate.percent),
            }),
          ) ?? null
        }
      />
      <CreateForm
        id="tax-rate"
        submitLabel={t('backOffice.form.add')}
        fields={[
          { name: 'name', label: g('name') },
          { name: 'percent', label: g('percent'), type: 'number' },
          { name: 'isDefault', label: g('isDefault'), type: 'checkbox' },
        ]}
        submit={(values) =>
          ok(
            session.api.POST('/api/v1/tax-rates', {
              body: {
                name: values.name,
                percent: Number(values.percent.replace(',', '.')),
                isDefault: values.isDefault === 'true',
              },
            }),
          )
        }
        onSaved={() => {
          rates.reload();
          onChanged();
        }}
      />
    </>
  );
}

const PAYMENT_KINDS = ['cash', 'card', 'other'] as const;

export function PaymentsStep({ session, onChanged }: StepProps) {
  const methods = useList(() => ok(session.api.GET('/api/v1/payment-methods', page)));
  const g = (key: string) => t(`backOffice.guide.payments.${key}`);
  const kindName = (kind: string) =>
    (PAYMENT_KINDS as readonly string[]).includes(kind) ? g(`kinds.${kind}`) : kind;
  return (
    <>
      <Hint text={g('hint')} />
      <Rows
        label={g('title')}
        problem={methods.problem}
        rows={
          methods.items?.map((method) =>
            t('backOffice.guide.payments.row', { name: method.name, kind: kindName(method.kind) }),
          ) ?? null
        }
      />
      <CreateForm
        id="payment-method"
        submitLabel={t('backOffice.form.add')}
        fields={[
          { name: 'name', label: g('name') },
          {
            name: 'kind',
            label: g('kind'),
            type: 'select',
            options: PAYMENT_KINDS.map((kind) => ({ value: kind, label: g(`kinds.${kind}`) })),
          },
        ]}
        submit={(values) =>
          ok(
            session.api.POST('/api/v1/payment-methods', {
              body: { name: values.name, kind: values.kind as (typeof PAYMENT_KINDS)[number] },
            }),
          )
        }
        onSaved={() => {
          methods.reload();
          onChanged();
        }}
      />
    </>
  );
}

const ROLES = ['waiter', 'kitchen', 'manager', 'admin'] as const;

export function StaffStep({ session, onChanged }: StepProps) {
  const users = useList(() => ok(session.api.GET('/api/v1/users', page)));
  const g = (key: string) => t(`backOffice.guide.staff.${key}`);
  return (
    <>
      <Hint text={g('hint')} />
      <Rows
        label={g('title')}
        problem={users.problem}
        rows={
          users.items?.map((user) =>
            t('backOffice.guide.staff.row', { name: user.displayName, role: g(`roles.${user.role}`) }),
          ) ?? null
        }
      />
      <CreateForm
        id="staff-member"
        submitLabel={t('backOffice.form.add')}
        fields={[
          { name: 'displayName', label: g('displayName') },
          { name: 'username', label: g('username') },
          {
            name: 'role',
            label: g('role'),
            type: 'select',
            options: ROLES.map((role) => ({ value: role, label: g(`roles.${role}`) })),
          },
          { name: 'pin', label: g('pin'), type: 'password' },
          { name: 'password', label: g('password'), type: 'password' },
        ]}
        submit={(values) =>
          ok(
            session.api.POST('/api/v1/users', {
              body: {
                displayName: values.displayName,
                username: values.username,
                role: values.role as (typeof ROLES)[number],
                pin: optional(values.pin),
                password: optional(values.password),
              },
            }),
          )
        }
        onSaved={() => {
          users.reload();
          onChanged();
        }}
      />
    </>
  );
}

export function FloorStep({ session, onChanged }: StepProps) {
  const rooms = useList(() => ok(session.api.GET('/api/v1/locations', page)));
  const tables = useList(() => ok(session.api.GET('/api/v1/tables', page)));
  const g = (key: string) => t(`backOffice.guide.floor.${key}`);
  const roomName = (id: string) => rooms.items?.find((room) => room.id === id)?.name ?? '';
  return (
    <>
      <Hint text={g('hint')} />
      <div class="columns">
        <div>
          <h3>{g('rooms')}</h3>
          <Rows
            label={g('rooms')}
            problem={rooms.problem}
            rows={rooms.items?.map((room) => room.name) ?? null}
          />
          <CreateForm
            id="room"
            submitLabel={g('addRoom')}
            fields={[{ name: 'name', label: g('roomName') }]}
            submit={(values) => ok(session.api.POST('/api/v1/locations', { body: { name: values.name } }))}
            onSaved={rooms.reload}
          />
        </div>
        <div>
          <h3>{g('tables')}</h3>
          <Rows
            label={g('tables')}
            problem={tables.problem}
            rows={
              tables.items?.map((table) =>
                t('backOffice.guide.floor.tableRow', {
                  name: table.name,
                  room: roomName(table.locationId),
                  seats: table.seats,
                }),
              ) ?? null
            }
          />
          <CreateForm
            id="table"
            submitLabel={g('addTable')}
            fields={[
              { name: 'name', label: g('tableName') },
              { name: 'seats', label: g('seats'), type: 'number', initial: '4' },
              {
                name: 'locationId',
                label: g('room'),
                type: 'select',
                options: rooms.items?.map((room) => ({ value: room.id, label: room.name })) ?? [],
              },
            ]}
            submit={(values) =>
              ok(
                session.api.POST('/api/v1/tables', {
                  body: {
                    name: values.name,
                    seats: wholeNumber(values.seats),
                    locationId: values.locationId,
                  },
                }),
              )
            }
            onSaved={() => {
              tables.reload();
              onChanged();
            }}
          />
        </div>
      </div>
    </>
  );
}

export function MenuStep({ session, onChanged }: StepProps) {
  const stations = useList(() => ok(session.api.GET('/api/v1/stations', page)));
  const categories = useList(() => ok(session.api.GET('/api/v1/categories', page)));
  const dishes = useList(() => ok(session.api.GET('/api/v1/dishes', page)));
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
  const stations = useList(() => ok(session.api.GET('/api/v1/stations', page)));
  const screens = useList(() => ok(session.api.GET('/api/v1/kitchen/devices', page)));
  const [issued, setIssued] = useState<{ name: string; code: string } | null>(null);
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
      {issued && (
        <figure class="pairing">
          <figcaption id="pairing-caption">
            {t('backOffice.guide.kitchen.codeFor', { name: issued.name })}
          </figcaption>
          <p class="pairing-code" aria-labelledby="pairing-caption">
            {issued.code}
          </p>
        </figure>
      )}
      <CreateForm
        id="kitchen-screen"
        submitLabel={g('add')}
        fields={[
          { name: 'name', label: g('name') },
          {
            name: 'stationIds',
            label: g('station'),
            type: 'select',
            options: stations.items?.map((station) => ({ value: station.id, label: station.name })) ?? [],
          },
        ]}
        submit={(values) =>
          ok(
            session.api.POST('/api/v1/kitchen/devices', {
              body: {
                name: values.name,
                stationIds: values.stationIds ? [values.stationIds] : [],
                expo: false,
              },
            }),
          ).then((answer) => setIssued({ name: answer.device.name, code: answer.pairingCode }))
        }
        onSaved={() => {
          screens.reload();
          onChanged();
        }}
      />
    </>
  );
}

const PRINTER_KINDS = ['receipt', 'kitchen'] as const;
const WIDTHS = [42, 48, 32] as const;

export function PrinterStep({ session, onChanged }: StepProps) {
  const printers = useList(() => ok(session.api.GET('/api/v1/printers', page)));
  const g = (key: string) => t(`backOffice.guide.printer.${key}`);
  return (
    <>
      <Hint text={g('hint')} />
      <Rows
        label={g('title')}
        problem={printers.problem}
        rows={
          printers.items?.map((printer) =>
            printer.connection.type === 'tcp'
              ? t('backOffice.guide.printer.row', {
                  name: printer.name,
                  host: printer.connection.host,
                  port: printer.connection.port,
                })
              : printer.name,
          ) ?? null
        }
      />
      <CreateForm
        id="printer"
        submitLabel={t('backOffice.form.add')}
        fields={[
          { name: 'name', label: g('name') },
          {
            name: 'kind',
            label: g('kind'),
            type: 'select',
            options: PRINTER_KINDS.map((kind) => ({ value: kind, label: g(`kinds.${kind}`) })),
          },
          { name: 'connection.host', label: g('host') },
          { name: 'connection.port', label: g('port'), type: 'number', initial: '9100' },
          {
            name: 'widthChars',
            label: g('width'),
            type: 'select',
            options: WIDTHS.map((width) => ({ value: String(width), label: formats.number(width) })),
          },
        ]}
        submit={(values) =>
          ok(
            session.api.POST('/api/v1/printers', {
              body: {
                name: values.name,
                kind: values.kind as (typeof PRINTER_KINDS)[number],
                connection: {
                  type: 'tcp',
                  host: values['connection.host'],
                  port: wholeNumber(values['connection.port']),
                },
                widthChars: Number(values.widthChars) as (typeof WIDTHS)[number],
              },
            }),
          )
        }
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
