import { useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';

/** One thing a picker offers; its `note` (a combo choice's upcharge) shows beside it once chosen. */
export interface PickerOption {
  value: string;
  label: string;
  note?: string;
}

/** At most this many matches show at once: a menu offers hundreds of dishes, the filter narrows them. */
const SHOWN_MATCHES = 20;

const f = (key: string, values?: Record<string, unknown>) => t(`backOffice.form.${key}`, values);

/**
 * Any number of options out of hundreds: the chosen ones listed with a remove button each, and a text filter
 * whose first matches (not yet chosen) are added one at a time; Enter adds the first. `picked` keeps the order
 * they were added in; `ordered`: the order matters (a dish's modifier groups), each chosen one moves up or down.
 */
export function Picker({
  id,
  label,
  options,
  picked,
  onChange,
  errorId,
  errors,
  ordered = false,
}: {
  id: string;
  label: string;
  options: PickerOption[];
  picked: string[];
  onChange: (picked: string[]) => void;
  errorId: string;
  errors: string[];
  ordered?: boolean;
}) {
  const [filter, setFilter] = useState('');
  const byValue = new Map(options.map((option) => [option.value, option]));
  const wanted = filter.trim().toLowerCase();
  const matching = options.filter(
    (option) => !picked.includes(option.value) && option.label.toLowerCase().includes(wanted),
  );
  const shown = matching.slice(0, SHOWN_MATCHES);
  const add = (value: string) => onChange([...picked, value]);
  const move = (index: number, by: -1 | 1) => {
    const order = [...picked];
    [order[index], order[index + by]] = [order[index + by], order[index]];
    onChange(order);
  };
  const filterId = `${id}-filter`;
  return (
    <fieldset
      class="field picker"
      id={id}
      aria-invalid={errors.length > 0}
      aria-describedby={errors.length > 0 ? errorId : undefined}
    >
      <legend>{label}</legend>
      {picked.length === 0 ? (
        <p class="muted">{f('nothingPicked')}</p>
      ) : (
        <ul class="picked" aria-label={f('pickedOf', { name: label })}>
          {picked.map((value, index) => {
            const option = byValue.get(value);
            const name = option?.label ?? value;
            return (
              <li key={value}>
                {name}
                {option?.note && <span class="muted"> {option.note}</span>}{' '}
                {ordered && (
                  <>
                    <button
                      type="button"
                      disabled={index === 0}
                      aria-label={f('moveUpOf', { name })}
                      onClick={() => move(index, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      disabled={index === picked.length - 1}
                      aria-label={f('moveDownOf', { name })}
                      onClick={() => move(index, 1)}
                    >
                      ↓
                    </button>{' '}
                  </>
                )}
                <button
                  type="button"
                  aria-label={f('unpickOf', { name })}
                  onClick={() => onChange(picked.filter((each) => each !== value))}
                >
                  {f('unpick')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <label for={filterId}>{f('pickFilter')}</label>
      <input
        id={filterId}
        type="search"
        autocomplete="off"
        value={filter}
        onInput={(e) => setFilter(e.currentTarget.value)}
        onKeyDown={(e) => {
          // Enter adds the first match rather than sending the form half filled.
          if (e.key !== 'Enter') return;
          e.preventDefault();
          if (shown.length > 0) add(shown[0].value);
        }}
      />
      <ul class="matches" aria-label={f('matchesOf', { name: label })}>
        {shown.map((option) => (
          <li key={option.value}>
            <button
              type="button"
              aria-label={f('pickOf', { name: option.label })}
              onClick={() => add(option.value)}
            >
              {option.label}
            </button>
          </li>
        ))}
      </ul>
      <p class="muted">
        {matching.length === 0
          ? f('noMatch')
          : matching.length > shown.length
            ? f('moreMatches', { count: matching.length - shown.length })
            : ''}
      </p>
      {errors.length > 0 && (
        <span class="field-error" id={errorId}>
          {errors.join('; ')}
        </span>
      )}
    </fieldset>
  );
}
