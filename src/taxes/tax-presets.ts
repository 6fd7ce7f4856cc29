import { DomainError } from '../common/errors/domain-error';

/** One rate of a country's preset: the standard rate is the default, the others are named on dishes. */
export interface PresetRate {
  name: string;
  percent: number;
  isDefault: boolean;
}

export interface TaxPreset {
  /** ISO 3166 alpha-2. */
  country: string;
  name: string;
  rates: PresetRate[];
}

/** The VAT rates of the countries a restaurant most often opens in here, as their tax offices publish them. */
export const TAX_PRESETS: readonly TaxPreset[] = [
  {
    country: 'DE',
    name: 'Germany',
    rates: [
      { name: 'VAT 19 %', percent: 19, isDefault: true },
      { name: 'VAT 7 %', percent: 7, isDefault: false },
    ],
  },
  {
    country: 'AT',
    name: 'Austria',
    rates: [
      { name: 'VAT 20 %', percent: 20, isDefault: true },
      { name: 'VAT 10 %', percent: 10, isDefault: false },
      { name: 'VAT 13 %', percent: 13, isDefault: false },
    ],
  },
  {
    country: 'CH',
    name: 'Switzerland',
    rates: [
      { name: 'VAT 8.1 %', percent: 8.1, isDefault: true },
      { name: 'VAT 2.6 %', percent: 2.6, isDefault: false },
      { name: 'VAT 3.8 %', percent: 3.8, isDefault: false },
    ],
  },
];

/** The preset of `country` (any case), or a 404. */
export function taxPresetOf(country: string): TaxPreset {
  const preset = TAX_PRESETS.find((candidate) => candidate.country === country.toUpperCase());
  if (!preset) throw DomainError.notFound('Tax preset');
  return preset;
}
