import { useEffect, useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';

type Page = { items: Array<Schemas['DeliveryView']>; page: number; pages: number; total: number };

const PER_PAGE = 20;
/** Deliveries raise no event of their own: the log is read again while it is open, as a receiver is tested. */
const READ_AGAIN_MS = 2000;

const d = (key: string, values?: Record<string, string | number>) =>
  t(`backOffice.integrations.deliveries.${key}`, values);

/** A webhook's delivery log, newest first and paged, each with its outcome and a button to send it again. */
export function WebhookDeliveries({
  session,
  webhook,
  onClose,
}: {
  session: StaffSession;
  webhook: Schemas['WebhookView'];
  onClose: () => void;
}) {
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<Page | null>(null);
  const [problem, setProblem] = useState('');

  const read = () =>
    ok(
      session.api.GET('/api/v1/webhooks/{id}/deliveries', {
        params: { path: { id: webhook.id }, query: { page, perPage: PER_PAGE } },
      }),
    ).then(
      (fresh) => {
        setShown(fresh);
        setProblem('');
      },
      (error: unknown) => setProblem(t('backOffice.form.notLoaded', { problem: (error as Error).message })),
    );

  useEffect(() => {
    void read();
    const timer = setInterval(() => void read(), READ_AGAIN_MS);
    return () => clearInterval(timer);
  }, [webhook.id, page]);

  const redeliver = (deliveryId: string) =>
    ok(
      session.api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
        params: { path: { id: webhook.id, deliveryId } },
      }),
    ).then(read, (error: unknown) =>
      setProblem(t('backOffice.form.refused', { problem: (error as Error).message })),
    );

  const title = d('title', { url: webhook.url });
  return (
    <section class="deliveries" aria-label={title}>
      <h3>{title}</h3>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {shown === null && !problem && <p class="muted">{t('backOffice.form.loading')}</p>}
      {shown?.total === 0 && <p class="muted">{d('none')}</p>}
      {shown && shown.items.length > 0 && (
        <table class="list" aria-label={title}>
          <thead>
            <tr>
              <th>{d('createdAt')}</th>
              <th>{d('event')}</th>
              <th>{d('status')}</th>
              <th>{d('response')}</th>
              <th>{d('attempts')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.items.map((delivery) => (
              <tr key={delivery.id}>
                <td>{formats.dateTime(delivery.createdAt)}</td>
                <td>
                  {delivery.eventType} #{delivery.seq}
                  {delivery.redeliveryOf && <span class="muted"> · {d('redelivery')}</span>}
                </td>
                <td>{d(`statuses.${delivery.status}`)}</td>
                <td>
                  {delivery.responseStatus ?? '–'}
                  {delivery.error && <span class="muted"> · {delivery.error}</span>}
                </td>
                <td>{delivery.attempts}</td>
                <td class="actions">
                  <button type="button" onClick={() => void redeliver(delivery.id)}>
                    {d('redeliver')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && shown.pages > 1 && (
        <p class="pager">
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {d('newer')}
          </button>{' '}
          {d('page', { page: shown.page, pages: shown.pages })}{' '}
          <button type="button" disabled={page >= shown.pages} onClick={() => setPage(page + 1)}>
            {d('older')}
          </button>
        </p>
      )}
      <button type="button" onClick={onClose}>
        {d('close')}
      </button>
    </section>
  );
}
