import { useEffect, useState } from 'preact/hooks';
import { formats, t } from '../../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../../shared/api';
import type { Change } from '../state/changes';
import type { Order } from '../state/floor';
import type { Shift } from '../state/shift';

type Payment = Schemas['PaymentView'];

interface GiveBackProps {
  shift: Shift;
  order: Order;
  submit: (change: Change) => Promise<boolean>;
  busy: boolean;
}

/**
 * What the guest paid over the total (a line removed after payment), in the restaurant's currency, and the tap
 * that gives it back from the newest payment with money left on it, so the check can close.
 */
export function GiveBack({ shift, order, submit, busy }: GiveBackProps) {
  const [payments, setPayments] = useState<Payment[]>([]);
  useEffect(() => {
    ok(shift.session.api.GET('/api/v1/orders/{id}/payments', { params: { path: { id: order.id } } })).then(
      (page) => setPayments(page.items),
      () => setPayments([]),
    );
  }, [order.id, order.version]);
  const from = [...payments].reverse().find((payment) => payment.amount > payment.refunded);
  const amount = from ? Math.min(order.refundDue, from.amount - from.refunded) : 0;
  return (
    <div class="give-back" role="group" aria-label={t('waiter.check.giveBackHeading')}>
      <h2>{t('waiter.check.giveBackHeading')}</h2>
      <p class="refund-due">{formats.money(order.refundDue)}</p>
      {from && (
        <button
          class="primary"
          disabled={busy}
          onClick={() =>
            void submit({
              kind: 'give-back',
              orderId: order.id,
              paymentId: from.id,
              amount,
              reason: t('waiter.check.giveBackReason'),
            })
          }
        >
          {t('waiter.check.giveBack', { amount: formats.money(amount) })}
        </button>
      )}
    </div>
  );
}
