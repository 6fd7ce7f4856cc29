import { useEffect } from 'preact/hooks';
import { openSocket } from '../../common/browser/socket-io';
import type { StaffSession } from '../shared/staff-session';

/** Events come in bursts (an order paid and closed): a screen reads again once the burst is over. */
const RELOAD_AFTER_MS = 1500;

/**
 * Calls `reload` after any of the socket `events` a screen's figures depend on, as the day at a glance does. An
 * expired token is renewed once; a refused renewal has signed the manager out already.
 */
export function useLiveReload(session: StaffSession, events: readonly string[], reload: () => void): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      timer ??= setTimeout(() => {
        timer = null;
        reload();
      }, RELOAD_AFTER_MS);
    };
    const live = openSocket({ token: session.accessToken ?? '' });
    for (const type of events) live.on(type, schedule);
    live.on('connect_error', (error: Error) => {
      if (error.message !== 'UNAUTHORIZED') return;
      void session.renew().then((token) => {
        if (!token) return;
        live.auth = { token };
        live.connect();
      });
    });
    return () => {
      live.close();
      if (timer) clearTimeout(timer);
    };
  }, [session, reload]);
}
