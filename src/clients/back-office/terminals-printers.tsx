import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { PrinterForm, printerRow, useTestPrint } from './device-forms';
import { firstPage, Rows, useList } from './forms';
import { useLiveReload } from './live-reload';

type Printer = Schemas['PrinterView'];
const s = (key: string, values?: Record<string, unknown>) =>
  t(`backOffice.opsScreens.devices.${key}`, values);

/** Card terminals, as registered through the API: which provider, and whether waiters may take payments on them. */
export function Terminals({ session }: { session: StaffSession }) {
  const terminals = useList(() => ok(session.api.GET('/api/v1/terminals', firstPage)));
  return (
    <section class="card" aria-labelledby="terminals-title">
      <h2 id="terminals-title">{s('terminals')}</h2>
      <Rows
        label={s('terminals')}
        problem={terminals.problem}
        rows={
          terminals.items?.map((terminal) =>
            s('terminalRow', {
              name: terminal.name,
              provider: terminal.provider,
              state: s(terminal.active ? 'active' : 'inactive'),
            }),
          ) ?? null
        }
      />
    </section>
  );
}

const printerState = (printer: Printer) =>
  !printer.active
    ? s('inactive')
    : printer.failingSince
      ? s('failing', { since: formats.time(printer.failingSince), error: printer.lastError ?? '' })
      : s('working');

/** The printers with their state (a failing one says since when and why), a network printer added, a test page. */
export function Printers({ session }: { session: StaffSession }) {
  const printers = useList(() => ok(session.api.GET('/api/v1/printers', firstPage)));
  const { testPrint, sent } = useTestPrint(session);
  useLiveReload(session, ['printer.failed', 'print_job.failed'], printers.reload);
  return (
    <section class="card" aria-labelledby="printers-title">
      <h2 id="printers-title">{s('printers')}</h2>
      <Rows
        label={s('printers')}
        problem={printers.problem}
        rows={
          printers.items?.map((printer) =>
            s('printerRow', { printer: printerRow(printer), state: printerState(printer) }),
          ) ?? null
        }
        action={(index) => (
          <button
            type="button"
            aria-label={s('testPrintOf', { name: printers.items![index].name })}
            onClick={() => testPrint(printers.items![index])}
          >
            {t('backOffice.guide.printer.testPrint')}
          </button>
        )}
      />
      <p class="muted" role="status">
        {sent}
      </p>
      <PrinterForm session={session} onSaved={printers.reload} />
    </section>
  );
}
