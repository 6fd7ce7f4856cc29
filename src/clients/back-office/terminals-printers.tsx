import { useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { PrinterActions, PrinterForm, printerRow, useTestPrint } from './device-forms';
import { CreateForm, firstPage, Rows, useList } from './forms';
import { RowActions } from './row-actions';
import { useLiveReload } from './live-reload';
import { useAttempt } from './screen-parts';

type Printer = Schemas['PrinterView'];
type Terminal = Schemas['TerminalView'];
const s = (key: string, values?: Record<string, unknown>) =>
  t(`backOffice.opsScreens.devices.${key}`, values);

const PROVIDERS: ReadonlyArray<Schemas['TerminalInput']['provider']> = [
  'simulator',
  'stripe',
  'sumup',
  'adyen',
];

/**
 * Card terminals: which provider, and whether waiters may take payments on them. An admin registers one, renames,
 * deactivates or deletes it; the API keeps a terminal that took payments, deactivated, and the screen says so.
 */
export function Terminals({ session }: { session: StaffSession }) {
  const terminals = useList(() => ok(session.api.GET('/api/v1/terminals', firstPage)));
  const { problem, attempt } = useAttempt();
  const [outcome, setOutcome] = useState('');
  const admin = session.user?.role === 'admin';
  const path = (terminal: Terminal) => ({ params: { path: { id: terminal.id } } });
  const change = (terminal: Terminal, body: Schemas['UpdateTerminalInput']) =>
    attempt(ok(session.api.PATCH('/api/v1/terminals/{id}', { ...path(terminal), body })), terminals.reload);
  // DELETE answers nothing either way: whether the terminal is still there tells which it was.
  const remove = (terminal: Terminal) => {
    setOutcome('');
    attempt(
      ok(session.api.DELETE('/api/v1/terminals/{id}', path(terminal)))
        .then(() => session.api.GET('/api/v1/terminals/{id}', path(terminal)))
        .then(({ response }) =>
          setOutcome(s(response.ok ? 'terminalKept' : 'terminalDeleted', { name: terminal.name })),
        ),
      terminals.reload,
    );
  };
  return (
    <section class="card" aria-labelledby="terminals-title">
      <h2 id="terminals-title">{s('terminals')}</h2>
      <p class="problem" role="alert">
        {problem}
      </p>
      <p class="muted" role="status">
        {outcome}
      </p>
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
        action={
          admin
            ? (index) => {
                const terminal = terminals.items![index];
                return (
                  <RowActions
                    id={`terminal-${terminal.id}`}
                    fields={[{ name: 'name', label: s('terminalName'), initial: terminal.name }]}
                    saveLabel={t('backOffice.form.save')}
                    submit={(values) =>
                      ok(
                        session.api.PATCH('/api/v1/terminals/{id}', {
                          ...path(terminal),
                          body: { name: values.name },
                        }),
                      )
                    }
                    onSaved={terminals.reload}
                    edit={{ label: s('rename'), name: s('renameOf', { name: terminal.name }) }}
                    remove={{
                      label: s('delete'),
                      name: s('deleteOf', { name: terminal.name }),
                      run: () => remove(terminal),
                    }}
                  >
                    <button
                      type="button"
                      aria-label={s(terminal.active ? 'deactivateOf' : 'activateOf', { name: terminal.name })}
                      onClick={() => change(terminal, { active: !terminal.active })}
                    >
                      {s(terminal.active ? 'deactivate' : 'activate')}
                    </button>
                  </RowActions>
                );
              }
            : undefined
        }
      />
      {admin && (
        <CreateForm
          id="terminal"
          submitLabel={s('register')}
          fields={[
            { name: 'name', label: s('terminalName') },
            {
              name: 'provider',
              label: s('provider'),
              type: 'select',
              options: PROVIDERS.map((provider) => ({ value: provider, label: s(`providers.${provider}`) })),
            },
            { name: 'providerDeviceId', label: s('providerDeviceId') },
            { name: 'tipOnTerminal', label: s('tipOnTerminal'), type: 'checkbox' },
          ]}
          submit={(values) =>
            ok(
              session.api.POST('/api/v1/terminals', {
                body: {
                  name: values.name,
                  provider: values.provider as Schemas['TerminalInput']['provider'],
                  providerDeviceId: values.providerDeviceId,
                  tipOnTerminal: values.tipOnTerminal === 'true',
                },
              }),
            )
          }
          onSaved={terminals.reload}
        />
      )}
    </section>
  );
}

const printerState = (printer: Printer) =>
  !printer.active
    ? s('inactive')
    : printer.failingSince
      ? s('failing', { since: formats.time(printer.failingSince), error: printer.lastError ?? '' })
      : s('working');

/**
 * The printers with their state (a failing one says since when and why): a network printer added, one edited
 * (its stations, its backup, in use or not) or deleted, a test page.
 */
export function Printers({ session }: { session: StaffSession }) {
  const printers = useList(() => ok(session.api.GET('/api/v1/printers', firstPage)));
  const stations = useList(() => ok(session.api.GET('/api/v1/stations', firstPage)));
  const { testPrint, sent } = useTestPrint(session);
  const { problem, attempt } = useAttempt();
  useLiveReload(session, ['printer.failed', 'print_job.failed'], printers.reload);
  return (
    <section class="card" aria-labelledby="printers-title">
      <h2 id="printers-title">{s('printers')}</h2>
      <p class="problem" role="alert">
        {problem}
      </p>
      <Rows
        label={s('printers')}
        problem={printers.problem}
        rows={
          printers.items?.map((printer) =>
            s('printerRow', { printer: printerRow(printer), state: printerState(printer) }),
          ) ?? null
        }
        action={(index) => (
          <PrinterActions
            session={session}
            printer={printers.items![index]}
            printers={printers.items!}
            stations={stations.items}
            attempt={attempt}
            onTestPrint={() => testPrint(printers.items![index])}
            onChanged={printers.reload}
          />
        )}
      />
      <p class="muted" role="status">
        {sent}
      </p>
      <PrinterForm session={session} onSaved={printers.reload} />
    </section>
  );
}
