import { CountryCodes } from 'validator/es/lib/isISO31661Alpha2';
import { language } from '../../i18n/browser/page-i18n';
import type { PickerOption } from './picker';

/** The time zone the browser is in: where a restaurant set up from its own back office most likely is. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Every time zone the browser knows, by its IANA name ("Europe/Berlin"), and UTC: what the API accepts, as it
 * asks the same `Intl` list. One it does not know (a newer name) stays on offer when it is the current one.
 */
export function timeZoneOptions(current: string): PickerOption[] {
  const zones = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', current]);
  return [...zones]
    .filter((zone) => zone !== '')
    .sort()
    .map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }));
}

/**
 * Every ISO 3166 country (the list the API checks against), by its name in the page's language, alphabetical
 * there; `none` first when no country is chosen yet, so that none is chosen for the person.
 */
export function countryOptions(none?: string): PickerOption[] {
  const names = new Intl.DisplayNames([language], { type: 'region' });
  const countries = [...CountryCodes]
    .map((code) => ({ value: code, label: names.of(code) ?? code }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
  return none === undefined ? countries : [{ value: '', label: none }, ...countries];
}
