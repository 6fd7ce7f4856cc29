import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../../shared/api';
import { money, type Order } from '../state/floor';
import type { Shift } from '../state/shift';
import { refusalText } from '../state/refusals';

type Receipt = Schemas['ReceiptView'];

interface ReceiptCardProps {
  shift: Shift;
  order: Order;
  /** The table's name, or the takeaway's. */
  placeName: string;
  onDone: () => void;
}

/** A closed check's receipt: printed on the receipt printer, or its QR code shown for the guest's phone. */
export function ReceiptCard({ shift, order, placeName, onDone }: ReceiptCardProps) {
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [message, setMessage] = useState('');

  // The receipt is issued in the closing transaction: the newest receipts from the closing on hold it.
  useEffect(() => {
    if (!order.closedAt) return;
    const from = order.closedAt;
    ok(shift.session.api.GET('/api/v1/receipts', { params: { query: { from, page: 1, perPage: 20 } } })).then(
      (page) =>
        setReceipt(
          page.items.find((issued) => issued.orderId === order.id && issued.kind === 'sale') ?? null,
        ),
      () => setMessage(t('waiter.receipt.needsConnection')),
    );
  }, [order.id, order.closedAt, shift]);

  useEffect(() => {
    if (!receipt) return;
    shift.session.api
      .GET('/api/v1/receipts/{id}/qr', { params: { path: { id: receipt.id } }, parseAs: 'text' })
      .then(({ data }) => data && setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(data)}`))
      .catch(() => setMessage(t('waiter.receipt.qrNeedsConnection')));
  }, [receipt, shift]);

  return (
    <main class="receipt-card" aria-label={t('waiter.receipt.label')}>
      <h1>
        {placeName} · {t('waiter.receipt.closed', { number: order.number })}
      </h1>
      <p>
        {t('waiter.receipt.paid', { amount: money(order.paid) })}
        {receipt && (
          <>
            {' · '}
            {t('waiter.receipt.number', { number: receipt.number })}
          </>
        )}
      </p>
      {!receipt && <p class="muted">{t('waiter.receipt.waiting')}</p>}
      {qr && <img class="receipt-qr" src={qr} alt={t('waiter.receipt.qr')} />}
      {receipt && (
        <div class="actions">
          <button
            onClick={() =>
              void shift.outbox
                .submit({ kind: 'print-receipt', orderId: order.id, receiptId: receipt.id }, null)
                .then((outcome) =>
                  setMessage(
                    outcome.status === 'applied'
                      ? t('waiter.receipt.sentToPrinter')
                      : refusalText(outcome.problem),
                  ),
                )
            }
          >
            {t('waiter.receipt.print')}
          </button>
          <a class="button" href={receipt.url} target="_blank" rel="noreferrer">
            {t('waiter.receipt.digitalCopy')}
          </a>
        </div>
      )}
      <p class="message" role="status">
        {message}
      </p>
      <button class="primary" onClick={onDone}>
        {t('waiter.receipt.backToFloor')}
      </button>
    </main>
  );
}
