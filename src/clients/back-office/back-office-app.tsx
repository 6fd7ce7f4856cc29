import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import { ok } from '../shared/api';
import { LanguageSwitch, useLanguage } from '../shared/language';
import { StaffSession } from '../shared/staff-session';
import { ChainSalesScreen, LiveBoard, SitesScreen } from './chain-screens';
import { CloseScreen } from './close-screen';
import { HeadquartersLink } from './headquarters-link';
import { HqCatalogScreen } from './hq-catalog-screen';
import { HqPublicationsScreen } from './hq-publications-screen';
import { HqStaffScreen } from './hq-staff-screen';
import { DayAtAGlance } from './day-at-a-glance';
import { MenuScreen } from './menu-screen';
import { FiscalScreen } from './fiscal-screen';
import { ReportsScreen } from './reports-screen';
import { SecurityScreen } from './security-screen';
import { Integrations } from './integrations';
import { DevicesScreen } from './devices-screen';
import { FloorScreen } from './floor-screen';
import { SetupGuide } from './setup-guide';
import { SignIn } from './sign-in';
import { StaffScreen } from './staff-screen';

/** The screens a restaurant's back office lists, by the hash of their address (`#/setup`). */
const SITE_SCREENS = [
  'home',
  'setup',
  'menu',
  'floor',
  'staff',
  'devices',
  'reports',
  'close',
  'fiscal',
  'security',
  'integrations',
  'headquarters',
] as const;
/** Headquarters' (POS_ROLE=hq): the sites today first. */
const HQ_SCREENS = [
  'live',
  'sites',
  'catalog',
  'publications',
  'chainStaff',
  'chainSales',
  'security',
  'integrations',
] as const;
type Screen = (typeof SITE_SCREENS)[number] | (typeof HQ_SCREENS)[number];
/**
 * A manager is not shown what only an admin may use: the setup guide (it writes tax rates, staff, rooms,
 * printers), the audit log, security events and IP blocks, the API keys and webhooks, and the link to
 * headquarters.
 */
const ADMIN_SCREENS: readonly Screen[] = ['setup', 'security', 'integrations', 'headquarters'];
const atHeadquarters = () => document.documentElement.dataset.role === 'hq';

const screensOf = (role: string): Screen[] =>
  (atHeadquarters() ? [...HQ_SCREENS] : [...SITE_SCREENS]).filter(
    (screen: Screen) => role === 'admin' || !ADMIN_SCREENS.includes(screen),
  );

/** The back office at /back-office: a manager's or admin's sign-in, then the screens around a navigation. */
export function BackOfficeApp() {
  useLanguage();
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const [refusal, setRefusal] = useState('');
  // The tokens live in sessionStorage: a reload keeps the manager signed in, closing the tab signs them out.
  const session = useMemo(() => new StaffSession('pos.backOffice.session', () => setSignedIn(false)), []);
  const user = (signedIn ?? true) ? session.user : null;
  const manages = user !== null && (user.role === 'manager' || user.role === 'admin');

  useEffect(() => {
    if (user && !manages) {
      session.signOut();
      setRefusal(t('backOffice.signIn.managersOnly'));
    }
  }, [user, manages, session]);

  if (!user || !manages) {
    return (
      <SignIn
        session={session}
        refusal={refusal}
        onSignedIn={() => {
          setRefusal('');
          setSignedIn(true);
        }}
      />
    );
  }
  return <Shell session={session} />;
}

/** The header, the navigation (a sidebar on a laptop, folded behind a button on a tablet) and the screen shown. */
function Shell({ session }: { session: StaffSession }) {
  const listed = useMemo(() => screensOf(session.user!.role), [session]);
  const screenOf = (hash: string): Screen | null => listed.find((each) => `#/${each}` === hash) ?? null;
  const [screen, setScreen] = useState<Screen | null>(screenOf(location.hash));
  const [navigationOpen, setNavigationOpen] = useState(false);

  useEffect(() => {
    const follow = () => setScreen(screenOf(location.hash) ?? listed[0]);
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  // First run: with no dish on the menu yet, the back office opens an admin on the setup guide.
  useEffect(() => {
    if (screen !== null) return;
    if (!listed.includes('setup')) return go(listed[0]);
    ok(session.api.GET('/api/v1/dishes', { params: { query: { perPage: 1 } } })).then(
      (dishes) => go(dishes.total === 0 ? 'setup' : 'home'),
      () => go('home'),
    );
  }, [screen, session]);

  const go = (next: Screen) => {
    location.hash = `#/${next}`;
    setScreen(next);
    setNavigationOpen(false);
  };

  return (
    <div class={`back-office ${navigationOpen ? 'navigation-open' : ''}`}>
      <header class="top-bar">
        <button
          type="button"
          class="navigation-toggle"
          aria-expanded={navigationOpen}
          aria-controls="navigation"
          onClick={() => setNavigationOpen(!navigationOpen)}
        >
          {t('backOffice.shell.navigationToggle')}
        </button>
        <strong class="restaurant">{document.documentElement.dataset.restaurant}</strong>
        <span class="who">{session.user?.displayName}</span>
        <LanguageSwitch />
        <button type="button" onClick={() => session.signOut()}>
          {t('backOffice.shell.signOut')}
        </button>
      </header>
      <nav id="navigation" class="navigation" aria-label={t('backOffice.shell.navigation')}>
        {listed.map((each) => (
          <a key={each} href={`#/${each}`} aria-current={each === screen ? 'page' : undefined}>
            {t(`backOffice.shell.${each}`)}
          </a>
        ))}
      </nav>
      <main class="screen">
        {screen === 'home' && <DayAtAGlance session={session} />}
        {screen === 'setup' && <SetupGuide session={session} onFinished={() => go('home')} />}
        {screen === 'menu' && <MenuScreen session={session} />}
        {screen === 'reports' && <ReportsScreen session={session} />}
        {screen === 'close' && <CloseScreen session={session} />}
        {screen === 'fiscal' && <FiscalScreen session={session} />}
        {screen === 'security' && <SecurityScreen session={session} />}
        {screen === 'integrations' && <Integrations session={session} />}
        {screen === 'floor' && <FloorScreen session={session} />}
        {screen === 'staff' && <StaffScreen session={session} />}
        {screen === 'devices' && <DevicesScreen session={session} />}
        {screen === 'headquarters' && <HeadquartersLink session={session} />}
        {screen === 'live' && <LiveBoard session={session} />}
        {screen === 'sites' && <SitesScreen session={session} />}
        {screen === 'catalog' && <HqCatalogScreen session={session} />}
        {screen === 'publications' && <HqPublicationsScreen session={session} />}
        {screen === 'chainStaff' && <HqStaffScreen session={session} />}
        {screen === 'chainSales' && <ChainSalesScreen session={session} />}
      </main>
    </div>
  );
}
