import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import { type Api, ApiError, ok, type Schemas } from './api';
import { LanguageSwitch } from './language';

type StaffMember = Schemas['StaffMemberView'];

interface PinPadProps {
  api: Api;
  /** Who may sign in on this device. */
  roles: ReadonlyArray<StaffMember['role']>;
  signIn: (userId: string, pin: string) => Promise<unknown>;
}

/** The staff list (GET /staff) and a PIN pad: tap your name, type your PIN. */
export function PinPad({ api, roles, signIn }: PinPadProps) {
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [chosen, setChosen] = useState<StaffMember | null>(null);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    ok(api.GET('/api/v1/staff')).then(
      (members) => setStaff(members.filter((member) => roles.includes(member.role))),
      () => setMessage(t('pinPad.staffNotLoaded')),
    );
  }, [api, roles]);

  const press = (digit: string) => setPin((typed) => (typed.length < 8 ? typed + digit : typed));
  const submit = () => {
    if (!chosen || pin.length < 4 || busy) return;
    setBusy(true);
    signIn(chosen.id, pin)
      .catch((error: unknown) => {
        setPin('');
        setMessage(refusal(error));
      })
      .finally(() => setBusy(false));
  };

  // A keyboard (or a number pad) types as the buttons do: digits, Backspace, Escape to clear, Enter to sign in. One
  // listener from the start, reading this render's state, so a key pressed right after a name's tap is not lost.
  const typed = useRef<(event: KeyboardEvent) => void>(() => undefined);
  typed.current = (event) => {
    if (!chosen || event.ctrlKey || event.metaKey || event.altKey) return;
    if (/^[0-9]$/.test(event.key)) press(event.key);
    else if (event.key === 'Backspace') setPin((typed) => typed.slice(0, -1));
    else if (event.key === 'Escape') setPin('');
    else if (event.key === 'Enter') submit();
    else return;
    event.preventDefault();
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => typed.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  if (!chosen) {
    return (
      <section class="sign-in" aria-label={t('pinPad.whoSignsIn')}>
        <LanguageSwitch />
        <h1>{t('pinPad.whoSignsIn')}</h1>
        {staff === null && !message && <p>{t('pinPad.loading')}</p>}
        <div class="staff-list">
          {staff?.map((member) => (
            <button key={member.id} class="staff" onClick={() => setChosen(member)}>
              {member.displayName}
            </button>
          ))}
        </div>
        <p class="message" role="alert">
          {message}
        </p>
      </section>
    );
  }
  return (
    <section class="sign-in" aria-label={t('pinPad.pinLabel')}>
      <h1>{chosen.displayName}</h1>
      <output class="pin" aria-label={t('pinPad.pinTyped')}>
        {'•'.repeat(pin.length) || ' '}
      </output>
      <div class="pad">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((digit) => (
          <button key={digit} onClick={() => press(digit)}>
            {digit}
          </button>
        ))}
        <button class="clear" onClick={() => setPin('')} aria-label={t('pinPad.clear')}>
          {t('pinPad.clear')}
        </button>
        <button onClick={() => press('0')}>0</button>
        <button class="go" onClick={submit} disabled={pin.length < 4 || busy} aria-label={t('pinPad.signIn')}>
          {t('pinPad.ok')}
        </button>
      </div>
      <p class="message" role="alert">
        {message}
      </p>
      <button
        class="link"
        onClick={() => {
          setChosen(null);
          setPin('');
          setMessage('');
        }}
      >
        {t('pinPad.notMe', { name: chosen.displayName })}
      </button>
    </section>
  );
}

function refusal(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return lockedOut(error.retryAfterSeconds ?? 60);
    if (error.status === 401) return t('pinPad.wrongPin');
    return t('pinPad.refused');
  }
  return t('pinPad.noConnection');
}

/** How long the lock-out lasts (Retry-After), in seconds under a minute and a half, else in whole minutes. */
function lockedOut(seconds: number): string {
  const wait = Math.max(1, Math.ceil(seconds));
  return wait < 90
    ? t('pinPad.lockedOutSeconds', { count: wait })
    : t('pinPad.lockedOutMinutes', { count: Math.ceil(wait / 60) });
}
