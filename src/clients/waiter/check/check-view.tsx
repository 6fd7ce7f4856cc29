import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../i18n/browser/page-i18n';
import { newKey } from '../../shared/api';
import type { Change } from '../state/changes';
import { isLive, money, type Order, parseMoney } from '../state/floor';
import { lineName } from '../state/menu';
import { refusalText } from '../state/refusals';
import { ReceiptCard } from './receipt-card';
import { SharesOf } from './shares-of';
import type { Shift } from '../state/shift';
import type { PaymentMethod } from '../state/service-store';
import { SplitTools } from './split-tools';
import { GiveBack } from './give-back';

interface CheckViewProps {
  shift: Shift;
  order: Order;
  /** The table's name, or the takeaway's. */
  placeName: string;
  onBack: () => void;
  onDone: () => void;
}

/**
 * The guest check on screen, printed, split; payments in cash (with change), by card or gift card and several at
 * once, each with a tip; closing; then the receipt, printed or as a QR code for the guest's phone.
 */
export function CheckView({ shift, order, placeName, onBack, onDone }: CheckViewProps) {
  const { store, outbox } = shift;
  const [method, setMethod] = useState<PaymentMethod | null>(null);
  const [amount, setAmount] = useState('');
  const [given, setGiven] = useState('');
  const [tip, setTip] = useState('');
  const [giftCardCode, setGiftCardCode] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  /** The change to hand back after a cash payment: shown until the waiter dismisses it, not gone with the form. */
  const [changeDue, setChangeDue] = useState<{ given: number; change: number } | null>(null);

  useEffect(() => setAmount(money(order.due).replace('−', '-')), [order.due]);
  // A split table's checks: each is paid on its own, and says what the others still owe.
  const others = order.tableId
    ? [...store.orders.values()].filter(
        (other) =>
          other.tableId === order.tableId &&
          other.id !== order.id &&
          isLive(other) &&
          other.status !== 'pending',
      )
    : [];

  const submit = async (change: Change): Promise<boolean> => {
    setBusy(true);
    setProblem('');
    const outcome = await outbox.submit(change, order).finally(() => setBusy(false));
    if (outcome.status === 'refused') setProblem(refusalText(outcome.problem));
    return outcome.status === 'applied';
  };

  const tipMinor = tip.trim() ? parseMoney(tip) : 0;
  const amountMinor = parseMoney(amount);
  const givenMinor = given.trim() ? parseMoney(given) : null;
  const cash = method?.kind === 'cash';
  const paidWith = cash && givenMinor !== null ? givenMinor - (tipMinor ?? 0) : amountMinor;
  const change = cash && paidWith !== null ? Math.max(0, paidWith - order.due) : 0;
  const pay = () => {
    if (!method || paidWith === null || paidWith <= 0 || tipMinor === null) {
      setProblem(t('waiter.check.typeAmount'));
      return;
    }
    void submit({
      kind: 'pay',
      orderId: order.id,
      paymentId: newKey(),
      method: { id: method.id, name: method.name, kind: method.kind },
      amount: paidWith,
      tip: tipMinor,
      ...(method.kind === 'gift_card' ? { giftCardCode: giftCardCode.trim() } : {}),
    }).then((paid) => {
      if (!paid) return;
      if (cash && givenMinor !== null) setChangeDue({ given: givenMinor, change });
      setGiven('');
      setTip('');
      setGiftCardCode('');
      setMethod(null);
    });
  };

  if (order.status === 'closed') {
    return <ReceiptCard shift={shift} order={order} placeName={placeName} onDone={onDone} />;
  }
  const live = order.items.filter((item) => item.status !== 'cancelled');
  return (
    <main class="check-view">
      <section class="guest-check" aria-label={t('waiter.check.guestCheck')}>
        <h1>
          {placeName} · #{order.number}
        </h1>
        {others.length > 0 && (
          <ul class="other-checks" aria-label={t('waiter.shares.others')}>
            {others.map((other) => (
              <li key={other.id}>
                {t('waiter.shares.other', { number: other.number, amount: money(other.due) })}
              </li>
            ))}
          </ul>
        )}
        <ul>
          {live.map((item) => (
            <li key={item.id}>
              <span>
                {item.quantity} × {lineName(item, store.menu)}
                {item.seat !== null && <small> · {t('waiter.lines.seat', { seat: item.seat })}</small>}
                {item.modifiers.map((modifier) => (
                  <small key={modifier.name} class="mods">
                    <br />+ {modifier.name}
                    {modifier.priceDelta !== 0 && ` (${money(modifier.priceDelta)})`}
                  </small>
                ))}
              </span>
              <span>{money(item.total)}</span>
            </li>
          ))}
          <SharesOf order={order} orders={store.orders} />
        </ul>
        <dl class="sums">
          <dt>{t('waiter.check.subtotal')}</dt>
          <dd>{money(order.subtotal)}</dd>
          {order.discount > 0 && (
            <>
              <dt>{t('waiter.check.discount')}</dt>
              <dd>−{money(order.discount)}</dd>
            </>
          )}
          {order.serviceCharge > 0 && (
            <>
              <dt>{t('waiter.check.service')}</dt>
              <dd>{money(order.serviceCharge)}</dd>
            </>
          )}
          <dt>{t('waiter.check.tax')}</dt>
          <dd>{money(order.tax)}</dd>
          <dt>{t('waiter.check.total')}</dt>
          <dd class="total">{money(order.total)}</dd>
          <dt>{t('waiter.check.paid')}</dt>
          <dd>{money(order.paid)}</dd>
          <dt>{t('waiter.check.due')}</dt>
          <dd class="due" aria-label={t('waiter.check.due')}>
            {money(order.due)}
          </dd>
        </dl>
        <div class="actions">
          <button class="link" onClick={onBack}>
            {t('waiter.check.backToOrder')}
          </button>
          <button disabled={busy} onClick={() => void submit({ kind: 'print-bill', orderId: order.id })}>
            {t('waiter.check.print')}
          </button>
        </div>
        <SplitTools order={order} submit={submit} />
      </section>
      <section class="payment" aria-label={t('waiter.check.payment')}>
        {order.refundDue > 0 && <GiveBack shift={shift} order={order} submit={submit} busy={busy} />}
        {order.due === 0 && order.refundDue === 0 && (
          <p class="nothing-due">{t('waiter.check.nothingDue')}</p>
        )}
        {/* Nothing due: no payment is offered, the check is to be closed (or money given back first). */}
        {order.due > 0 && <h2>{t('waiter.check.takePayment')}</h2>}
        {order.due > 0 && (
          <div class="methods">
            {store.methods
              .filter((entry) => entry.kind !== 'channel')
              .map((entry) => (
                <button
                  key={entry.id}
                  class={entry.id === method?.id ? 'chosen' : ''}
                  onClick={() => setMethod(entry)}
                >
                  {entry.name}
                </button>
              ))}
          </div>
        )}
        {method && order.due > 0 && (
          <form
            class="pay-form"
            onSubmit={(event) => {
              event.preventDefault();
              pay();
            }}
          >
            {cash ? (
              <label>
                {t('waiter.check.cashGiven')}
                <input
                  inputMode="decimal"
                  value={given}
                  onInput={(event) => setGiven(event.currentTarget.value)}
                />
              </label>
            ) : (
              <label>
                {t('waiter.check.amount')}
                <input
                  inputMode="decimal"
                  value={amount}
                  onInput={(event) => setAmount(event.currentTarget.value)}
                />
              </label>
            )}
            <label>
              {t('waiter.check.tip')}
              <input inputMode="decimal" value={tip} onInput={(event) => setTip(event.currentTarget.value)} />
            </label>
            {method.kind === 'gift_card' && (
              <label>
                {t('waiter.check.giftCardCode')}
                <input value={giftCardCode} onInput={(event) => setGiftCardCode(event.currentTarget.value)} />
              </label>
            )}
            {cash && givenMinor !== null && (
              <p class="change" aria-label={t('waiter.check.change')}>
                {t('waiter.check.changeOf', { amount: money(change) })}
              </p>
            )}
            {(method.kind === 'card' || method.kind === 'gift_card') && !shift.online && (
              <p class="message">{t('waiter.check.offline', { method: method.name })}</p>
            )}
            <button class="primary" disabled={busy}>
              {t('waiter.check.pay', { method: method.name })}
            </button>
          </form>
        )}
        {changeDue && (
          <div class="change-due" role="status" aria-label={t('waiter.check.lastCash')}>
            <p>
              {t('waiter.check.givenAndChange', { given: money(changeDue.given) })}{' '}
              <strong>{money(changeDue.change)}</strong>
            </p>
            <button class="link" onClick={() => setChangeDue(null)}>
              {t('waiter.check.changeHandedBack')}
            </button>
          </div>
        )}
        <p class="message" role="alert">
          {problem}
        </p>
        <button
          class="primary close"
          disabled={busy || order.due > 0}
          onClick={() => void submit({ kind: 'close', orderId: order.id })}
        >
          {t('waiter.check.close')}
        </button>
      </section>
    </main>
  );
}
