import { CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/** A phone number as customers store it (E.164, `+49301234567`), or null when the text is not a valid number. */
export function toE164(text: string, region: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(text, region);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * The E.164 number `text` is when E.164 holds all of it: null when it is not a valid number or when it carries an
 * extension, which E.164 would drop.
 */
export function wholeE164(text: string, region: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(text, region);
  return parsed?.isValid() && !parsed.ext ? parsed.number : null;
}

/**
 * How a search text may name a phone: the E.164 number it is, written any common way (`030 1234567`,
 * `0049 30 1234567`, `+49 (30) 123-4567`), and its digits, which a stored number may contain (the last digits
 * someone remembers). Null when the text is not made of phone characters or has fewer than 3 digits.
 */
export function phoneSearchOf(
  text: string,
  region: CountryCode,
): { e164: string | null; digits: string } | null {
  if (!/^[\d\s+()./-]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  if (digits.length < 3) return null;
  return { e164: toE164(text, region), digits };
}
