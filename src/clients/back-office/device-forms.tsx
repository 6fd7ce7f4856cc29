import { useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { CreateForm, wholeNumber } from './forms';

/** The kitchen screen's and the printer's forms: the setup guide's steps and the devices screen both use them. */

type Station = Schemas['StationView'];
type Printer = Schemas['PrinterView'];
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
  return (
    <CreateForm
      id="kitchen-screen"
      submitLabel={g('add')}
      fields={[
        { name: 'name', label: g('name') },
        {
          name: 'stationIds',
          label: g('station'),
          type: 'select',
          options: stations?.map((station) => ({ value: station.id, label: station.name })) ?? [],
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
        ).then((answer) => onIssued({ name: answer.device.name, code: answer.pairingCode }))
      }
      onSaved={onSaved}
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

export function PrinterForm({ session, onSaved }: { session: StaffSession; onSaved: () => void }) {
  const g = (key: string) => t(`backOffice.guide.printer.${key}`);
  return (
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
      onSaved={onSaved}
    />
  );
}
