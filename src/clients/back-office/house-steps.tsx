import { useEffect, useState } from 'preact/hooks';
import { formats, language, t } from '../../i18n/browser/page-i18n';
import { ok } from '../shared/api';
import { RoomForm, TableForm } from './floor-forms';
import { CreateForm, firstPage, Hint, Rows, type StepProps, useList } from './forms';
import { roleName, StaffForm } from './staff-form';

/** The setup guide's steps about the house: its tax rates, payment methods, staff, rooms and tables. */

export function TaxesStep({ session, onChanged }: StepProps) {
  const rates = useList(() => ok(session.api.GET('/api/v1/tax-rates', firstPage)));
  const g = (key: string) => t(`backOffice.guide.taxes.${key}`);
  return (
    <>
      <Hint text={g('hint')} />
      <CountryPreset
        session={session}
        onApplied={() => {
          rates.reload();
          onChanged();
        }}
      />
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

/** The rates of the restaurant's country in one click, where the service knows them; nothing shown where not. */
function CountryPreset({ session, onApplied }: { session: StepProps['session']; onApplied: () => void }) {
  const [preset, setPreset] = useState<{ country: string; name: string; percents: string } | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    void Promise.all([
      ok(session.api.GET('/api/v1/restaurant')),
      ok(session.api.GET('/api/v1/taxes/presets')),
    ]).then(
      ([restaurant, presets]) => {
        const mine = presets.items.find((each) => each.country === restaurant.country);
        if (mine)
          setPreset({
            country: mine.country,
            // In the page's language ("Deutschland"), not the preset's English name.
            name: new Intl.DisplayNames([language], { type: 'region' }).of(mine.country) ?? mine.name,
            percents: mine.rates.map((rate) => formats.percent(rate.percent)).join(' / '),
          });
      },
      () => setPreset(null),
    );
  }, [session]);
  if (!preset) return null;
  const apply = () =>
    ok(
      session.api.POST('/api/v1/taxes/presets/{country}/apply', {
        params: { path: { country: preset.country } },
      }),
    ).then(
      (applied) => {
        setStatus(t('backOffice.guide.taxes.presetApplied', { count: applied.created.length }));
        onApplied();
      },
      (error: unknown) =>
        setStatus(t('backOffice.form.refused', { problem: error instanceof Error ? error.message : '' })),
    );
  return (
    <p class="preset">
      <button type="button" onClick={() => void apply()}>
        {t('backOffice.guide.taxes.preset', { country: preset.name, percents: preset.percents })}
      </button>
      {status && <span role="status"> {status}</span>}
    </p>
  );
}

const PAYMENT_KINDS = ['cash', 'card', 'other'] as const;

export function PaymentsStep({ session, onChanged }: StepProps) {
  const methods = useList(() => ok(session.api.GET('/api/v1/payment-methods', firstPage)));
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

export function StaffStep({ session, onChanged }: StepProps) {
  const users = useList(() => ok(session.api.GET('/api/v1/users', firstPage)));
  const g = (key: string) => t(`backOffice.guide.staff.${key}`);
  return (
    <>
      <Hint text={g('hint')} />
      <Rows
        label={g('title')}
        problem={users.problem}
        rows={
          users.items?.map((user) =>
            t('backOffice.guide.staff.row', { name: user.displayName, role: roleName(user.role) }),
          ) ?? null
        }
      />
      <StaffForm
        session={session}
        onSaved={() => {
          users.reload();
          onChanged();
        }}
      />
    </>
  );
}

export function FloorStep({ session, onChanged }: StepProps) {
  const rooms = useList(() => ok(session.api.GET('/api/v1/locations', firstPage)));
  const tables = useList(() => ok(session.api.GET('/api/v1/tables', firstPage)));
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
          <RoomForm session={session} onSaved={rooms.reload} />
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
          <TableForm
            session={session}
            rooms={rooms.items}
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
