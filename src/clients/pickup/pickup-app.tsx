import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import { apiClient, type Schemas } from '../shared/api';
import { NumberColumn } from './number-column';

type Board = Schemas['PickupBoardDisplayView'];

const POLL_EVERY_MS = 2000;
const NONE: Board['ready'] = [];

/**
 * The pickup board at /pickup?board=<token>, for the counter's TV: order numbers preparing and ready, large. It
 * asks every two seconds with the last ETag; an unchanged board costs the service a 304.
 */
export function PickupApp() {
  const token = new URLSearchParams(location.search).get('board') ?? '';
  const api = useMemo(() => apiClient((request) => fetch(request)), []);
  const [board, setBoard] = useState<Board | null>(null);
  const [state, setState] = useState<'loading' | 'live' | 'offline' | 'revoked'>('loading');

  useEffect(() => {
    let etag: string | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      const answer = await api
        .GET('/api/v1/public/pickup-boards/{token}', {
          params: { path: { token } },
          headers: etag ? { 'If-None-Match': etag } : {},
          cache: 'no-store',
        })
        .catch(() => null);
      if (!answer) setState('offline');
      else if (answer.response.status === 404) return setState('revoked');
      else if (answer.response.ok && answer.data) {
        etag = answer.response.headers.get('ETag');
        setBoard(answer.data);
        setState('live');
      } else if (answer.response.status === 304) setState('live');
      else setState('offline');
      timer = setTimeout(() => void poll(), POLL_EVERY_MS);
    };
    void poll();
    return () => {
      if (timer) clearTimeout(timer);
    };
  }, [api, token]);

  if (state === 'revoked' || !token) {
    return <p class="message">{t('pickup.invalidLink')}</p>;
  }
  return (
    <div class="pickup" data-state={state}>
      <header>
        <h1>{board?.board.name ?? t('pickup.orders')}</h1>
        {state === 'offline' && <span class="offline">{t('pickup.reconnecting')}</span>}
      </header>
      <div class="columns">
        <section class="preparing" aria-label={t('pickup.preparing')}>
          <NumberColumn title={t('pickup.preparing')} numbers={board?.preparing ?? NONE} />
        </section>
        <section class="ready" aria-label={t('pickup.ready')}>
          <NumberColumn title={t('pickup.ready')} numbers={board?.ready ?? NONE} />
        </section>
      </div>
    </div>
  );
}
