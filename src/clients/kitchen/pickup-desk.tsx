import { formats, t } from '../../i18n/browser/page-i18n';
import { useState } from 'preact/hooks';
import { ApiError, type Api, ok } from '../shared/api';
import type { Order, Ticket } from './ticket-board';

/**
 * On the expo: takeaway orders whose food is ready and waits at the counter. One tap when the guest takes it marks
 * it picked up (PATCH /orders/{id}/fulfilment), which takes its number off the pickup board. The service hands an
 * unpaid order over too (it may be paid at the door), so the desk asks first when money is still due.
 */
export function PickupDesk({
  api,
  tickets,
  picked,
}: {
  api: Api;
  tickets: readonly Ticket[];
  picked: (order: Order) => void;
}) {
  const [problem, setProblem] = useState('');
  // The unpaid order whose handover waits for a yes.
  const [asking, setAsking] = useState<string | null>(null);
  const waiting = tickets.filter(
    (ticket) => ticket.type === 'takeaway' && ticket.fulfilmentStatus === 'ready',
  );
  const handOver = (ticket: Ticket) => {
    setProblem('');
    setAsking(null);
    ok(
      api.PATCH('/api/v1/orders/{id}/fulfilment', {
        params: { path: { id: ticket.orderId } },
        body: { status: 'picked_up' },
      }),
    ).then(picked, (error: unknown) => {
      if (error instanceof ApiError && error.problem.code === 'INVALID_TRANSITION') {
        // Handed over at the counter meanwhile (or cancelled): the order as it is now takes it off the desk.
        setProblem(t('kitchen.pickupDesk.alreadyGone', { number: ticket.number }));
        void ok(api.GET('/api/v1/orders/{id}', { params: { path: { id: ticket.orderId } } })).then(
          picked,
          () => undefined,
        );
        return;
      }
      setProblem(
        error instanceof ApiError
          ? t('kitchen.pickupDesk.notPickedUp', { number: ticket.number, problem: error.message })
          : t('kitchen.pickupDesk.notPickedUpOffline', { number: ticket.number }),
      );
    });
  };
  const tap = (ticket: Ticket) => {
    if (ticket.due > 0) {
      setProblem('');
      setAsking(ticket.orderId);
    } else handOver(ticket);
  };
  return (
    <section class="pickup-desk" aria-label={t('kitchen.pickupDesk.title')}>
      <h2>{t('kitchen.pickupDesk.title')}</h2>
      {waiting.length === 0 && <p class="none">{t('kitchen.pickupDesk.none')}</p>}
      <ul>
        {waiting.map((ticket) => (
          <li key={ticket.orderId}>
            <button onClick={() => tap(ticket)}>
              {t('kitchen.pickupDesk.pickedUp', { number: ticket.number })}
              {ticket.pickupName ? ` · ${ticket.pickupName}` : ''}
            </button>
            {ticket.due > 0 && (
              <span class="due">{t('kitchen.pickupDesk.due', { amount: formats.money(ticket.due) })}</span>
            )}
            {asking === ticket.orderId && (
              <div class="confirm" role="alertdialog" aria-label={t('kitchen.pickupDesk.unpaidTitle')}>
                <p>
                  {t('kitchen.pickupDesk.unpaid', {
                    number: ticket.number,
                    amount: formats.money(ticket.due),
                  })}
                </p>
                <button onClick={() => handOver(ticket)}>{t('kitchen.pickupDesk.handOverUnpaid')}</button>
                <button onClick={() => setAsking(null)}>{t('kitchen.pickupDesk.notYet')}</button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {problem && (
        <p class="message" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
