/**
 * The canonical JSON of the fiscal journal, so a hash can be recomputed by anyone from the exported receipt: object
 * keys sorted by UTF-16 code unit (JavaScript's default sort), no whitespace, strings escaped as JSON.stringify
 * does, numbers as JSON.stringify writes them (our amounts are integers), `null` kept, `undefined` members left out,
 * arrays in their order.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((entry) => canonicalJson(entry ?? null)).join(',')}]`;
  const members = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${members.join(',')}}`;
}
