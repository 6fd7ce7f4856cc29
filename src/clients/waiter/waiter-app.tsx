import { useMemo, useState } from 'preact/hooks';
import { newKey } from '../shared/api';
import { useLanguage } from '../shared/language';
import { PinPad } from '../shared/pin-pad';
import { StaffSession } from '../shared/staff-session';
import { Service } from './service';

const FLOOR_STAFF = ['waiter', 'manager', 'admin'] as const;
const DEVICE_KEY = 'pos.waiter.deviceId';

/** This tablet's id (`X-Device-Id`), made once and kept: the service records the last write it applied per device. */
function deviceId(): string {
  const known = localStorage.getItem(DEVICE_KEY);
  if (known) return known;
  const made = `tablet-${newKey()}`;
  localStorage.setItem(DEVICE_KEY, made);
  return made;
}

/** The waiter tablet at /waiter: the staff list and PIN pad, then the floor and the tables' orders. */
export function WaiterApp() {
  useLanguage();
  const [signIn, setSignIn] = useState<boolean | null>(null);
  const device = useMemo(deviceId, []);
  const session = useMemo(
    () => new StaffSession('pos.waiter.session', () => setSignIn(false), { 'X-Device-Id': device }),
    [device],
  );
  // A reload keeps the waiter signed in (sessionStorage); closing the tab signs them out, the outbox stays.
  const signedIn = signIn ?? session.user !== null;
  if (!signedIn) {
    return (
      <div class="waiter sign-in-page">
        <PinPad
          api={session.api}
          roles={FLOOR_STAFF}
          signIn={(userId, pin) => session.signInWithPin(userId, pin).then(() => setSignIn(true))}
        />
      </div>
    );
  }
  return <Service session={session} deviceId={device} />;
}
