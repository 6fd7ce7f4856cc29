import { useEffect } from 'preact/hooks';
import { openSocket } from '../../common/browser/socket-io';
import type { EventData } from '../shared/events';
import type { StaffSession } from '../shared/staff-session';

/** Events come in bursts (a waiter's order moves several tables): one reload a burst. */
const RELOAD_AFTER_MS = 300;

/**
 * Reads a screen's lists again when one of these events arrives (a change made elsewhere: another manager, a
 * tablet, a printer failing). The socket lives as long as the screen; an expired token is renewed once.
 */
export function useLiveReload(
  session: StaffSession,
  types: ReadonlyArray<keyof EventData>,
  reload: () => void,
) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      timer ??= setTimeout(() => {
        timer = null;
        reload();
      }, RELOAD_AFTER_MS);
    };
    const live = openSocket({ token: session.accessToken ?? '' });
    for (const type of types) live.on(type, schedule);
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
  }, [session]);
}
