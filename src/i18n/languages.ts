/** The languages every page is written in; the first is the one a missing translation falls back to. */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's own name, as its speakers read it in a language switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'Deutsch' };

/** The language of a BCP 47 tag when we have it: `de-AT` → `de`; null for `fr` or nonsense. */
export function languageOf(tag: string | null | undefined): Language | null {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  return LANGUAGES.find((language) => language === primary) ?? null;
}

/**
 * The language a browser asks for in its Accept-Language header, by its q weights (RFC 9110 §12.5.4), among
 * ours; null when it names none of them.
 */
export function languageFromAcceptLanguage(header: string | undefined): Language | null {
  if (!header) return null;
  const wanted = header
    .split(',')
    .map((part, index) => {
      const [tag, ...parameters] = part.split(';').map((piece) => piece.trim());
      const weight = parameters.find((parameter) => parameter.startsWith('q='));
      return { tag, quality: weight ? Number(weight.slice(2)) : 1, index };
    })
    .filter(({ quality }) => quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of wanted) {
    const language = languageOf(tag);
    if (language) return language;
  }
  return null;
}

/**
 * The locale numbers, money and times are written in: the restaurant's own when it is in the page's language
 * (`de-AT` keeps Austrian forms), else the page's language itself.
 */
export function formatLocaleOf(language: Language, restaurantLocale: string): string {
  return languageOf(restaurantLocale) === language ? restaurantLocale : language;
}
