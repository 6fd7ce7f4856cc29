import { useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { chosen, CreateForm, firstPage, Hint, optional, useList } from './forms';
import { SecretOnce } from './secret-once';
import { WebhookDeliveries } from './webhook-deliveries';

type EventType = Schemas['IntegrationEventType'];
type Webhook = Schemas['WebhookView'];

/** Every event a webhook may subscribe to; a record, so a type the API adds is a build error until listed. */
const EVENT_LIST: Record<EventType, true> = {
  'order.created': true,
  'order.updated': true,
  'order.status_changed': true,
  'order.item_status_changed': true,
  'order.paid': true,
  'order.fired': true,
  'order.fulfilment_changed': true,
  'menu.availability_changed': true,
  'menu.updated': true,
  'gift_card.activity': true,
  'receipt.issued': true,
  'customer.updated': true,
  'loyalty.activity': true,
};
const EVENT_TYPES = Object.keys(EVENT_LIST) as EventType[];

const w = (key: string, values?: Record<string, string | number>) =>
  t(`backOffice.integrations.webhooks.${key}`, values);

/** The webhooks: subscribe a URL (its signing secret shown once), enable, disable, delete, see its deliveries. */
export function Webhooks({ session }: { session: StaffSession }) {
  const hooks = useList(() => ok(session.api.GET('/api/v1/webhooks', firstPage)));
  const [issued, setIssued] = useState<Schemas['WebhookWithSecretView'] | null>(null);
  const [opened, setOpened] = useState<Webhook | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [problem, setProblem] = useState('');

  const change = (answer: Promise<unknown>) =>
    answer.then(
      () => {
        setProblem('');
        hooks.reload();
      },
      (error: unknown) => setProblem(t('backOffice.form.refused', { problem: (error as Error).message })),
    );
  const path = (hook: Webhook) => ({ params: { path: { id: hook.id } } });
  const switchOn = (hook: Webhook, active: boolean) =>
    change(ok(session.api.PATCH('/api/v1/webhooks/{id}', { ...path(hook), body: { active } })));
  const remove = (hook: Webhook) => {
    if (opened?.id === hook.id) setOpened(null);
    setDeleting(null);
    return change(ok(session.api.DELETE('/api/v1/webhooks/{id}', path(hook))));
  };

  return (
    <section class="card" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{w('title')}</h2>
      <Hint text={w('hint')} />
      {hooks.problem && <p class="problem">{hooks.problem}</p>}
      {hooks.items?.length === 0 && <p class="muted">{t('backOffice.form.nothingYet')}</p>}
      {hooks.items && hooks.items.length > 0 && (
        <table class="list" aria-label={w('title')}>
          <thead>
            <tr>
              <th>{w('url')}</th>
              <th>{w('events')}</th>
              <th>{w('state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {hooks.items.map((hook) => (
              <tr key={hook.id}>
                <td>
                  <span class="url">{hook.url}</span>
                  {hook.description && <span class="muted"> · {hook.description}</span>}
                </td>
                <td>{hook.events.join(', ')}</td>
                <td>
                  {hook.active ? w('enabled') : w('disabled')}
                  {hook.disabledReason && <span class="muted"> · {hook.disabledReason}</span>}
                </td>
                <td class="actions">
                  <button type="button" onClick={() => setOpened(hook)}>
                    {w('deliveries')}
                  </button>
                  <button type="button" onClick={() => void switchOn(hook, !hook.active)}>
                    {hook.active ? w('disable') : w('enable')}
                  </button>
                  {deleting === hook.id ? (
                    <button type="button" class="danger" onClick={() => void remove(hook)}>
                      {w('reallyDelete')}
                    </button>
                  ) : (
                    <button type="button" onClick={() => setDeleting(hook.id)}>
                      {w('delete')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {issued && (
        <SecretOnce
          label={w('secretOf', { url: issued.url })}
          secret={issued.secret}
          hint={w('secretHint')}
          onDone={() => setIssued(null)}
        />
      )}
      <h3>{w('create')}</h3>
      <CreateForm
        id="webhook"
        submitLabel={w('subscribe')}
        fields={[
          { name: 'url', label: w('url') },
          { name: 'description', label: w('description') },
          {
            name: 'events',
            label: w('events'),
            type: 'choices',
            options: EVENT_TYPES.map((type) => ({ value: type, label: type })),
          },
          { name: 'personalData', label: w('personalData'), type: 'checkbox' },
        ]}
        submit={(values) =>
          ok(
            session.api.POST('/api/v1/webhooks', {
              body: {
                url: values.url.trim(),
                description: optional(values.description),
                events: chosen(values.events) as EventType[],
                personalData: values.personalData === 'true',
              },
            }),
          ).then(setIssued)
        }
        onSaved={hooks.reload}
      />
      {opened && <WebhookDeliveries session={session} webhook={opened} onClose={() => setOpened(null)} />}
    </section>
  );
}
