import { useEffect, useRef } from 'preact/hooks';
import type { EventData } from '../shared/events';
import type { StaffSession } from '../shared/staff-session';
import { openManagerSocket } from './manager-socket';

/** Events come in bursts (an order paid and closed, a waiter moving several tables): one reload a burst. */
const RELOAD_AFTER_MS = 500;

/**
 * Reads a screen's figures or lists again when one of these events arrives (a change made elsewhere: a tablet,
 * another manager, a printer failing, a site's sales at headquarters). The socket lives as long as the screen
 * (openManagerSocket renews its token).
 */
export function useLiveReload(
  session: StaffSession,
  types: ReadonlyArray<keyof EventData>,
  reload: () => void,
): void {
  // The newest reload, without opening a new socket each time the screen renders another one.
  const latest = useRef(reload);
  latest.current = reload;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      timer ??= setTimeout(() => {
        timer = null;
        latest.current();
      }, RELOAD_AFTER_MS);
    };
    const live = openManagerSocket(session);
    for (const type of types) live.on(type, schedule);
    return () => {
      live.close();
      if (timer) clearTimeout(timer);
    };
  }, [session]);
}
