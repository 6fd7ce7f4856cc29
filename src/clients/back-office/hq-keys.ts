/**
 * Keys of headquarters' catalog made from names, so that an owner types a name and never invents a key. A key is
 * how every site finds the entry again (GET/PUT …/{hqKey}); a made one never takes a key the catalog has already,
 * since a PUT to it would replace that entry.
 */

/** The most a made key's name part takes: the API allows 100 characters, and a suffix may follow. */
const NAME_PART = 80;

/** A name as a key's words: "Crème Brûlée" → "creme-brulee", "Große Pizza" → "grosse-pizza"; "" when none. */
export function keyWords(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, NAME_PART)
    .replace(/-+$/, '');
}

/**
 * The key made from `name` after `prefix` (a dish's key and a dot, for its variations), with "-2", "-3"… added
 * while `taken` has it; "" when the name has no letter or digit to make one of.
 */
export function keyFromName(name: string, taken: Iterable<string>, prefix = ''): string {
  const words = keyWords(name);
  if (words === '') return '';
  const used = new Set(taken);
  const base = `${prefix}${words}`;
  let key = base;
  for (let number = 2; used.has(key); number += 1) key = `${base}-${number}`;
  return key;
}

/**
 * The keys of rows typed in one form (variations, options): each the typed one, or one made from its name that
 * neither the catalog nor an earlier row has.
 */
export function rowKeys(
  rows: ReadonlyArray<{ hqKey: string; name: string }>,
  taken: Iterable<string>,
  prefix: string,
): string[] {
  const used = new Set([...taken, ...rows.map((row) => row.hqKey).filter((key) => key !== '')]);
  return rows.map((row) => {
    if (row.hqKey !== '') return row.hqKey;
    const made = keyFromName(row.name, used, prefix);
    used.add(made);
    return made;
  });
}
