import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import { ok } from '../shared/api';
import type { components } from '../shared/api-schema';
import { CreateForm, Hint, type StepProps } from './forms';
import { browserTimeZone, countryOptions, timeZoneOptions } from './place-options';

type Restaurant = components['schemas']['RestaurantView'];

/** The languages (alone, or with the regions a restaurant most often prints in); one it has is kept if another. */
const LOCALES = ['en', 'en-GB', 'en-US', 'de', 'de-DE', 'de-AT', 'de-CH'];

/** A language with its region as the catalogues name it ("Deutsch (Österreich)"); another by its code. */
const localeName = (locale: string) =>
  LOCALES.includes(locale) ? t(`backOffice.guide.profile.locales.${locale.replace('-', '')}`) : locale;

/** The profile is complete enough to print a receipt a tax office accepts: an address and a tax number. */
export const profileDone = (restaurant: Restaurant) =>
  restaurant.address.length > 0 && restaurant.taxId !== null;

/**
 * The guide's first step: the restaurant's name, address and tax number as receipts print them, and its time
 * zone, currency, country and language. Once money is recorded, the time zone and currency stay (the API says why).
 */
export function ProfileStep({ session, onChanged }: StepProps) {
  const [restaurant, setRestaurant] = useState<Restaurant | null>(null);
  const [problem, setProblem] = useState('');
  const g = (key: string) => t(`backOffice.guide.profile.${key}`);
  const read = () =>
    ok(session.api.GET('/api/v1/restaurant')).then(setRestaurant, (error: unknown) =>
      setProblem(t('backOffice.form.notLoaded', { problem: error instanceof Error ? error.message : '' })),
    );
  useEffect(() => void read(), [session]);

  if (problem) return <p class="problem">{problem}</p>;
  if (!restaurant) return <p class="muted">{t('backOffice.form.loading')}</p>;
  const locales = LOCALES.includes(restaurant.locale) ? LOCALES : [restaurant.locale, ...LOCALES];
  // UTC is the settings' default, never where a restaurant is: until it has sold, the browser's zone is offered.
  const timeZone =
    restaurant.timezone === 'UTC' && !restaurant.sold ? browserTimeZone() : restaurant.timezone;
  return (
    <>
      <Hint text={g(restaurant.sold ? 'soldHint' : 'hint')} />
      <CreateForm
        key={restaurant.updatedAt}
        id="restaurant-profile"
        submitLabel={t('backOffice.form.save')}
        keepValues
        fields={[
          { name: 'name', label: g('name'), initial: restaurant.name },
          { name: 'address', label: g('address'), type: 'lines', initial: restaurant.address.join('\n') },
          { name: 'taxId', label: g('taxId'), initial: restaurant.taxId ?? '' },
          {
            name: 'timezone',
            label: g('timezone'),
            type: 'select',
            initial: timeZone,
            options: timeZoneOptions(timeZone),
          },
          { name: 'currency', label: g('currency'), initial: restaurant.currency },
          {
            name: 'country',
            label: g('country'),
            type: 'select',
            initial: restaurant.country,
            options: countryOptions(),
          },
          {
            name: 'locale',
            label: g('locale'),
            type: 'select',
            initial: restaurant.locale,
            options: locales.map((locale) => ({ value: locale, label: localeName(locale) })),
          },
        ]}
        submit={(values) =>
          ok(
            session.api.PUT('/api/v1/restaurant', {
              body: {
                name: values.name,
                address: values.address
                  .split('\n')
                  .map((line) => line.trim())
                  .filter((line) => line !== ''),
                taxId: values.taxId.trim() === '' ? null : values.taxId,
                timezone: values.timezone as Restaurant['timezone'],
                currency: values.currency.trim().toUpperCase(),
                country: values.country as Restaurant['country'],
                locale: values.locale,
              },
            }),
          )
        }
        onSaved={() => {
          void read();
          onChanged();
        }}
      />
    </>
  );
}
