import { useEffect, useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { type IssuedCode, KitchenScreenActions, KitchenScreenForm, PairingCode } from './device-forms';
import { CreateForm, firstPage, Rows, useList } from './forms';
import { problemText } from './screen-parts';
import { Printers, Terminals } from './terminals-printers';

type KitchenScreen = Schemas['KitchenDeviceView'];
const PAIRING_POLL_MS = 2000;
const s = (key: string, values?: Record<string, unknown>) =>
  t(`backOffice.opsScreens.devices.${key}`, values);

/**
 * The devices: kitchen screens (paired with a code shown large), pickup boards, card terminals and printers.
 * Printers are an admin's (the API lets only an admin read them); terminals are registered by an admin through the
 * API and only listed here.
 */
export function DevicesScreen({ session }: { session: StaffSession }) {
  const admin = session.user!.role === 'admin';
  return (
    <div class="ops-screen">
      <h1>{s('heading')}</h1>
      <KitchenScreens session={session} />
      <div class="columns">
        <PickupBoards session={session} />
        <Terminals session={session} />
      </div>
      {admin && <Printers session={session} />}
    </div>
  );
}

const screenRow = (screen: KitchenScreen) =>
  screen.pairedAt === null
    ? t('backOffice.guide.kitchen.waiting', { name: screen.name })
    : screen.lastSeenAt === null
      ? t('backOffice.guide.kitchen.paired', { name: screen.name })
      : s('seenRow', { name: screen.name, seen: formats.dateTime(screen.lastSeenAt) });

function KitchenScreens({ session }: { session: StaffSession }) {
  const stations = useList(() => ok(session.api.GET('/api/v1/stations', firstPage)));
  const screens = useList(() => ok(session.api.GET('/api/v1/kitchen/devices', firstPage)));
  const [issued, setIssued] = useState<IssuedCode | null>(null);
  const [problem, setProblem] = useState('');
  // No event says a screen paired: while its code is shown, the list is read again until the screen has.
  const waiting =
    issued !== null && !screens.items?.some((each) => each.name === issued.name && each.pairedAt);
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(screens.reload, PAIRING_POLL_MS);
    return () => clearInterval(timer);
  }, [waiting]);
  const unpair = (screen: KitchenScreen) => {
    setProblem('');
    ok(session.api.DELETE('/api/v1/kitchen/devices/{id}', { params: { path: { id: screen.id } } })).then(
      screens.reload,
      (error: unknown) => setProblem(problemText(error)),
    );
  };
  return (
    <section class="card" aria-labelledby="kitchen-screens-title">
      <h2 id="kitchen-screens-title">{s('kitchenScreens')}</h2>
      <p class="muted hint">
        {t('backOffice.guide.kitchen.hint', { address: `${location.origin}/kitchen` })}
      </p>
      <Rows
        label={s('kitchenScreens')}
        problem={screens.problem}
        rows={screens.items?.map(screenRow) ?? null}
        action={(index) => (
          <KitchenScreenActions
            session={session}
            screen={screens.items![index]}
            stations={stations.items}
            onChanged={screens.reload}
            onUnpair={() => unpair(screens.items![index])}
          />
        )}
      />
      <p class="problem" role="alert">
        {problem}
      </p>
      {issued && waiting && <PairingCode issued={issued} />}
      <KitchenScreenForm
        session={session}
        stations={stations.items}
        onIssued={setIssued}
        onSaved={screens.reload}
      />
    </section>
  );
}

function PickupBoards({ session }: { session: StaffSession }) {
  const boards = useList(() => ok(session.api.GET('/api/v1/pickup-boards', firstPage)));
  const [problem, setProblem] = useState('');
  const remove = (id: string) => {
    setProblem('');
    ok(session.api.DELETE('/api/v1/pickup-boards/{id}', { params: { path: { id } } })).then(
      boards.reload,
      (error: unknown) => setProblem(problemText(error)),
    );
  };
  return (
    <section class="card" aria-labelledby="pickup-boards-title">
      <h2 id="pickup-boards-title">{s('pickupBoards')}</h2>
      <p class="muted hint">{s('pickupHint')}</p>
      <Rows
        label={s('pickupBoards')}
        problem={boards.problem}
        rows={boards.items?.map((board) => board.name) ?? null}
        action={(index) => {
          const board = boards.items![index];
          return (
            <span class="row-actions">
              <a href={board.url} target="_blank" rel="noopener">
                {s('openBoard')}
              </a>
              <button
                type="button"
                aria-label={s('removeBoardOf', { name: board.name })}
                onClick={() => remove(board.id)}
              >
                {s('removeBoard')}
              </button>
            </span>
          );
        }}
      />
      <p class="problem" role="alert">
        {problem}
      </p>
      <CreateForm
        id="pickup-board"
        submitLabel={t('backOffice.form.add')}
        fields={[{ name: 'name', label: s('boardName') }]}
        submit={(values) => ok(session.api.POST('/api/v1/pickup-boards', { body: { name: values.name } }))}
        onSaved={boards.reload}
      />
    </section>
  );
}
