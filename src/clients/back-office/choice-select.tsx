/**
 * A select of fixed choices with its label, named by the label alone (aria-labelledby: a label around a select
 * would add the chosen option's text to its name).
 */
export function ChoiceSelect<Choice extends string>({
  id,
  label,
  value,
  choices,
  text,
  onChange,
}: {
  id: string;
  label: string;
  value: Choice;
  choices: readonly Choice[];
  text: (choice: Choice) => string;
  onChange: (choice: Choice) => void;
}) {
  return (
    <label>
      <span id={id}>{label}</span>
      <select aria-labelledby={id} value={value} onChange={(e) => onChange(e.currentTarget.value as Choice)}>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {text(choice)}
          </option>
        ))}
      </select>
    </label>
  );
}
