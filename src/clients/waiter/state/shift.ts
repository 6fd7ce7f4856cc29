import { formats } from '../../../i18n/browser/page-i18n';
import type { Api } from '../../shared/api';
import type { StaffSession } from '../../shared/staff-session';
import type { ServiceStore } from './service-store';
import type { WaiterOutbox } from './waiter-outbox';

/** What the tablet shows around every screen: who is signed in, the connection, what waits to be sent. */
export interface Shift {
  session: StaffSession;
  store: ServiceStore;
  outbox: WaiterOutbox;
  online: boolean;
  /** Ids of orders and lines tapped on this tablet and not yet on the service. */
  unsent: ReadonlySet<string>;
  notify: (message: string) => void;
}

/** A manager's approval asked for on this tablet: why, and what to do with their session once they signed in. */
export interface Approval {
  why: string;
  then: (asManager: Api) => Promise<void>;
}

/** A time on the restaurant's clock, written as the chosen language does: "7:03 PM", "19:03". */
export function clock(at: Date | null): string {
  return at ? formats.time(at) : '';
}
