import { backOfficeAudit } from '../i18n/en/back-office-audit';
import { LANGUAGES } from '../i18n/languages';
import { backOfficeCatalogue } from '../i18n/pages/back-office';
import { createTranslator } from '../i18n/translator';
import { AUDIT_ACTIONS, type AuditAction } from './audit-actions';
import { SecurityEventType } from './security-event-type';

/** A dotted code's first part (`dish` of `dish.created`), or the whole code when it has no dot (`logout`). */
type HeadOf<Code extends string> = Code extends `${infer Head}.${string}` ? Head : Code;

/** Words for every code of a list, nested as the translator reads dotted keys: `dish.created` is `dish: { created }`. */
type CodeWords<Code extends string> = {
  [Head in HeadOf<Code>]: Head extends Code
    ? string
    : { [Rest in Code as Rest extends `${Head}.${infer Tail}` ? Tail : never]: string };
};

describe('the audit log in words', () => {
  it('names every action and security event type, in every language', () => {
    // Typed by the lists: an action added without words, or words left for one gone, does not compile.
    const english: { actions: CodeWords<AuditAction>; events: CodeWords<`${SecurityEventType}`> } =
      backOfficeAudit.audit;
    expect(Object.keys(english.actions).length).toBeGreaterThan(0);
    const codes = [
      ...AUDIT_ACTIONS.map((action) => `actions.${action}`),
      ...Object.values(SecurityEventType).map((type) => `events.${type}`),
    ];
    for (const language of LANGUAGES) {
      const t = createTranslator(language, [backOfficeCatalogue]);
      const missing = codes.filter((code) => {
        const said = t(`backOffice.audit.${code}`);
        return typeof said !== 'string' || said.startsWith('backOffice.');
      });
      expect({ language, missing }).toEqual({ language, missing: [] });
    }
  });
});
