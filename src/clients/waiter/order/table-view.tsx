import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../i18n/browser/page-i18n';
import { newKey } from '../../shared/api';
import type { Change, LineDraft } from '../state/changes';
import { CheckView } from '../check/check-view';
import {
  fulfilmentLabel,
  isLive,
  money,
  type Order,
  type Place,
  tableState,
  tableStateLabel,
} from '../state/floor';
import { ManagerApproval } from './manager-approval';
import { MenuPicker } from './menu-picker';
import { OrderLines } from './order-lines';
import { OrderTools } from './order-tools';
import type { Approval, Shift } from '../state/shift';
import { refusalText } from '../state/refusals';
import { allergenNames } from '../../shared/allergen-names';

interface TableViewProps {
  shift: Shift;
  orders: ReadonlyMap<string, Order>;
  place: Place;
  onFloor: () => void;
  /** How many lines wait in "To send", for the way back to the floor to ask before they are dropped. */
  onBasket: (lines: number) => void;
}

/**
 * One table, or one takeaway order at the counter: its checks, the order being taken, sending and firing, handing a
 * takeaway over, and the way to the bill.
 */
export function TableView({ shift, orders, place, onFloor, onBasket }: TableViewProps) {
  const { store, outbox } = shift;
  const table = place.kind === 'table' ? store.table(place.tableId) : null;
  const atTable = [...orders.values()]
    .filter((order) => isLive(order) && atPlace(order, place))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const checks = atTable.filter((order) => order.status !== 'pending');
  const qrOrders = atTable.filter((order) => order.status === 'pending');
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [basket, setBasket] = useState<LineDraft[]>([]);
  const [guests, setGuests] = useState(2);
  const [picking, setPicking] = useState(false);
  const [payingId, setPayingId] = useState<string | null>(null);
  const [holdLater, setHoldLater] = useState(true);
  const [approval, setApproval] = useState<Approval | null>(null);
  useEffect(() => onBasket(basket.length), [basket.length, onBasket]);
  if (place.kind === 'table' && !table) return <p class="empty">{t('waiter.order.gone')}</p>;
  const placeName = table
    ? table.name
    : t('waiter.takeaway.place', { name: place.kind === 'takeaway' ? place.customerName : '' });

  const order = checks.find((check) => check.id === chosenId) ?? checks[0] ?? null;
  const submit = (change: Change, seen: Order | null = order) =>
    outbox.submit(change, seen).then((outcome) => {
      if (outcome.status === 'refused') shift.notify(refusalText(outcome.problem));
      return outcome;
    });

  const send = () => {
    const lines = basket.map((line) =>
      holdLater && (line.item.course ?? 1) > 1 ? { ...line, item: { ...line.item, hold: true } } : line,
    );
    setBasket([]);
    setPicking(false);
    if (order) void submit({ kind: 'add-items', orderId: order.id, lines });
    else if (place.kind === 'takeaway') {
      const { orderId, customerName } = place;
      void submit({ kind: 'open-order', orderId, tableId: null, guests, customerName, lines }, null);
    } else {
      const orderId = newKey();
      setChosenId(orderId);
      void submit(
        { kind: 'open-order', orderId, tableId: place.tableId, guests, customerName: null, lines },
        null,
      );
    }
  };

  // The check stays on screen once closed (it leaves the live orders), for its receipt.
  const paying = payingId ? (store.orders.get(payingId) ?? orders.get(payingId)) : undefined;
  if (paying) {
    return (
      <CheckView
        shift={shift}
        order={paying}
        placeName={placeName}
        onBack={() => setPayingId(null)}
        onDone={onFloor}
      />
    );
  }
  const heldCourses = order
    ? [...new Set(order.items.filter((item) => item.status === 'held').map((item) => item.course))].sort(
        (a, b) => a - b,
      )
    : [];
  const state = table ? tableState(table, [...orders.values()]) : null;
  const fulfilment = order?.fulfilment?.status;

  return (
    <main class={`table-view ${picking ? 'picking' : ''}`}>
      <section class="order-pane" aria-label={t('waiter.order.label')}>
        <h1>
          {placeName} {state && <span class={`state-chip state-${state}`}>{tableStateLabel(state)}</span>}
          {fulfilment && (
            <span class={`state-chip fulfilment-${fulfilment}`}>{fulfilmentLabel(fulfilment)}</span>
          )}
        </h1>
        {table && state === 'cleaning' && (
          <button
            onClick={() => void submit({ kind: 'table-status', tableId: table.id, status: 'free' }, null)}
          >
            {t('waiter.order.tableClean')}
          </button>
        )}
        {order && fulfilment === 'ready' && (
          <button
            class="primary"
            onClick={() => void submit({ kind: 'hand-over', orderId: order.id, number: order.number })}
          >
            {t('waiter.order.pickedUp', { number: order.number })}
          </button>
        )}
        {qrOrders.map((qr) => (
          <div key={qr.id} class="qr-order" aria-label={t('waiter.floor.qrOrder')}>
            <strong>
              {t('waiter.order.qrOrdered', {
                lines: qr.items.map((item) => `${item.quantity} × ${item.name}`).join(', '),
              })}
            </strong>
            <button onClick={() => void submit({ kind: 'accept-qr-order', orderId: qr.id }, qr)}>
              {t('waiter.order.accept')}
            </button>
          </div>
        ))}
        {checks.length > 1 && (
          <nav class="checks" aria-label={t('waiter.order.checks')}>
            {checks.map((check, index) => (
              <button
                key={check.id}
                class={check.id === order?.id ? 'chosen' : ''}
                onClick={() => setChosenId(check.id)}
              >
                {t('waiter.order.checkTab', { number: index + 1, amount: money(check.due) })}
              </button>
            ))}
          </nav>
        )}
        {order ? (
          <>
            <p class="order-head">
              {order.number > 0 ? `#${order.number}` : t('waiter.order.newOrder')}
              {table && (
                <>
                  {' · '}
                  {order.guests === null
                    ? t('waiter.order.guestsUnknown')
                    : t('waiter.order.guests', { count: order.guests })}
                </>
              )}
              {order.customer && (
                <>
                  {' · '}
                  {order.customer.name ?? t('waiter.order.guest')}
                </>
              )}
              {order.customer?.allergens?.length ? (
                <span class="allergens">
                  {' '}
                  {t('waiter.order.allergies', { allergens: allergenNames(order.customer.allergens) })}
                </span>
              ) : null}
            </p>
            <OrderLines shift={shift} order={order} submit={submit} askManager={setApproval} />
            <p class="totals">
              {t('waiter.order.total')} <strong>{money(order.total)}</strong>
              {order.discount > 0 && (
                <span> {t('waiter.order.discount', { amount: money(order.discount) })}</span>
              )}
              {order.paid > 0 && <span> · {t('waiter.order.paid', { amount: money(order.paid) })}</span>}
              {' · '}
              {t('waiter.order.due')} <strong>{money(order.due)}</strong>
            </p>
          </>
        ) : (
          table && (
            <label class="guests">
              {t('waiter.order.guestsLabel')}
              <button
                onClick={() => setGuests((count) => Math.max(1, count - 1))}
                aria-label={t('waiter.order.fewerGuests')}
              >
                −
              </button>
              <output>{guests}</output>
              <button
                onClick={() => setGuests((count) => Math.min(99, count + 1))}
                aria-label={t('waiter.order.moreGuests')}
              >
                +
              </button>
            </label>
          )
        )}
        {basket.length > 0 && (
          <section class="basket" aria-label={t('waiter.order.toSend')}>
            <h2>{t('waiter.order.toSend')}</h2>
            <ul>
              {basket.map((line) => (
                <li key={line.item.id}>
                  <span>
                    {line.label}
                    {line.item.seat ? <> · {t('waiter.lines.seat', { seat: line.item.seat })}</> : ''} ·{' '}
                    {t('waiter.order.course', { course: line.item.course ?? 1 })}
                  </span>
                  <button
                    class="link"
                    onClick={() => setBasket((lines) => lines.filter((kept) => kept !== line))}
                    aria-label={t('waiter.order.takeOff', { line: line.label })}
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ul>
            <label class="check">
              <input
                type="checkbox"
                checked={holdLater}
                onChange={(event) => setHoldLater(event.currentTarget.checked)}
              />
              {t('waiter.order.holdLater')}
            </label>
          </section>
        )}
        <div class="actions">
          <button onClick={() => setPicking((shown) => !shown)}>
            {picking ? t('waiter.order.closeMenu') : t('waiter.order.addItems')}
          </button>
          <button class="primary" disabled={basket.length === 0} onClick={send}>
            {t('waiter.order.send')}
            {basket.length > 0 ? ` (${basket.length})` : ''}
          </button>
          {order &&
            heldCourses.map((course) => (
              <button key={course} onClick={() => void submit({ kind: 'fire', orderId: order.id, course })}>
                {t('waiter.order.fire', { course })}
              </button>
            ))}
          {order && order.number > 0 && (
            <button
              class={order.rush ? 'chosen' : ''}
              aria-pressed={order.rush}
              onClick={() => void submit({ kind: 'rush', orderId: order.id, rush: !order.rush })}
            >
              {order.rush ? t('waiter.order.rushed') : t('waiter.order.rush')}
            </button>
          )}
          {order && (order.items.length > 0 || order.shares.length > 0) && (
            <button class="primary" onClick={() => setPayingId(order.id)}>
              {t('waiter.order.checkAndPay')}
            </button>
          )}
        </div>
        {order && table && (
          <OrderTools
            shift={shift}
            order={order}
            table={table}
            checks={checks}
            submit={submit}
            askManager={setApproval}
          />
        )}
      </section>
      {picking && (
        <MenuPicker
          shift={shift}
          guests={order?.guests ?? guests}
          locationId={table?.locationId ?? null}
          guestAllergens={order?.customer?.allergens ?? []}
          onLine={(line) => setBasket((lines) => [...lines, line])}
        />
      )}
      {approval && (
        <ManagerApproval approval={approval} api={shift.session.api} onDone={() => setApproval(null)} />
      )}
    </main>
  );
}

function atPlace(order: Order, place: Place): boolean {
  return place.kind === 'table' ? order.tableId === place.tableId : order.id === place.orderId;
}
