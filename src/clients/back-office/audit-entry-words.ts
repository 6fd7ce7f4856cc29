import { subjectOfViews } from '../../audit/browser/audit-subject';
import { formats, t } from '../../i18n/browser/page-i18n';
import { backOfficeAudit } from '../../i18n/en/back-office-audit';
import type { Schemas } from '../shared/api';

type AuditEntry = Schemas['AuditEntryView'];
type FieldValue = string | number | boolean | null | undefined;

/** The fields a change names in words; any other changed field is counted as "other details". */
const FIELDS_IN_WORDS = new Set(Object.keys(backOfficeAudit.audit.fields));
/** Fields whose values are money in minor units, shown in the restaurant's currency. */
const MONEY_FIELDS = new Set([
  'price',
  'listPrice',
  'priceDelta',
  'upcharge',
  'unitPrice',
  'amount',
  'hourlyWage',
  'refunded',
  'tip',
  'tipRefunded',
]);
/** Bookkeeping that changes with every write: not a change a manager made. */
const UNSAID_FIELDS = new Set(['id', 'version', 'createdAt', 'updatedAt']);
/** Fields whose values are codes with words of their own: the key of a code's words (a status's by kind of thing). */
const CODED_FIELDS: Record<string, (code: string, entityType: string) => string> = {
  role: (code) => `backOffice.guide.staff.roles.${code}`,
  status: (code, entityType) => `backOffice.audit.statuses.${entityType}.${code}`,
};

const words = (key: string, values?: Record<string, unknown>) => t(`backOffice.audit.${key}`, values);

/** An action as staff say it; a code the page has no words for (written by a newer service) as the code. */
export function actionInWords(action: string): string {
  return wordsOrCode(`backOffice.audit.actions.${action}`, action);
}

/** The words under `key`, or `code` itself when the page has none (a code from a newer service). */
function wordsOrCode(key: string, code: string): string {
  const said = t(key);
  return said === key ? code : said;
}

/** A security event type as staff say it. */
export function securityEventInWords(type: Schemas['SecurityEventType']): string {
  return words(`events.${type}`);
}

function valueInWords(field: string, value: FieldValue, entityType: string): string {
  if (value === null || value === undefined || value === '') return words('none');
  if (typeof value === 'boolean') return words(value ? 'yes' : 'no');
  if (typeof value === 'number') {
    if (MONEY_FIELDS.has(field)) return formats.money(value);
    return field === 'percent' ? formats.percent(value) : formats.number(value);
  }
  const coded = CODED_FIELDS[field];
  return coded ? wordsOrCode(coded(value, entityType), value) : value;
}

/** A business day as the page writes days, an order's number as a number; a name as it is. */
function subjectInWords(subject: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(subject)) return formats.day(subject);
  return /^\d+$/.test(subject) ? words('number', { number: subject }) : subject;
}

const isShownValue = (value: unknown): value is FieldValue =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** A field named in words whose value can be said in a few words (not a list, not a nested thing). */
const sayable = (view: Record<string, unknown>, field: string): boolean =>
  FIELDS_IN_WORDS.has(field) && isShownValue(view[field]);

/**
 * What an entry changed, as a manager reads it: the thing by name, then each named field old → new ("Diavola
 * (Regular) · Price: €11.00 → €11.50") and how many other details changed, then what only one side records (a
 * removed line's quantity and price, a void's reason). Additions and removals name the thing alone: the action
 * says the rest.
 */
export function changeInWords(entry: AuditEntry): string {
  const { before, after, entityType } = entry;
  const subject = entry.subject ?? subjectOfViews(entityType, before, after);
  const parts = subject ? [subjectInWords(subject)] : [];
  if (!before || !after) return parts.join(' · ');
  const say = (field: string, value: unknown) => valueInWords(field, value as FieldValue, entityType);
  const both = Object.keys(before).filter((field) => field in after && !UNSAID_FIELDS.has(field));
  const changed = both.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
  const named = changed.filter((field) => sayable(before, field) && sayable(after, field));
  for (const field of named) {
    const values = {
      field: words(`fields.${field}`),
      before: say(field, before[field]),
      after: say(field, after[field]),
    };
    parts.push(words('change', values));
  }
  const others = changed.length - named.length;
  if (others > 0) parts.push(words('otherChanges', { count: others }));
  for (const view of [before, after]) {
    const other = view === before ? after : before;
    for (const field of Object.keys(view)) {
      if (field in other || !sayable(view, field) || view[field] === null || view[field] === '') continue;
      parts.push(words('detail', { field: words(`fields.${field}`), value: say(field, view[field]) }));
    }
  }
  return parts.join(' · ');
}
