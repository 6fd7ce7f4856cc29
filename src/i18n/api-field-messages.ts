import { germanFieldMessages, germanRuleMessages } from './de/api-field-messages';
import type { Language } from './languages';

/** class-validator's prefix of a rule checked on each value of a list: "each value in tags must be a string". */
const EACH_VALUE = /^each value in \S+ /;

/** A refusal's `details` with each field message in `language`; details of another shape as they are. */
export function fieldDetailsIn(language: Language, details: unknown): unknown {
  if (language === 'en' || !Array.isArray(details)) return details;
  return details.map((detail: unknown) =>
    typeof detail === 'object' &&
    detail !== null &&
    typeof (detail as { message?: unknown }).message === 'string'
      ? { ...detail, message: fieldMessageIn(language, (detail as { message: string }).message) }
      : detail,
  );
}

/**
 * One of the API's field messages in `language`: English as the service writes it, German from the table when the
 * message is in it (an unknown message stays English). Numbers and lists in a rule's message are kept.
 */
export function fieldMessageIn(language: Language, message: string): string {
  if (language !== 'de') return message;
  const exact = germanFieldMessages[message];
  if (exact) return exact;
  const each = EACH_VALUE.test(message);
  const rule = message.replace(EACH_VALUE, '');
  const match = germanRuleMessages.find(([pattern]) => pattern.test(rule));
  if (!match) return message;
  const german = rule.replace(match[0], match[1]);
  return each ? `jeder Wert ${german}` : german;
}
