import { Fragment } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import { ApiError, PER_PAGE } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { h, isManagedByHq } from './hq-owned';
import { Picker, type PickerOption } from './picker';

/** One input of a form, named by the API's field path (`connection.host`), so the API's field errors find it. */
export interface Field {
  name: string;
  label: string;
  /**
   * `lines`: a text of several lines (an address), one value per line. `choices`: any number of its options, as
   * checkboxes; the value lists the chosen ones, comma-separated. `pick`: the same value, for options by the
   * hundred (a menu's dishes), chosen one at a time through a filter (Picker).
   */
  type?: 'text' | 'number' | 'password' | 'select' | 'checkbox' | 'lines' | 'choices' | 'pick';
  options?: PickerOption[];
  /** A `pick` field whose order matters: each chosen option moves up or down. */
  ordered?: boolean;
  initial?: string;
  required?: boolean;
  /** Shown but not changed here (what headquarters owns of a row from it), with `note` beside it. */
  readOnly?: boolean;
  note?: string;
  /** Shown just before the field (a section's heading) and just after it (the buttons adding rows like it). */
  before?: preact.ComponentChildren;
  after?: preact.ComponentChildren;
}

/** A form's values by field name; a checkbox's is 'true' or ''. */
export type Values = Record<string, string>;

/** A field's problems, as the API's 400 lists them in `details`: `[{field, message}]`. */
interface FieldProblem {
  field: string;
  message: string;
}

function fieldProblemsOf(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.problem.details)) return [];
  const problems = (error.problem.details as unknown[]).filter(
    (detail): detail is FieldProblem =>
      typeof detail === 'object' && detail !== null && 'field' in detail && 'message' in detail,
  );
  // 409 MANAGED_BY_HQ (a page older than the row's coming from headquarters): said in the page's language.
  return isManagedByHq(error) ? problems.map(({ field }) => ({ field, message: h('managed') })) : problems;
}

/** A field whose value lists any number of its options, rather than one of them. */
const isMany = (field: Field) => field.type === 'choices' || field.type === 'pick';

const initialValues = (fields: Field[]): Values =>
  Object.fromEntries(
    fields.map((field) => [
      field.name,
      field.initial ?? (isMany(field) ? '' : (field.options?.[0]?.value ?? '')),
    ]),
  );

/** The options chosen in a 'choices' field's value. */
export const chosen = (value: string): string[] => (value === '' ? [] : value.split(','));

/**
 * A form that creates one thing through the API: `submit` sends the values; a refusal shows each of the API's
 * field errors beside its field and any other problem under the form. Cleared once saved, unless it edits
 * (`keepValues`: what was saved stays in the fields).
 */
