import { formats, t } from '../../i18n/browser/page-i18n';
import { LanguageSwitch } from '../shared/language';
import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { everyPage, ok, PER_PAGE } from '../shared/api';
import { type Envelope, ORDER_EVENTS } from '../shared/events';
import { type Connection, LiveFeed } from '../shared/live-feed';
import type { StaffSession } from '../shared/staff-session';
import { useNow } from '../shared/use-now';
import { PageTurner, useBoardPages } from './board-pages';
import { useBumpKeys } from './bump-keys';
import { EightySix, MAY_86 } from './eighty-six';
import { KitchenTime } from './kitchen-time';
import type { KitchenDevice } from './kitchen-device';
import { lastTickets } from './last-tickets';
import { type LineUpdate, LineUpdates } from './line-updates';
import { PickupDesk } from './pickup-desk';
import { Chime } from './sound';
import { type KitchenLine, type Order, type Ticket, TicketBoard, timerColour } from './ticket-board';
import { TicketCard } from './ticket-card';

const DEFAULT_THRESHOLDS = { warnAfterMinutes: 5, lateAfterMinutes: 8 };

/** What moves a ticket on the screen: every order event, and a takeaway's fulfilment (for the expo's pickups). */
const BOARD_EVENTS = [...ORDER_EVENTS, 'order.fulfilment_changed'] as const;

interface KitchenBoardProps {
  device: KitchenDevice;
  session: StaffSession;
  /** What the screen knows beside orders: table names and the dishes' allergens. */
  tableNames: ReadonlyMap<string, string>;
  dishAllergens: ReadonlyMap<string, readonly string[]>;
  /** Reads the table names again: a ticket named a table added since the screen loaded them. */
  refreshTables: () => void;
}

