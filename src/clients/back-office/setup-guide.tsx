import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import { ok } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import type { StepProps } from './forms';
import { profileDone, ProfileStep } from './profile-step';
import { FloorStep, PaymentsStep, StaffStep, TaxesStep } from './house-steps';
import { KitchenStep, MenuStep, PrinterStep, WaiterStep } from './service-steps';

/** The guide's steps, in the order a restaurant is set up. */
const STEPS = [
  'profile',
  'taxes',
  'payments',
  'staff',
  'floor',
  'menu',
  'kitchen',
  'printer',
  'waiter',
] as const;
type Step = (typeof STEPS)[number];

const STEP_SCREENS: Record<Step, (props: StepProps) => preact.JSX.Element> = {
  profile: ProfileStep,
  taxes: TaxesStep,
  payments: PaymentsStep,
  staff: StaffStep,
  floor: FloorStep,
  menu: MenuStep,
  kitchen: KitchenStep,
  printer: PrinterStep,
  waiter: WaiterStep,
};

/**
 * Which steps are done, from what the API holds (the guide keeps no state of its own, so a manager may leave it
 * and come back to where the restaurant stands). The waiter tablet's address is only read: never "done".
 */
async function doneSteps(session: StaffSession): Promise<Set<Step>> {
  const api = session.api;
  const one = { params: { query: { perPage: 1 } } };
  const [restaurant, taxes, payments, staff, tables, dishes, screens, printers] = await Promise.all([
    ok(api.GET('/api/v1/restaurant')),
    ok(api.GET('/api/v1/tax-rates', one)),
    ok(api.GET('/api/v1/payment-methods', one)),
    ok(api.GET('/api/v1/staff')),
    ok(api.GET('/api/v1/tables', one)),
    ok(api.GET('/api/v1/dishes', one)),
    ok(api.GET('/api/v1/kitchen/devices', one)),
    ok(api.GET('/api/v1/printers', one)),
  ]);
  const done = new Set<Step>();
  if (profileDone(restaurant)) done.add('profile');
  if (taxes.total > 0) done.add('taxes');
  if (payments.total > 0) done.add('payments');
  if (staff.length > 0) done.add('staff');
  if (tables.total > 0) done.add('floor');
  if (dishes.total > 0) done.add('menu');
  if (screens.total > 0) done.add('kitchen');
  if (printers.total > 0) done.add('printer');
  return done;
}

/**
 * The first-run guide: from an empty database to a restaurant that can take its first order. Each step saves as
 * it goes and can be skipped; the guide opens on the first step not done yet.
 */
export function SetupGuide({ session, onFinished }: { session: StaffSession; onFinished: () => void }) {
  const [done, setDone] = useState<Set<Step> | null>(null);
  const [current, setCurrent] = useState<Step | null>(null);

  const readProgress = () =>
    doneSteps(session).then(
      (fresh) => {
        setDone(fresh);
        return fresh;
      },
      () => new Set<Step>(),
    );

  useEffect(() => {
    void readProgress().then((fresh) => setCurrent(STEPS.find((step) => !fresh.has(step)) ?? STEPS[0]));
  }, [session]);

  if (current === null) return <p class="muted">{t('backOffice.form.loading')}</p>;
  const index = STEPS.indexOf(current);
  const last = index === STEPS.length - 1;
  const StepScreen = STEP_SCREENS[current];
  const advance = () => (last ? onFinished() : setCurrent(STEPS[index + 1]));

  return (
    <div class="guide">
      <h1>{t('backOffice.guide.heading')}</h1>
      <p class="muted">{t('backOffice.guide.intro')}</p>
      <div class="guide-body">
        <ol class="guide-steps" aria-label={t('backOffice.guide.steps')}>
          {STEPS.map((step) => (
            <li key={step}>
              <button
                type="button"
                aria-current={step === current ? 'step' : undefined}
                onClick={() => setCurrent(step)}
              >
                {t(`backOffice.guide.${step}.title`)}
                {done?.has(step) && (
                  <span class="done">
                    {' ✓'}
                    <span class="spoken">{t('backOffice.guide.done')}</span>
                  </span>
                )}
              </button>
            </li>
          ))}
        </ol>
        <section class="card guide-step" aria-labelledby="step-title">
          <h2 id="step-title">{t(`backOffice.guide.${current}.title`)}</h2>
          <StepScreen key={current} session={session} onChanged={() => void readProgress()} />
          <div class="guide-actions">
            <button type="button" class="primary" onClick={advance}>
              {last
                ? t('backOffice.guide.finish')
                : done?.has(current)
                  ? t('backOffice.guide.next')
                  : t('backOffice.guide.skip')}
            </button>
          </div>
        </section>
      </div>
    </div>
  );
}
