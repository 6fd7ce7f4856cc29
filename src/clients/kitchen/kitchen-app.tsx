import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import { ApiError } from '../shared/api';
import { LanguageSwitch, useLanguage } from '../shared/language';
import { PinPad } from '../shared/pin-pad';
import { StaffSession } from '../shared/staff-session';
import { KitchenBoard } from './kitchen-board';
import {
  deviceToken,
  type KitchenDevice,
  loadDevice,
  loadReferences,
  loadTableNames,
  pair,
} from './kitchen-device';

const COOKS = ['kitchen', 'manager', 'admin'] as const;
/** How often the screen reads its set-up again, so a text size or stations a manager changed show without a reload. */
const SETUP_EVERY_MS = 60_000;

type References = Awaited<ReturnType<typeof loadReferences>>;

/**
 * The kitchen screen at /kitchen: paired once with a manager's code, then a cook signs in with their PIN and works
 * the tickets of the device's stations.
 */
export function KitchenApp() {
  useLanguage();
  const [token, setToken] = useState(deviceToken.read);
  const [device, setDevice] = useState<KitchenDevice | null>(null);
  const [problem, setProblem] = useState('');
  const [signIn, setSignIn] = useState<boolean | null>(null);
  const [references, setReferences] = useState<References | null>(null);
  const [textSizeNow, setTextSize] = useState<KitchenDevice['textSize'] | null>(null);
  const [tablesNow, setTables] = useState<Map<string, string> | null>(null);
  const session = useMemo(() => new StaffSession('pos.kitchen.session', () => setSignIn(false)), []);
  const unpaired = () => {
    deviceToken.forget();
    setToken(null);
    setDevice(null);
    setProblem(t('kitchen.removed'));
  };
  /**
   * Whether the screen is still paired, asked when a cook is signed out or a PIN refused: a manager who removed the
   * screen ended its sessions, and its PIN pad would refuse every PIN as wrong.
   */
  const checkPaired = () => {
    if (!token) return Promise.resolve(true);
    return loadDevice(session.api, token).then(
      (loaded) => {
        if (!loaded) unpaired();
        return loaded !== null;
      },
      () => true,
    );
  };
  // A reload of the tab keeps the cook signed in (the session's tokens are in sessionStorage).
  const signedIn = signIn ?? session.user !== null;

  useEffect(() => {
    if (!token) return;
    setProblem('');
    loadDevice(session.api, token).then(
      (loaded) => {
        if (loaded) setDevice(loaded);
        else unpaired();
      },
      () => setProblem(t('kitchen.unreachable')),
    );
  }, [token, session]);

  useEffect(() => {
    if (!token) return;
    const timer = setInterval(() => {
      loadDevice(session.api, token).then(
        (loaded) => {
          if (!loaded) {
            unpaired();
            return;
          }
          setTextSize(loaded.textSize);
          // Stations a manager changed: the board follows (its socket hears them, its tickets load again).
          setDevice((shown) => (shown && sameStations(shown, loaded) ? shown : loaded));
        },
        () => undefined,
      );
    }, SETUP_EVERY_MS);
    return () => clearInterval(timer);
  }, [token, session]);

  // The text size is the whole page's (its root font size), so every part of the screen scales together.
  const textSize = textSizeNow ?? device?.textSize ?? 'normal';
  useEffect(() => {
    document.documentElement.dataset.textSize = textSize;
  }, [textSize]);

  useEffect(() => {
    if (signIn === false) void checkPaired();
  }, [signIn]);

  useEffect(() => {
    if (!signedIn) return;
    // A revoked screen's cook is signed out as this fails: the screen's own problem says more, and stays.
    loadReferences(session.api).then(setReferences, () =>
      setProblem((shown) => shown || t('kitchen.referencesNotLoaded')),
    );
  }, [signedIn, session]);

  if (!token) {
    return (
      <Pairing
        problem={problem}
        onCode={(code) =>
          pair(session.api, code).then(
            (paired) => {
              deviceToken.keep(paired);
              setToken(paired);
            },
            (error: unknown) =>
              setProblem(error instanceof ApiError ? error.message : t('kitchen.unreachableOnce')),
          )
        }
      />
    );
  }
  if (!device) return <p class="loading">{problem || t('kitchen.loadingStations')}</p>;
  if (!signedIn) {
    return (
      <div class="kitchen sign-in-page">
        <p class="device-name">{device.name}</p>
        <PinPad
          api={session.api}
          roles={COOKS}
          signIn={(userId, pin) =>
            session.signInWithPin(userId, pin, token).then(
              () => setSignIn(true),
              async (error: unknown) => {
                // Refused for the screen, not the PIN: the screen says so and asks to be paired again.
                if (error instanceof ApiError && error.status === 401 && !(await checkPaired())) return;
                throw error;
              },
            )
          }
        />
      </div>
    );
  }
  if (!references) return <p class="loading">{problem || t('kitchen.loading')}</p>;
  return (
    <KitchenBoard
      device={device}
      session={session}
      dishAllergens={references.dishAllergens}
      tableNames={tablesNow ?? references.tableNames}
      refreshTables={() => void loadTableNames(session.api).then(setTables, () => undefined)}
    />
  );
}

function Pairing({ problem, onCode }: { problem: string; onCode: (code: string) => Promise<void> }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="pairing"
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        void onCode(code.trim().toUpperCase()).finally(() => setBusy(false));
      }}
    >
      <LanguageSwitch />
      <h1>{t('kitchen.pairing.title')}</h1>
      <p>{t('kitchen.pairing.explain')}</p>
      <label>
        {t('kitchen.pairing.code')}
        <input
          name="code"
          value={code}
          onInput={(event) => setCode(event.currentTarget.value)}
          autocomplete="off"
          autocapitalize="characters"
          required
        />
      </label>
      <button disabled={busy || code.trim().length === 0}>{t('kitchen.pairing.pair')}</button>
      <p class="message" role="alert">
        {problem}
      </p>
    </form>
  );
}

const sameStations = (a: KitchenDevice, b: KitchenDevice) =>
  a.expo === b.expo && a.stationIds.join() === b.stationIds.join();