/** The live screen: tickets in order of firing, the all-day counts, the connection, the chime. */
export function KitchenBoard({
  device,
  session,
  tableNames,
  dishAllergens,
  refreshTables,
}: KitchenBoardProps) {
  const board = useMemo(
    () =>
      new TicketBoard(
        device.expo ? null : new Set(device.stationIds),
        (dishId) => dishAllergens.get(dishId) ?? [],
      ),
    [device, dishAllergens],
  );
  const [version, redraw] = useReducer((count: number) => count + 1, 0);
  // When the tickets shown were last known from the service: kept across a reload, said while offline.
  const [knownAt, setKnownAt] = useState<string | null>(null);
  const [connection, setConnection] = useState<Connection>({ online: false, offlineSince: null });
  const [waitingCount, setWaitingCount] = useState(0);
  const [notice, setNotice] = useState('');
  // Why a tap waits (the service said "not yet"): shown until a tap goes through.
  const [delay, setDelay] = useState('');
  // Taps are taken once the outbox is open: none is ever dropped for want of a place to wait in.
  const [outboxOpen, setOutboxOpen] = useState(false);
  const chime = useMemo(() => new Chime(), []);
  const updates = useRef<LineUpdates | null>(null);
  const now = useNow(1000);
  // The bump bar's selection, kept in a ref as well: keys pressed faster than the screen redraws move on from it.
  const selection = useRef<string | null>(null);
  const [selectedId, setSelection] = useState<string | null>(null);
  const setSelectedId = (orderId: string | null) => {
    selection.current = orderId;
    setSelection(orderId);
  };
  const [eightySixOpen, setEightySixOpen] = useState(false);
  const { flow, pages, turnTo, show } = useBoardPages();

  useEffect(() => {
    // What the screen last knew, until the service answers: a reload without the network still shows it.
    const kept = lastTickets.read(device.id);
    if (kept) {
      for (const order of kept.orders) board.apply(order);
      setKnownAt(kept.knownAt);
      redraw(0);
    }
    const seen = new Set(board.cooking().map((ticket) => ticket.orderId));
    let neverConnected = true;
    const reload = () => {
      const stationIds = device.expo ? undefined : device.stationIds.join(',');
      const tickets = () =>
        everyPage((page) =>
          ok(
            session.api.GET('/api/v1/kitchen/tickets', {
              params: { query: { stationIds, page, perPage: PER_PAGE } },
            }),
          ),
        );
      board.reload(tickets).then(
        () => {
          for (const ticket of board.cooking()) seen.add(ticket.orderId);
          redraw(0);
        },
        () => setNotice(t('kitchen.board.ticketsNotLoaded')),
      );
    };
    const feed = new LiveFeed({
      auth: () => ({ token: session.accessToken, ...(device.expo ? {} : { stations: device.stationIds }) }),
      renew: () => session.renew(),
      reload,
      onConnection: (state) => {
        setConnection(state);
        if (state.online) {
          neverConnected = false;
          updates.current?.flush();
        } else if (neverConnected) {
          // Started without the service (a reload during a drop): the tickets kept above, or else those of the last
          // load, which the service worker kept (older than the kept ones: events came after it), until the socket
          // connects and loads them afresh. A later drop keeps the board as it is.
          neverConnected = false;
          if (!kept) reload();
        }
      },
    });
    for (const type of BOARD_EVENTS) {
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
      applied: (order) => {
        setDelay('');
        if (board.apply(order)) redraw(0);
      },
      refused: (_update, problem) => setNotice(t('kitchen.board.notApplied', { problem: problem.message })),

      delayed: (_update, problem) => setDelay(t('kitchen.board.waitingToSend', { problem: problem.message })),
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
      () => setNotice(t('kitchen.board.noOutbox')),
    );
    return () => {
      closed = true;
      feed.close();
    };
  }, [board, device, session, chime]);

  useEffect(() => {
    if (connection.online) setKnownAt(lastTickets.keep(device.id, board.known()));
  }, [version, connection.online, board, device]);

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
  const bumped = board.bumped();
  const lastBumped = bumped[0] as Ticket | undefined;
  const selected = () => tickets.find((ticket) => ticket.orderId === selection.current);
  const select = (ticket: Ticket | undefined) => {
    if (!ticket) return;
    setSelectedId(ticket.orderId);
    const card = flow.current?.querySelector(`[data-order-id="${ticket.orderId}"]`);
    if (card) show(card);
  };
  const bump = (ticket: Ticket) => {
    // The bump bar goes on with the ticket after it, as the next one to work.
    if (ticket.orderId === selection.current)
      setSelectedId(tickets[tickets.indexOf(ticket) + 1]?.orderId ?? null);
    queue(linesTo(ticket, ['new', 'in_progress'], 'ready'));
  };
  const recall = () => lastBumped && queue(linesTo(lastBumped, ['ready'], 'in_progress'));
  useBumpKeys(
    {
      select: (step) => {
        const current = selected();
        const at = current ? tickets.indexOf(current) : -1;
        select(at === -1 ? tickets[0] : tickets[Math.min(tickets.length - 1, Math.max(0, at + step))]);
      },
      selectFirst: () => select(tickets[0]),
      start: () => {
        const current = selected();
        if (current) queue(linesTo(current, ['new'], 'in_progress'));
      },
      bump: () => {
        const current = selected();
        if (current) bump(current);
      },
      recall,
      turnPage: (step) => turnTo(pages.current + step),
    },
    outboxOpen && !eightySixOpen,
  );
  // A table added during service: its name is read once, not "Table" until a reload.
  const askedForTables = useRef(new Set<string>());
  useEffect(() => {
    const unknown = tickets.flatMap((ticket) =>
      ticket.tableId && !tableNames.has(ticket.tableId) && !askedForTables.current.has(ticket.tableId)
        ? [ticket.tableId]
        : [],
    );
    if (unknown.length === 0) return;
    for (const tableId of unknown) askedForTables.current.add(tableId);
    refreshTables();
  });
  const stationName = (stationId: string) =>
    device.stations.find((station) => station.id === stationId)?.name ?? t('kitchen.board.station');
  const role = session.user?.role;
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
    <div
      class="kitchen"
      onPointerDown={() => {
        if (chime.enabled) return;
        chime.enable();
        redraw(0);
      }}
    >
      <header class="bar">
        <strong>{device.name}</strong>
        <span class="stations">
          {device.expo ? t('kitchen.board.expo') : device.stations.map((s) => s.name).join(' · ')}
        </span>
        <Connectivity connection={connection} waiting={waitingCount} />
        {/* Hidden, not removed, once on: the buttons after it stay where the first tap found them. */}
        <span class={chime.enabled ? 'hint off' : 'hint'}>{t('kitchen.board.chimeHint')}</span>
        {role && MAY_86.includes(role) && (
          <button
            class="open-86"
            aria-expanded={eightySixOpen}
            onClick={() => setEightySixOpen(!eightySixOpen)}
          >
            {t('kitchen.board.open86')}
          </button>
        )}
        <button class="recall" disabled={!lastBumped} onClick={recall}>
          {lastBumped
            ? t('kitchen.board.recallNumber', { number: lastBumped.number })
            : t('kitchen.board.recall')}
        </button>
        <span class="cook">{session.user?.displayName}</span>
        <button class="sign-out" onClick={() => session.signOut()}>
          {t('kitchen.board.signOut')}
        </button>
      </header>
      <div class="layout">
        <main class="tickets" aria-label={t('kitchen.board.tickets')}>
          <div class="flow" ref={flow}>
            {!outboxOpen && <p class="empty">{t('kitchen.board.opening')}</p>}
            {outboxOpen && !connection.online && (
              <p class="last-known">{lastKnownText(knownAt, tickets.length)}</p>
            )}
            {/* "All clear" only from a live screen: offline, it cannot know. */}
            {outboxOpen && connection.online && tickets.length === 0 && (
              <p class="empty">{t('kitchen.board.allClear')}</p>
            )}
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
                    selected={ticket.orderId === selectedId}
                    stations={
                      device.expo
                        ? ticket.stations.map(({ stationId, done }) => ({
                            name: stationName(stationId),
                            done,
                          }))
                        : null
                    }
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
                    onBump={() => bump(ticket)}
                  />
                );
              })}
          </div>
          {/* The notice floats over the tickets' foot: coming and going, it never moves a ticket under a tap. */}
          <div class="foot">
            {(notice || delay) && (
              <p class="notice" role="status">
                {[notice, delay].filter(Boolean).join(' ')}
              </p>
            )}
            <PageTurner pages={pages} turnTo={turnTo} />
          </div>
        </main>
        <aside class="all-day" aria-label={t('kitchen.board.allDay')}>
          <h2>{t('kitchen.board.allDay')}</h2>
          <ul>
            {board.allDay().map(({ name, quantity }) => (
              <li key={name}>
                <span class="qty">{quantity}</span> {name}
              </li>
            ))}
          </ul>
          {device.expo && (
            <PickupDesk
              api={session.api}
              tickets={bumped}
              picked={(order) => board.apply(order) && redraw(0)}
            />
          )}
          {/* Here, not in the bar: the bar is full on a 1280-pixel tablet, and a second row of it costs tickets. */}
          <KitchenTime api={session.api} />
          <LanguageSwitch />
        </aside>
      </div>
      {eightySixOpen && (
        <EightySix
          api={session.api}
          stationIds={device.expo ? null : device.stationIds}
          onClose={() => setEightySixOpen(false)}
        />
      )}
    </div>
  );
}

