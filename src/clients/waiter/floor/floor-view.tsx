import { t } from '../../../i18n/browser/page-i18n';
import { clock, type Shift } from '../state/shift';
import { money, type Order, pendingQrOrders, type Place, tableState, tableStateLabel } from '../state/floor';
import { TakeawayCounter } from './takeaway-counter';

interface FloorViewProps {
  shift: Shift;
  orders: ReadonlyMap<string, Order>;
  onTable: (tableId: string) => void;
  onTakeaway: (place: Place) => void;
}

/** The floor by area: each table's live state, the guests' calls and their QR orders waiting for a waiter. */
export function FloorView({ shift, orders, onTable, onTakeaway }: FloorViewProps) {
  const { store } = shift;
  const all = [...orders.values()];
  const calls = [...store.calls.values()];
  return (
    <main class="floor">
      <TakeawayCounter shift={shift} orders={all} onTakeaway={onTakeaway} />
      {calls.length > 0 && (
        <section class="calls" aria-label={t('waiter.floor.guestsCalling')}>
          {calls.map((call) => {
            const table = store.table(call.tableId);
            return (
              <div key={call.tableId} class="call">
                <span>
                  {table
                    ? t('waiter.floor.tableCalls', { table: table.name })
                    : t('waiter.floor.aTableCalls')}{' '}
                  · {clock(new Date(call.at))}
                </span>
                <button onClick={() => store.answerCall(call.tableId)}>{t('waiter.floor.onMyWay')}</button>
              </div>
            );
          })}
        </section>
      )}
      {store.locations.map((location) => {
        const tables = store.tables.filter((table) => table.locationId === location.id);
        if (tables.length === 0) return null;
        return (
          <section key={location.id} class="area" aria-label={location.name}>
            <h2>{location.name}</h2>
            <div class="tables">
              {tables.map((table) => {
                const state = tableState(table, all);
                const atTable = all.filter(
                  (order) => order.tableId === table.id && order.status !== 'pending',
                );
                const due = atTable.reduce((sum, order) => sum + order.due, 0);
                const qr = pendingQrOrders(all, table.id).length;
                const unsent = atTable.some(
                  (order) =>
                    shift.unsent.has(order.id) || order.items.some((item) => shift.unsent.has(item.id)),
                );
                return (
                  <button
                    key={table.id}
                    class={`table-tile state-${state}`}
                    data-table={table.name}
                    data-state={state}
                    onClick={() => onTable(table.id)}
                  >
                    <strong>{table.name}</strong>
                    <span class="state">{tableStateLabel(state)}</span>
                    {due > 0 && <span class="due">{money(due)}</span>}
                    {store.calls.has(table.id) && (
                      <span class="badge call-badge">{t('waiter.floor.calling')}</span>
                    )}
                    {qr > 0 && <span class="badge qr-badge">{t('waiter.floor.qrOrder')}</span>}
                    {unsent && <span class="badge unsent-badge">{t('waiter.floor.notSent')}</span>}
                  </button>
                );
              })}
            </div>
          </section>
        );
      })}
    </main>
  );
}
