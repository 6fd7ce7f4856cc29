import { useState } from 'preact/hooks';
import { CreateForm, type Field, type Values } from './forms';

/** The buttons beside a row of a list: edit in place and delete, and move up or down. */

/** A button's text and the accessible name that says which row it acts on ("Delete" / "Delete Patio"). */
export interface RowButton {
  label: string;
  name: string;
}

/**
 * A row's edit button, which opens its form in place (closed again once saved), its delete button, and any
 * other buttons it has (`children`).
 */
export function RowActions({
  id,
  fields,
  saveLabel,
  submit,
  onSaved,
  edit,
  remove,
  children,
}: {
  id: string;
  fields: Field[];
  saveLabel: string;
  submit: (values: Values) => Promise<unknown>;
  onSaved: () => void;
  edit: RowButton;
  remove: RowButton & { run: () => void };
  children?: preact.ComponentChildren;
}) {
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <CreateForm
        id={id}
        submitLabel={saveLabel}
        fields={fields}
        submit={submit}
        onSaved={() => {
          setEditing(false);
          onSaved();
        }}
      />
    );
  }
  return (
    <span class="row-actions">
      <button type="button" aria-label={edit.name} onClick={() => setEditing(true)}>
        {edit.label}
      </button>
      {children}
      <button type="button" aria-label={remove.name} onClick={remove.run}>
        {remove.label}
      </button>
    </span>
  );
}

/**
 * Moves the item at `index` one place up or down a list kept in `sortOrder`, writing positions whole (0, 1,
 * 2, …): items made alike share a sortOrder until one is moved.
 */
export function reorder<T extends { sortOrder: number }>(
  items: T[],
  index: number,
  by: -1 | 1,
  write: (item: T, sortOrder: number) => Promise<unknown>,
): Promise<unknown> {
  const order = [...items];
  [order[index], order[index + by]] = [order[index + by], order[index]];
  return Promise.all(
    order.flatMap((item, position) => (item.sortOrder === position ? [] : [write(item, position)])),
  );
}

/** The ↑ and ↓ buttons of a row in an ordered list, named after the row ("Move Desserts up"). */
export function MoveButtons({
  up,
  down,
  index,
  count,
  onMove,
}: {
  up: string;
  down: string;
  index: number;
  count: number;
  onMove: (by: -1 | 1) => void;
}) {
  return (
    <>
      <button type="button" disabled={index === 0} aria-label={up} onClick={() => onMove(-1)}>
        ↑
      </button>
      <button type="button" disabled={index === count - 1} aria-label={down} onClick={() => onMove(1)}>
        ↓
      </button>
    </>
  );
}
