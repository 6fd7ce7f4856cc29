/** The one ordering of the menu, done in code so SQLite and PostgreSQL collations cannot disagree. */
export function bySortOrderThenName(
  a: { sortOrder: number; name: string; id: string },
  b: { sortOrder: number; name: string; id: string },
): number {
  return a.sortOrder - b.sortOrder || byName(a, b);
}

export function byName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
