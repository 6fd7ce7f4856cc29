import { useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { chosen, CreateForm, type Field, optional, type Values, wholeNumber } from './forms';
import { RowActions } from './row-actions';
import { optionsOf } from './menu-catalog';

/** The kitchen screen's and the printer's forms: the setup guide's steps and the devices screen both use them. */

type Station = Schemas['StationView'];
type Printer = Schemas['PrinterView'];
type KitchenScreen = Schemas['KitchenDeviceView'];
export interface IssuedCode {
  name: string;
  code: string;
}

/** A new screen's pairing code, large enough to read across a kitchen. */
export function PairingCode({ issued }: { issued: IssuedCode }) {
  return (
    <figure class="pairing">
      <figcaption id="pairing-caption">
        {t('backOffice.guide.kitchen.codeFor', { name: issued.name })}
      </figcaption>
      <p class="pairing-code" aria-labelledby="pairing-caption">
        {issued.code}
      </p>
    </figure>
  );
}

/** The stations a screen shows, as checkboxes: every station at first, so one screen can serve them all. */
const stationsField = (label: string, stations: Station[], initial: string[]): Field => ({
  name: 'stationIds',
  label,
  type: 'choices',
  options: optionsOf(stations),
  initial: initial.join(','),
});

export function KitchenScreenForm({
  session,
  stations,
  onIssued,
  onSaved,
}: {
  session: StaffSession;
  stations: Station[] | null;
  onIssued: (issued: IssuedCode) => void;
  onSaved: () => void;
}) {
  const g = (key: string) => t(`backOffice.guide.kitchen.${key}`);
  if (!stations) return null;
  const all = stations.map((station) => station.id);
  return (
    <CreateForm
      // A station added meanwhile is offered, and chosen, at once.
      key={all.join()}
      id="kitchen-screen"
      submitLabel={g('add')}
      fields={[{ name: 'name', label: g('name') }, stationsField(g('stations'), stations, all)]}
      submit={(values) =>
        ok(
          session.api.POST('/api/v1/kitchen/devices', {
            body: { name: values.name, stationIds: chosen(values.stationIds), expo: false },
          }),
        ).then((answer) => onIssued({ name: answer.device.name, code: answer.pairingCode }))
      }
      onSaved={onSaved}
    />
  );
}

/**
 * A kitchen screen's edit (its name and the stations it shows, paired or not: the screen hears the new stations
 * when it next connects) and its unpairing.
 */
export function KitchenScreenActions({
  session,
  screen,
  stations,
  onChanged,
  onUnpair,
}: {
  session: StaffSession;
  screen: KitchenScreen;
  stations: Station[] | null;
  onChanged: () => void;
  onUnpair: () => void;
}) {
  const s = (key: string, values?: Record<string, unknown>) =>
    t(`backOffice.opsScreens.devices.${key}`, values);
  const fields: Field[] = [
    { name: 'name', label: t('backOffice.guide.kitchen.name'), initial: screen.name },
    // The expo shows every station: it has none to choose.
    ...(screen.expo
      ? []
      : [stationsField(t('backOffice.guide.kitchen.stations'), stations ?? [], screen.stationIds)]),
  ];
  return (
    <RowActions
      id={`kitchen-screen-${screen.id}`}
      fields={fields}
      saveLabel={t('backOffice.form.save')}
      submit={(values) =>
        ok(
          session.api.PATCH('/api/v1/kitchen/devices/{id}', {
            params: { path: { id: screen.id } },
            body: {
              name: values.name,
              ...(screen.expo ? {} : { stationIds: chosen(values.stationIds) }),
            },
          }),
        )
      }
      onSaved={onChanged}
      edit={{ label: s('edit'), name: s('editOf', { name: screen.name }) }}
      remove={{ label: s('unpair'), name: s('unpairOf', { name: screen.name }), run: onUnpair }}
    />
  );
}

const PRINTER_KINDS = ['receipt', 'kitchen'] as const;
const WIDTHS = [42, 48, 32] as const;

export const printerRow = (printer: Printer) =>
  printer.connection.type === 'tcp'
    ? t('backOffice.guide.printer.row', {
        name: printer.name,
        host: printer.connection.host,
        port: printer.connection.port,
      })
    : printer.name;

/** A test page for a printer, and what became of it (said in a status line). */
export function useTestPrint(session: StaffSession): { testPrint: (printer: Printer) => void; sent: string } {
  const [sent, setSent] = useState('');
  const testPrint = (printer: Printer) => {
    setSent('');
    ok(session.api.POST('/api/v1/printers/{id}/test-print', { params: { path: { id: printer.id } } })).then(
      () => setSent(t('backOffice.guide.printer.testSent', { name: printer.name })),
      (error: unknown) =>
        setSent(t('backOffice.form.refused', { problem: error instanceof Error ? error.message : '' })),
    );
  };
  return { testPrint, sent };
}

/** A printer's own fields: blank for a new one, its values for an edit (host and port for a network printer). */
function printerFields(printer?: Printer): Field[] {
  const g = (key: string) => t(`backOffice.guide.printer.${key}`);
  const connection = printer?.connection ?? { type: 'tcp', host: '', port: 9100 };
  return [
    { name: 'name', label: g('name'), initial: printer?.name },
    {
      name: 'kind',
      label: g('kind'),
      type: 'select',
      options: PRINTER_KINDS.map((kind) => ({ value: kind, label: g(`kinds.${kind}`) })),
      initial: printer?.kind,
    },
    ...(connection.type === 'tcp'
      ? [
          { name: 'connection.host', label: g('host'), initial: connection.host ?? '' },
          {
            name: 'connection.port',
            label: g('port'),
            type: 'number' as const,
            initial: String(connection.port ?? 9100),
          },
        ]
      : []),
    {
      name: 'widthChars',
      label: g('width'),
      type: 'select',
      options: WIDTHS.map((width) => ({ value: String(width), label: formats.number(width) })),
      initial: printer && String(printer.widthChars),
    },
  ];
}

/** The values of printerFields as the API takes them; a network printer's connection only where it has one. */
const printerBody = (values: Values) => ({
  name: values.name,
  kind: values.kind as (typeof PRINTER_KINDS)[number],
  ...('connection.host' in values && {
    connection: {
      type: 'tcp' as const,
      host: values['connection.host'],
      port: wholeNumber(values['connection.port']),
    },
  }),
  widthChars: Number(values.widthChars) as (typeof WIDTHS)[number],
});

export function PrinterForm({ session, onSaved }: { session: StaffSession; onSaved: () => void }) {
  return (
    <CreateForm
      id="printer"
      submitLabel={t('backOffice.form.add')}
      fields={printerFields()}
      submit={(values) => {
        const { connection, ...rest } = printerBody(values);
        return ok(session.api.POST('/api/v1/printers', { body: { ...rest, connection: connection! } }));
      }}
      onSaved={onSaved}
    />
  );
}

/**
 * A printer's edit and delete buttons, and its test print: the edit also picks the stations whose tickets it
 * prints, the printer that takes over while it fails, and whether it is in use.
 */
export function PrinterActions({
  session,
  printer,
  printers,
  stations,
  attempt,
  onTestPrint,
  onChanged,
}: {
  session: StaffSession;
  printer: Printer;
  printers: Printer[];
  stations: Station[] | null;
  attempt: (change: Promise<unknown>, then: () => void) => void;
  onTestPrint: () => void;
  onChanged: () => void;
}) {
  const s = (key: string, values?: Record<string, unknown>) =>
    t(`backOffice.opsScreens.devices.${key}`, values);
  const path = { params: { path: { id: printer.id } } };
  const others = printers.filter((each) => each.id !== printer.id);
  const fields: Field[] = [
    ...printerFields(printer),
    {
      name: 'stationIds',
      label: s('printsFor'),
      type: 'choices',
      options: optionsOf(stations ?? []),
      initial: printer.stationIds.join(','),
    },
    {
      name: 'backupPrinterId',
      label: s('backup'),
      type: 'select',
      options: [{ value: '', label: s('noBackup') }, ...optionsOf(others)],
      initial: printer.backupPrinterId ?? '',
    },
    { name: 'active', label: s('inUse'), type: 'checkbox', initial: printer.active ? 'true' : '' },
  ];
  return (
    <RowActions
      id={`printer-${printer.id}`}
      fields={fields}
      saveLabel={t('backOffice.form.save')}
      submit={(values) =>
        ok(
          session.api.PATCH('/api/v1/printers/{id}', {
            ...path,
            body: {
              ...printerBody(values),
              stationIds: chosen(values.stationIds),
              backupPrinterId: optional(values.backupPrinterId) ?? null,
              active: values.active === 'true',
            },
          }),
        )
      }
      onSaved={onChanged}
      edit={{ label: s('edit'), name: s('editOf', { name: printer.name }) }}
      remove={{
        label: s('delete'),
        name: s('deleteOf', { name: printer.name }),
        run: () => attempt(ok(session.api.DELETE('/api/v1/printers/{id}', path)), onChanged),
      }}
    >
      <button type="button" aria-label={s('testPrintOf', { name: printer.name })} onClick={onTestPrint}>
        {t('backOffice.guide.printer.testPrint')}
      </button>
    </RowActions>
  );
}
