import { languageOf, type Language } from '../i18n/languages';

/**
 * The names the service gives rows it makes itself (the payment methods a new restaurant starts with, the one
 * variation of a single-priced dish), in each language a restaurant may speak. Pure, so the web clients and the
 * documents read the same words.
 *
 * A seeded row is named in the restaurant's language when it is made; when the restaurant changes its language,
 * a row still carrying the seeded name of the old language is renamed to the new one's (its module reacts to
 * RESTAURANT_LANGUAGE_CHANGED). A name the restaurant typed itself matches none and is never touched.
 */
export const SEEDED_NAMES = {
  cashMethod: { en: 'Cash', de: 'Bar' },
  cardMethod: { en: 'Card', de: 'Karte' },
  channelMethod: { en: 'Paid by channel', de: 'Über den Kanal bezahlt' },
  defaultVariation: { en: 'Regular', de: 'Standard' },
} as const satisfies Record<string, Record<Language, string>>;

export type SeededRow = keyof typeof SEEDED_NAMES;

/** The language the migrations seed in, before any restaurant has said its own. */
export const SEED_LANGUAGE: Language = 'en';

/** A seeded row's name for a restaurant whose locale is `locale` (English for a language we lack). */
export function seededName(row: SeededRow, locale: string): string {
  return SEEDED_NAMES[row][languageOf(locale) ?? SEED_LANGUAGE];
}

/** Whether `name` is a seeded row's name in any language: the name the service gave it, not the restaurant. */
export function isSeededName(row: SeededRow, name: string | null | undefined): boolean {
  return Object.values(SEEDED_NAMES[row]).some((seeded) => seeded === name);
}

/** A seeded row's name in `from` and in `to`: what a row still named the first is renamed to. */
export function seededRename(row: SeededRow, from: Language, to: Language): { from: string; to: string } {
  return { from: SEEDED_NAMES[row][from], to: SEEDED_NAMES[row][to] };
}
