import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { ok, type Problem, type Schemas } from '../shared/api';
import { type Connection, LiveFeed } from '../shared/live-feed';
import { LanguageSwitch } from '../shared/language';
import type { StaffSession } from '../shared/staff-session';
import { clockStatus, TimePanel, useMyTime } from '../shared/time-panel';
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
  const [showTime, setShowTime] = useState(false);
  const mine = useMyTime(session.api);
  const [lastApplied, setLastApplied] = useState<OutboxState | null>(null);
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
          notify(t('waiter.service.floorNotLoaded'));
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
      () => notify(t('waiter.service.noOutbox')),
    );
    return () => {
      closed = true;
      feed.close();
    };
  }, [store, session, deviceId]);

  const projected = withWaiting(store.orders, waiting);
  const unsent = useMemo(() => unsentIds(waiting), [waiting]);
  if (!outbox || !loaded) return <p class="loading">{t('waiter.service.loading')}</p>;
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
          {t('waiter.service.floor')}
        </button>
        <span class="who">{session.user?.displayName}</span>
        <span class={`connection ${connection.online ? 'online' : 'offline'}`} role="status">
          {connection.online
            ? t('waiter.service.online')
            : t('waiter.service.offlineSince', { time: clock(connection.offlineSince) })}
        </span>
        <button
          class={`queue ${waiting.length > 0 ? 'has-waiting' : ''}`}
          onClick={() => setShowQueue((shown) => !shown)}
          aria-label={
            waiting.length === 0
              ? t('waiter.service.outboxAllSent')
              : t('waiter.service.outboxWaiting', { count: waiting.length })
          }
        >
          {waiting.length === 0
            ? t('waiter.service.allSent')
            : t('waiter.service.waiting', { count: waiting.length })}
        </button>
        <button
          class={`link clock ${mine.time?.current ? 'clocked-in' : 'clocked-out'}`}
          aria-expanded={showTime}
          onClick={() => setShowTime((shown) => !shown)}
        >
          {t('timeClock.button', { status: clockStatus(mine.time) })}
        </button>
        <button class="link" aria-expanded={showDrawer} onClick={() => setShowDrawer((shown) => !shown)}>
          {t('waiter.drawer.button')}
        </button>
        <LanguageSwitch />
        <button class="link" onClick={() => (waiting.length > 0 ? setSigningOut(true) : session.signOut())}>
          {t('waiter.service.signOut')}
        </button>
      </header>
      {showQueue && (
        <section class="queue-panel" aria-label={t('waiter.service.outbox')}>
          <h2>{t('waiter.service.notSentYet')}</h2>
          {waiting.length === 0 && <p>{t('waiter.service.allOnService')}</p>}
          <ol>
            {waiting.map((write) => (
              <li key={write.key}>
                {describe(write.action.change)} <small>{clock(new Date(write.createdAt))}</small>
              </li>
            ))}
          </ol>
          {lastApplied?.lastWrite && (
            <p class="muted">{appliedText(lastApplied.writesApplied, lastApplied.lastWrite)}</p>
          )}
        </section>
      )}
      {showTime && <TimePanel api={session.api} mine={mine} />}
      {showDrawer && <DrawerPanel session={session} />}
      {notices.length > 0 && (
        <section class="notices" role="alert">
          {notices.map((notice, index) => (
            <p key={index}>{notice}</p>
          ))}
          <button class="link" onClick={() => setNotices([])}>
            {t('waiter.service.dismiss')}
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
        <div class="modal" role="dialog" aria-label={t('waiter.service.linesNotSent')}>
          <div class="modal-body">
            <h2>{t('waiter.service.linesNotSentHeading', { count: basketLines })}</h2>
            <p>{t('waiter.service.leaveOrStay')}</p>
            <div class="actions">
              <button class="primary" onClick={() => setLeaving(false)}>
                {t('waiter.service.stayAndSend')}
              </button>
              <button class="danger" onClick={() => open(null)}>
                {t('waiter.service.dropAndLeave')}
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

type OutboxState = Schemas['OutboxStateView'];

/** What the service recorded of this tablet's writes; null when it cannot be asked. */
function outboxState(session: StaffSession, deviceId: string): Promise<OutboxState | null> {
  return ok(
    session.api.GET('/api/v1/devices/{id}/outbox-state', { params: { path: { id: deviceId } } }),
  ).catch(() => null);
}

/** "The service applied 12 writes from this tablet; the last: POST /api/v1/orders at 7:02 PM." */
function appliedText(
  writesApplied: number,
  { method, path, appliedAt }: NonNullable<OutboxState['lastWrite']>,
): string {
  return t('waiter.service.applied', {
    count: writesApplied,
    method,
    path,
    time: clock(new Date(appliedAt)),
  });
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
