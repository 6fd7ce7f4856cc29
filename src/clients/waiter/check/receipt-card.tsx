import { useEffect, useState } from 'preact/hooks';
import { ok, type Schemas } from '../../shared/api';
import { money, type Order } from '../state/floor';
import type { Shift } from '../state/shift';

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
      () => setMessage('The receipt needs the connection.'),
    );
  }, [order.id, order.closedAt, shift]);

  useEffect(() => {
    if (!receipt) return;
    shift.session.api
      .GET('/api/v1/receipts/{id}/qr', { params: { path: { id: receipt.id } }, parseAs: 'text' })
      .then(({ data }) => data && setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(data)}`))
      .catch(() => setMessage('The QR code needs the connection.'));
  }, [receipt, shift]);

  return (
    <main class="receipt-card" aria-label="Receipt">
      <h1>
        {placeName} · #{order.number} closed
      </h1>
      <p>
        Paid {money(order.paid)}
        {receipt && ` · receipt ${receipt.number}`}
      </p>
      {!receipt && <p class="muted">Waiting for the receipt…</p>}
      {qr && <img class="receipt-qr" src={qr} alt="The receipt for the guest's phone" />}
      {receipt && (
        <div class="actions">
          <button
            onClick={() =>
              void shift.outbox
                .submit({ kind: 'print-receipt', orderId: order.id, receiptId: receipt.id }, null)
                .then((outcome) =>
                  setMessage(outcome.status === 'applied' ? 'Sent to the printer.' : outcome.problem.message),
                )
            }
          >
            Print receipt
          </button>
          <a class="button" href={receipt.url} target="_blank" rel="noreferrer">
            Open the digital copy
          </a>
        </div>
      )}
      <p class="message" role="status">
        {message}
      </p>
      <button class="primary" onClick={onDone}>
        Back to the floor
      </button>
    </main>
  );
}
