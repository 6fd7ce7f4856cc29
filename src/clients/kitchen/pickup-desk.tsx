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
          ? `#${ticket.number} not picked up: ${error.message}`
          : `#${ticket.number} not picked up: the service cannot be reached.`,
      ),
    );
  };
  return (
    <section class="pickup-desk" aria-label="Ready for pickup">
      <h2>Ready for pickup</h2>
      {waiting.length === 0 && <p class="none">None waiting</p>}
      <ul>
        {waiting.map((ticket) => (
          <li key={ticket.orderId}>
            <button onClick={() => pickUp(ticket)}>
              Picked up #{ticket.number}
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
