/**
 * Names for the statements the service sends itself (units of work, counters), so that PostgreSQL parses and plans
 * each once per connection and a repeat sends only its values: pg prepares a named statement on a connection the
 * first time and binds it afterwards. The first MAX_NAMED texts get a name; later ones (rare shapes, such as an
 * insert of an unusual number of rows) go unnamed, so no connection holds more prepared statements than that.
 */
const MAX_NAMED = 500;
const names = new Map<string, string>();

/** The name of `text`, or undefined to send it unnamed (a statement without parameters, or beyond MAX_NAMED). */
export function statementName(text: string, params: readonly unknown[]): string | undefined {
  if (params.length === 0) return undefined;
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `pos_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}
