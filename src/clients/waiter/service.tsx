import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { ok, type Problem } from '../shared/api';
import { type Connection, LiveFeed } from '../shared/live-feed';
import type { StaffSession } from '../shared/staff-session';
import { t } from '../../i18n/browser/page-i18n';
import { type Change, describe } from './state/changes';
import { refusalText } from './state/refusals';
import { ConflictDialog } from './conflict/conflict-dialog';
import { DrawerPanel } from './drawer/drawer-panel';
import { FloorView } from './floor/floor-view';
import { ServiceStore, withWaiting } from './state/service-store';
import { TableView } from './order/table-view';
import { type Conflict, type Waiting, WaiterOutbox } from './state/waiter-outbox';
import { clock, type Shift } from './state/shift';
import type { Place } from './state/floor';

interface ServiceProps {
  session: StaffSession;
  deviceId: string;
}

/** The signed-in tablet: the floor, a table's orders, the outbox and its conflicts. */
export function Service({ session, deviceId }: ServiceProps) {
  const store = useMemo(() => new ServiceStore(session.api), [session]);
  const [, redraw] = useReducer((count: number) => count + 1, 0);
  const [outbox, setOutbox] = useState<WaiterOutbox | null>(null);
  const [waiting, setWaiting] = useState<readonly Waiting[]>([]);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [connection, setConnection] = useState<Connection>({ online: false, offlineSince: null });
  const [place, setPlace] = useState<Place | null>(null);
  const [basketLines, setBasketLines] = useState(0);
  const [leaving, setLeaving] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [notices, setNotices] = useState<string[]>([]);
  const [showQueue, setShowQueue] = useState(false);
  const [showDrawer, setShowDrawer] = useState(false);
  const [lastApplied, setLastApplied] = useState('');
  const [loaded, setLoaded] = useState(false);
  const outboxRef = useRef<WaiterOutbox | null>(null);
  const notify = (message: string) => setNotices((shown) => [...shown.slice(-2), message]);

  useEffect(() => store.subscribe(() => redraw(0)), [store]);

  useEffect(() => {
    let closed = false;
    const reload = (withLastKnown: boolean) =>
      store.load(withLastKnown).then(
        () => setLoaded(true),
        () => {
          setLoaded(true);
          notify('The floor could not be loaded from the service; showing what this tablet knows.');
        },
      );
    const feed = new LiveFeed({
      auth: () => ({ token: session.accessToken }),
      renew: () => session.renew(),
      reload: () => void reload(false),
      onConnection: (state) => {
        setConnection(state);
        outboxRef.current?.setOnline(state.online);
        if (state.online) void outboxState(session, deviceId).then(setLastApplied);
      },
    });
    store.follow(feed.socket);
    // Not waiting for the socket: offline, the service worker answers the last floor and menu it saw, so the waiter
    // keeps taking orders; the socket's first connect loads again, with the events from then on.
    void reload(true);
    WaiterOutbox.open(
      session.api,
      deviceId,
      {
        applied: (orders) => store.apply(orders),
        refused: (change: Change, problem: Problem) =>
          notify(t('waiter.refusals.notDone', { change: describe(change), reason: refusalText(problem) })),
        changed: setWaiting,
        conflict: setConflict,
      },
      () => (session.user ? { userId: session.user.id, name: session.user.displayName } : null),
    ).then(
      (opened) => {
        if (closed) return;
        outboxRef.current = opened;
        opened.setOnline(feed.socket.connected);
        setOutbox(opened);
      },
      () => notify('This browser cannot keep writes offline (IndexedDB is not available).'),
    );
    return () => {
      closed = true;
      feed.close();
    };
  }, [store, session, deviceId]);

  const projected = withWaiting(store.orders, waiting);
  const unsent = useMemo(() => unsentIds(waiting), [waiting]);
  if (!outbox || !loaded) return <p class="loading">Loading the floor…</p>;
  const shift: Shift = { session, store, outbox, online: connection.online, unsent, notify };
  const open = (next: Place | null) => {
    setBasketLines(0);
    setLeaving(false);
    setPlace(next);
  };
  // Lines in "To send" exist on this screen only: leaving drops them, so the waiter says so first.
  const toFloor = () => (basketLines > 0 ? setLeaving(true) : open(null));

  return (
    <div class="waiter">
      <header class="bar">
        <button class="link" onClick={toFloor}>
          Floor
        </button>
        <span class="who">{session.user?.displayName}</span>
        <span class={`connection ${connection.online ? 'online' : 'offline'}`} role="status">
          {connection.online ? 'Online' : `Offline since ${clock(connection.offlineSince)}`}
        </span>
        <button
          class={`queue ${waiting.length > 0 ? 'has-waiting' : ''}`}
          onClick={() => setShowQueue((shown) => !shown)}
          aria-label={`Outbox: ${waiting.length === 0 ? 'all sent' : `${waiting.length} not sent yet`}`}
        >
          {waiting.length === 0 ? 'All sent' : `${waiting.length} not sent yet`}
        </button>
        <button class="link" aria-expanded={showDrawer} onClick={() => setShowDrawer((shown) => !shown)}>
          {t('waiter.drawer.button')}
        </button>
        <button class="link" onClick={() => (waiting.length > 0 ? setSigningOut(true) : session.signOut())}>
          Sign out
        </button>
      </header>
      {showQueue && (
        <section class="queue-panel" aria-label="Outbox">
          <h2>Not sent yet</h2>
          {waiting.length === 0 && <p>Everything tapped on this tablet is on the service.</p>}
          <ol>
            {waiting.map((write) => (
              <li key={write.key}>
                {describe(write.action.change)} <small>{clock(new Date(write.createdAt))}</small>
              </li>
            ))}
          </ol>
          {lastApplied && <p class="muted">{lastApplied}</p>}
        </section>
      )}
      {showDrawer && <DrawerPanel session={session} />}
      {notices.length > 0 && (
        <section class="notices" role="alert">
          {notices.map((notice, index) => (
            <p key={index}>{notice}</p>
          ))}
          <button class="link" onClick={() => setNotices([])}>
            Dismiss
          </button>
        </section>
      )}
      {place === null ? (
        <FloorView
          shift={shift}
          orders={projected}
          onTable={(tableId) => open({ kind: 'table', tableId })}
          onTakeaway={open}
        />
      ) : (
        <TableView
          key={place.kind === 'table' ? place.tableId : place.orderId}
          shift={shift}
          orders={projected}
          place={place}
          onFloor={() => open(null)}
          onBasket={setBasketLines}
        />
      )}
      {leaving && (
        <div class="modal" role="dialog" aria-label="Lines not sent">
          <div class="modal-body">
            <h2>{basketLines === 1 ? '1 line is' : `${basketLines} lines are`} not sent to the kitchen</h2>
            <p>Leave this order and drop them, or stay and send them?</p>
            <div class="actions">
              <button class="primary" onClick={() => setLeaving(false)}>
                Stay and send
              </button>
              <button class="danger" onClick={() => open(null)}>
                Drop them and leave
              </button>
            </div>
          </div>
        </div>
      )}
      {signingOut && (
        <div class="modal" role="dialog" aria-label={t('waiter.signOut.title')}>
          <div class="modal-body">
            <h2>{t('waiter.signOut.notSent', { count: waiting.length })}</h2>
            <p>
              {connection.online ? t('waiter.signOut.sending') : t('waiter.signOut.offline')}{' '}
              {t('waiter.signOut.lost')}
            </p>
            <div class="actions">
              <button class="primary" onClick={() => setSigningOut(false)}>
                {t('waiter.signOut.stay')}
              </button>
              <button class="danger" onClick={() => session.signOut()}>
                {t('waiter.signOut.anyway')}
              </button>
            </div>
          </div>
        </div>
      )}
      {conflict && (
        <ConflictDialog conflict={conflict} onChoice={(choice) => void outbox.resolve(conflict, choice)} />
      )}
    </div>
  );
}

/** "Last write applied: POST /api/v1/orders at 19:02", as the service recorded it for this tablet. */
async function outboxState(session: StaffSession, deviceId: string): Promise<string> {
  const state = await ok(
    session.api.GET('/api/v1/devices/{id}/outbox-state', { params: { path: { id: deviceId } } }),
  ).catch(() => null);
  if (!state?.lastWrite) return '';
  const at = clock(new Date(state.lastWrite.appliedAt));
  return `The service applied ${state.writesApplied} writes from this tablet; the last: ${state.lastWrite.method} ${state.lastWrite.path} at ${at}.`;
}

function unsentIds(waiting: readonly Waiting[]): Set<string> {
  const ids = new Set<string>();
  for (const { action } of waiting) {
    const change = action.change;
    if (change.kind === 'open-order') ids.add(change.orderId);
    if (change.kind === 'open-order' || change.kind === 'add-items') {
      for (const line of change.lines) ids.add(line.item.id);
    }
  }
  return ids;
}
