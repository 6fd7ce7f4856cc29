import { openSocket, type PageSocket } from '../../common/browser/socket-io';
import type { StaffSession } from '../shared/staff-session';

/**
 * The signed-in manager's socket: an expired token is renewed once and the socket connects again; a refused
 * renewal has signed the manager out already. Close it when the screen goes.
 */
export function openManagerSocket(session: StaffSession): PageSocket {
  const live = openSocket({ token: session.accessToken ?? '' });
  live.on('connect_error', (error: Error) => {
    if (error.message !== 'UNAUTHORIZED') return;
    void session.renew().then((token) => {
      if (!token) return;
      live.auth = { token };
      live.connect();
    });
  });
  return live;
}