export function CreateForm({
  id,
  fields,
  submitLabel,
  submit,
  onSaved,
  keepValues = false,
  children,
}: {
  id: string;
  /** Or the fields as the values typed so far call for them (a role for each site chosen), from `{}` at first. */
  fields: Field[] | ((values: Values) => Field[]);
  submitLabel: string;
  submit: (values: Values) => Promise<unknown>;
  onSaved: () => void;
  /** An edit form: the values saved stay in it (its `initial`s are the thing's current values). */
  keepValues?: boolean;
  /** Shown before the submit button: a button that adds fields (another variation), say. */
  children?: preact.ComponentChildren;
}) {
  const fieldsOf = (typed: Values) => (typeof fields === 'function' ? fields(typed) : fields);
  const [values, setValues] = useState<Values>(() => initialValues(fieldsOf({})));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [problem, setProblem] = useState('');
  const [saving, setSaving] = useState(false);
  const set = (name: string, value: string) => setValues((before) => ({ ...before, [name]: value }));
  const shown = fieldsOf(values);
  // A select whose options arrive later (rooms, categories) starts on the first one; a field added later (another
  // variation) on its initial value.
  const optionsKey = shown
    .map((field) => `${field.name}:${field.options?.map((option) => option.value).join() ?? ''}`)
    .join('|');
  useEffect(() => {
    setValues((before) => {
      const next = { ...before };
      for (const field of fieldsOf(before)) {
        if (!(field.name in before)) next[field.name] = initialValues([field])[field.name];
        const known = field.options?.some((option) => option.value === next[field.name]);
        if (field.options && !known && !isMany(field)) next[field.name] = field.options[0]?.value ?? '';
      }
      return next;
    });
  }, [optionsKey]);

  const send = (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setProblems([]);
    setProblem('');
    // A value refused before sending (refuseField) is a refusal like the API's.
    Promise.resolve(values)
      .then(submit)
      .then(
        () => {
          setSaving(false);
          if (!keepValues) setValues(initialValues(fieldsOf({})));
          onSaved();
        },
        (error: unknown) => {
          setSaving(false);
          const fieldProblems = fieldProblemsOf(error);
          const known = new Set(shown.map((field) => field.name));
          setProblems(fieldProblems);
          const elsewhere = fieldProblems.filter((each) => !known.has(each.field));
          if (fieldProblems.length === 0 || elsewhere.length > 0) {
            const message = error instanceof ApiError ? error.message : t('backOffice.signIn.noConnection');
            const details = elsewhere.map((each) => `${each.field}: ${each.message}`).join('; ');
            setProblem(t('backOffice.form.refused', { problem: details || message }));
          }
        },
      );
  };

  const fieldElement = (field: Field) => {
    const inputId = `${id}-${field.name.replace(/\W/g, '-')}`;
    const errors = problems.filter((each) => each.field === field.name).map((each) => each.message);
    const errorId = `${inputId}-error`;
    const noteId = `${inputId}-note`;
    const describedBy = [errors.length > 0 && errorId, field.note && noteId].filter(Boolean).join(' ');
    const common = {
      id: inputId,
      name: field.name,
      disabled: field.readOnly,
      'aria-invalid': errors.length > 0,
      'aria-describedby': describedBy || undefined,
    };
    if (field.type === 'pick')
      return (
        <Picker
          key={field.name}
          id={inputId}
          label={field.label}
          options={field.options!}
          picked={chosen(values[field.name] ?? '')}
          onChange={(picked) => set(field.name, picked.join(','))}
          errorId={errorId}
          errors={errors}
          ordered={field.ordered}
        />
      );
    if (field.type === 'choices') {
      const picked = chosen(values[field.name] ?? '');
      const toggle = (value: string, on: boolean) =>
        set(
          field.name,
          field
            .options!.map((option) => option.value)
            .filter((each) => (each === value ? on : picked.includes(each)))
            .join(','),
        );
      return (
        <fieldset
          key={field.name}
          class="field choices"
          id={inputId}
          aria-describedby={common['aria-describedby']}
        >
          <legend>{field.label}</legend>
          {field.options!.map((option) => (
            <label key={option.value}>
              <input
                type="checkbox"
                name={field.name}
                value={option.value}
                checked={picked.includes(option.value)}
                onChange={(e) => toggle(option.value, e.currentTarget.checked)}
              />{' '}
              {option.label}
            </label>
          ))}
          {errors.length > 0 && (
            <span class="field-error" id={errorId}>
              {errors.join('; ')}
            </span>
          )}
        </fieldset>
      );
    }
    return (
      <div key={field.name} class={`field ${field.type === 'checkbox' ? 'check' : ''}`}>
        <label for={inputId}>{field.label}</label>
        {field.type === 'select' ? (
          <select
            {...common}
            value={values[field.name]}
            onChange={(e) => set(field.name, e.currentTarget.value)}
          >
            {field.options!.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        ) : field.type === 'checkbox' ? (
          <input
            {...common}
            type="checkbox"
            checked={values[field.name] === 'true'}
            onChange={(e) => set(field.name, e.currentTarget.checked ? 'true' : '')}
          />
        ) : field.type === 'lines' ? (
          <textarea
            {...common}
            rows={3}
            value={values[field.name]}
            onInput={(e) => set(field.name, e.currentTarget.value)}
          />
        ) : field.type === 'password' ? (
          <input
            {...common}
            type="password"
            autocomplete="new-password"
            value={values[field.name]}
            onInput={(e) => set(field.name, e.currentTarget.value)}
          />
        ) : (
          <input
            {...common}
            type="text"
            inputMode={field.type === 'number' ? 'decimal' : 'text'}
            autocomplete="off"
            value={values[field.name]}
            onInput={(e) => set(field.name, e.currentTarget.value)}
          />
        )}
        {field.note && (
          <span class="field-note" id={noteId}>
            {field.note}
          </span>
        )}
        {errors.length > 0 && (
          <span class="field-error" id={errorId}>
            {errors.join('; ')}
          </span>
        )}
      </div>
    );
  };

  return (
    <form class="create-form" id={id} onSubmit={send} noValidate>
      {/* A field added later (another window) has no value until the effect above gives it its initial one. */}
      {shown.map((field) => {
        const element = fieldElement(field);
        return field.before || field.after ? (
          <Fragment key={field.name}>
            {field.before}
            {element}
            {field.after}
          </Fragment>
        ) : (
          element
        );
      })}
      {children}
      <button type="submit" class="primary" disabled={saving}>
        {saving ? t('backOffice.form.saving') : submitLabel}
      </button>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

/** A list read from the API, with how to read it again (after a change) and why it could not be read. */
export function useList<T>(read: () => Promise<{ items: T[] }>): {
  items: T[] | null;
  reload: () => void;
  problem: string;
} {
  const [items, setItems] = useState<T[] | null>(null);
  const [problem, setProblem] = useState('');
  const reload = useCallback(() => {
    read().then(
      (answer) => {
        setItems(answer.items);
        setProblem('');
      },
      (error: unknown) =>
        setProblem(t('backOffice.form.notLoaded', { problem: error instanceof Error ? error.message : '' })),
    );
  }, []);
  useEffect(reload, [reload]);
  return { items, reload, problem };
}

/** The first page of a list: the setup guide shows a restaurant's first things, never a hundred of them. */
export const FIRST_PAGE = { perPage: PER_PAGE } as const;

/** What a list holds, one line each (with an `action` beside each when given), or that it holds nothing yet. */
export function Rows({
  label,
  rows,
  problem,
  action,
  detail,
}: {
  label: string;
  rows: string[] | null;
  problem: string;
  action?: (index: number) => preact.JSX.Element;
  /** What a row adds below its line, shown to everyone (the actions may be an admin's only). */
  detail?: (index: number) => preact.JSX.Element | null;
}) {
  if (problem) return <p class="problem">{problem}</p>;
  if (rows === null) return <p class="muted">{t('backOffice.form.loading')}</p>;
  if (rows.length === 0) return <p class="muted">{t('backOffice.form.nothingYet')}</p>;
  return (
    <ul class="rows" aria-label={label}>
      {rows.map((row, index) => (
        <li key={index}>
          {row}
          {action && <> {action(index)}</>}
          {detail?.(index)}
        </li>
      ))}
    </ul>
  );
}

/** A typed amount in the currency's major unit ("8.50", "8,50") as integer minor units; NaN when it is not one. */
export function minorUnitsOf(typed: string, currency: string): number {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const normalised = typed.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(normalised)) return Number.NaN;
  return Math.round(Number(normalised) * 10 ** digits);
}

/** Minor units as a manager types them back into an amount field ("8.50"), in the currency's major unit. */
export function majorUnitsOf(minor: number, currency: string): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return (minor / 10 ** digits).toFixed(digits);
}

/** Props of every step of the setup guide. */
export interface StepProps {
  session: StaffSession;
  /** Something was saved: the guide reads again which steps are done. */
  onChanged: () => void;
}

/** The first page of a list, as the steps read them. */
export const firstPage = { params: { query: FIRST_PAGE } };

/** A typed value, or nothing when it is blank (an optional field left empty). */
export const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** A typed whole number; anything else is NaN, which the API refuses beside the field. */
export const wholeNumber = (value: string) => (/^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN);

/** A value the API could not read, refused here as the API would: beside its field. */
export function refuseField(field: string, message: string): never {
  throw new ApiError(400, { code: 'VALIDATION_ERROR', message, details: [{ field, message }] });
}

export function Hint({ text }: { text: string }) {
  return <p class="muted hint">{text}</p>;
}
