import { t } from '../../i18n/browser/page-i18n';
import { useState } from 'preact/hooks';
import { ApiError, type Api, ok } from '../shared/api';
import type { Order, Ticket } from './ticket-board';

/**
 * On the expo: takeaway orders whose food is ready and waits at the counter. One tap when the guest takes it marks
 * it picked up (PATCH /orders/{id}/fulfilment), which takes its number off the pickup board.
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
  const waiting = tickets.filter(
    (ticket) => ticket.type === 'takeaway' && ticket.fulfilmentStatus === 'ready',
  );
  const pickUp = (ticket: Ticket) => {
    setProblem('');
    ok(
      api.PATCH('/api/v1/orders/{id}/fulfilment', {
        params: { path: { id: ticket.orderId } },
        body: { status: 'picked_up' },
      }),
    ).then(picked, (error: unknown) =>
      setProblem(
        error instanceof ApiError
          ? t('kitchen.pickupDesk.notPickedUp', { number: ticket.number, problem: error.message })
          : t('kitchen.pickupDesk.notPickedUpOffline', { number: ticket.number }),
      ),
    );
  };
  return (
    <section class="pickup-desk" aria-label={t('kitchen.pickupDesk.title')}>
      <h2>{t('kitchen.pickupDesk.title')}</h2>
      {waiting.length === 0 && <p class="none">{t('kitchen.pickupDesk.none')}</p>}
      <ul>
        {waiting.map((ticket) => (
          <li key={ticket.orderId}>
            <button onClick={() => pickUp(ticket)}>
              {t('kitchen.pickupDesk.pickedUp', { number: ticket.number })}
              {ticket.pickupName ? ` · ${ticket.pickupName}` : ''}
            </button>
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