function Connectivity({ connection, waiting }: { connection: Connection; waiting: number }) {
  const since = connection.offlineSince;
  const waitingText = waiting > 0 ? ` · ${t('kitchen.board.tapsWaiting', { count: waiting })}` : '';
  return (
    <span
      class={`connection ${connection.online ? 'online' : 'offline'}`}
      role="status"
      aria-label={t('kitchen.board.connection')}
    >
      {connection.online
        ? `${t('kitchen.board.live')}${waitingText}`
        : `${since ? t('kitchen.board.offlineSince', { time: formats.time(since) }) : t('kitchen.board.offline')}${waitingText}`}
    </span>
  );
}

/** What an offline board says of its tickets: as last known, and when, or that it cannot tell. */
function lastKnownText(knownAt: string | null, tickets: number): string {
  if (knownAt) return t('kitchen.board.lastKnownAt', { time: formats.time(new Date(knownAt)) });
  return tickets > 0 ? t('kitchen.board.lastKnown') : t('kitchen.board.nothingKnown');
}

function titleOf(ticket: Ticket, tableNames: ReadonlyMap<string, string>): string {
  if (ticket.tableId) return tableNames.get(ticket.tableId) ?? t('kitchen.board.table');
  const name = ticket.pickupName ? ` · ${ticket.pickupName}` : '';
  const number = ticket.number;
  return `${ticket.type === 'delivery' ? t('kitchen.board.deliveryTitle', { number }) : t('kitchen.board.pickupTitle', { number })}${name}`;
}
