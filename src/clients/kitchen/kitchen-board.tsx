import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { everyPage, ok, PER_PAGE } from '../shared/api';
import { type Envelope, ORDER_EVENTS } from '../shared/events';
import { type Connection, LiveFeed } from '../shared/live-feed';
import type { StaffSession } from '../shared/staff-session';
import { useNow } from '../shared/use-now';
import type { KitchenDevice } from './kitchen-device';
import { type LineUpdate, LineUpdates } from './line-updates';
import { Chime } from './sound';
import { type KitchenLine, type Order, type Ticket, TicketBoard, timerColour } from './ticket-board';
import { TicketCard } from './ticket-card';

const DEFAULT_THRESHOLDS = { warnAfterMinutes: 5, lateAfterMinutes: 8 };

interface KitchenBoardProps {
  device: KitchenDevice;
  session: StaffSession;
  /** What the screen knows beside orders: table names and the dishes' allergens. */
  tableNames: ReadonlyMap<string, string>;
  dishAllergens: ReadonlyMap<string, readonly string[]>;
}

/** The live screen: tickets in order of firing, the all-day counts, the connection, the chime. */
export function KitchenBoard({ device, session, tableNames, dishAllergens }: KitchenBoardProps) {
  const board = useMemo(
    () =>
      new TicketBoard(
        device.expo ? null : new Set(device.stationIds),
        (dishId) => dishAllergens.get(dishId) ?? [],
      ),
    [device, dishAllergens],
  );
  const [, redraw] = useReducer((count: number) => count + 1, 0);
  const [connection, setConnection] = useState<Connection>({ online: false, offlineSince: null });
  const [waitingCount, setWaitingCount] = useState(0);
  const [notice, setNotice] = useState('');
  // Taps are taken once the outbox is open: none is ever dropped for want of a place to wait in.
  const [outboxOpen, setOutboxOpen] = useState(false);
  const chime = useMemo(() => new Chime(), []);
  const updates = useRef<LineUpdates | null>(null);
  const now = useNow(1000);

  useEffect(() => {
    const seen = new Set(board.cooking().map((ticket) => ticket.orderId));
    const reload = () => {
      board.beginReload();
      const stationIds = device.expo ? undefined : device.stationIds.join(',');
      everyPage((page) =>
        ok(
          session.api.GET('/api/v1/kitchen/tickets', {
            params: { query: { stationIds, page, perPage: PER_PAGE } },
          }),
        ),
      ).then(
        (tickets) => {
          board.finishReload(tickets);
          for (const ticket of board.cooking()) seen.add(ticket.orderId);
          redraw(0);
        },
        () => setNotice('The tickets could not be loaded; retrying when the connection is back.'),
      );
    };
    const feed = new LiveFeed({
      auth: () => ({ token: session.accessToken, ...(device.expo ? {} : { stations: device.stationIds }) }),
      renew: () => session.renew(),
      reload,
      onConnection: (state) => {
        setConnection(state);
        if (state.online) updates.current?.flush();
      },
    });
    for (const type of ORDER_EVENTS) {
      feed.socket.on(type, (envelope: Envelope<Order>) => {
        if (!board.apply(envelope.data)) return;
        const fresh = board.cooking().filter((ticket) => !seen.has(ticket.orderId));
        for (const ticket of fresh) seen.add(ticket.orderId);
        if (fresh.length > 0) chime.play();
        redraw(0);
      });
    }
    let closed = false;
    LineUpdates.open(session.api, {
      applied: (order) => board.apply(order) && redraw(0),
      refused: (_update, problem) => setNotice(`Not applied: ${problem.message}`),
      changed: (waiting) => {
        setWaitingCount(waiting.length);
        redraw(0);
      },
    }).then(
      (opened) => {
        if (closed) return;
        updates.current = opened;
        setOutboxOpen(true);
      },
      () => setNotice('This browser keeps no outbox (IndexedDB is off): the screen cannot take taps.'),
    );
    return () => {
      closed = true;
      feed.close();
    };
  }, [board, device, session, chime]);

  const queue = (changes: LineUpdate[]) => {
    if (changes.length === 0 || !updates.current) return;
    setNotice('');
    void updates.current.queue(changes);
  };
  const shownStatus = (line: KitchenLine) => updates.current?.queuedStatus(line.id) ?? line.status;
  const waiting = (line: KitchenLine) => updates.current?.queuedStatus(line.id) !== undefined;
  const linesTo = (ticket: Ticket, from: readonly KitchenLine['status'][], status: LineUpdate['status']) =>
    ticket.lines
      .filter((line) => !line.voided && from.includes(shownStatus(line)))
      .map((line) => ({ orderId: ticket.orderId, lineId: line.id, status }));

  const tickets = board.cooking();
  const lastBumped = board.bumped()[0] as Ticket | undefined;
  const thresholds = (ticket: Ticket) => {
    const own = device.stations.filter((station) =>
      ticket.lines.some((line) => line.stationId === station.id),
    );
    if (own.length === 0) return DEFAULT_THRESHOLDS;
    return {
      warnAfterMinutes: Math.min(...own.map((station) => station.warnAfterMinutes)),
      lateAfterMinutes: Math.min(...own.map((station) => station.lateAfterMinutes)),
    };
  };

  return (
    <div class="kitchen" onPointerDown={() => chime.enable()}>
      <header class="bar">
        <strong>{device.name}</strong>
        <span class="stations">
          {device.expo ? 'Expo: every station' : device.stations.map((s) => s.name).join(' · ')}
        </span>
        <Connectivity connection={connection} waiting={waitingCount} />
        {!chime.enabled && <span class="hint">Tap anywhere to turn the chime on</span>}
        <button
          class="recall"
          disabled={!lastBumped}
          onClick={() => lastBumped && queue(linesTo(lastBumped, ['ready'], 'in_progress'))}
        >
          Recall{lastBumped ? ` #${lastBumped.number}` : ''}
        </button>
        <span class="cook">{session.user?.displayName}</span>
        <button class="sign-out" onClick={() => session.signOut()}>
          Sign out
        </button>
      </header>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <div class="layout">
        <main class="tickets" aria-label="Tickets">
          {!outboxOpen && <p class="empty">Opening this screen…</p>}
          {outboxOpen && tickets.length === 0 && <p class="empty">No tickets. All clear.</p>}
          {outboxOpen &&
            tickets.map((ticket) => {
              const { warnAfterMinutes, lateAfterMinutes } = thresholds(ticket);
              const ageMs = now - Date.parse(ticket.firedAt);
              return (
                <TicketCard
                  key={ticket.orderId}
                  ticket={ticket}
                  title={titleOf(ticket, tableNames)}
                  ageMs={ageMs}
                  colour={timerColour(ageMs, warnAfterMinutes, lateAfterMinutes)}
                  shownStatus={shownStatus}
                  waiting={waiting}
                  onLine={(line) =>
                    queue([
                      {
                        orderId: ticket.orderId,
                        lineId: line.id,
                        status: shownStatus(line) === 'ready' ? 'in_progress' : 'ready',
                      },
                    ])
                  }
                  onStart={() => queue(linesTo(ticket, ['new'], 'in_progress'))}
                  onBump={() => queue(linesTo(ticket, ['new', 'in_progress'], 'ready'))}
                />
              );
            })}
        </main>
        <aside class="all-day" aria-label="All day">
          <h2>All day</h2>
          <ul>
            {board.allDay().map(({ name, quantity }) => (
              <li key={name}>
                <span class="qty">{quantity}</span> {name}
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </div>
  );
}

function Connectivity({ connection, waiting }: { connection: Connection; waiting: number }) {
  const since = connection.offlineSince;
  const waitingText = waiting > 0 ? ` · ${waiting} ${waiting === 1 ? 'tap' : 'taps'} not sent yet` : '';
  return (
    <span
      class={`connection ${connection.online ? 'online' : 'offline'}`}
      role="status"
      aria-label="Connection"
    >
      {connection.online
        ? `Live${waitingText}`
        : `Offline${since ? ` since ${since.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : ''}${waitingText}`}
    </span>
  );
}

function titleOf(ticket: Ticket, tableNames: ReadonlyMap<string, string>): string {
  if (ticket.tableId) return tableNames.get(ticket.tableId) ?? 'Table';
  const name = ticket.pickupName ? ` · ${ticket.pickupName}` : '';
  return `${ticket.type === 'delivery' ? 'Delivery' : 'Pickup'} ${ticket.number}${name}`;
}
