import { useEffect, useMemo, useState } from 'preact/hooks';
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
    return <p class="message">This board’s link is not valid. Ask a manager for a new one.</p>;
  }
  return (
    <div class="pickup" data-state={state}>
      <header>
        <h1>{board?.board.name ?? 'Orders'}</h1>
        {state === 'offline' && <span class="offline">Reconnecting…</span>}
      </header>
      <div class="columns">
        <section class="preparing" aria-label="Preparing">
          <NumberColumn title="Preparing" numbers={board?.preparing ?? NONE} />
        </section>
        <section class="ready" aria-label="Ready">
          <NumberColumn title="Ready" numbers={board?.ready ?? NONE} />
        </section>
      </div>
    </div>
  );
}
