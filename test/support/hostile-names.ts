/**
 * Names that attack (the hostile-names sweep): markup and script, an RTL override and control characters, as long as
 * each field allows, in every free-text field of the OpenAPI document's request bodies. The fields come from the
 * document, so a field added to a request is filled (and so shown on the pages and documents) without a change here.
 */
import type { Schema } from './hostile-operations';

/** Markup that runs script wherever a page puts it as HTML instead of text. */
export const MARKUP_ATTACKS = [
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '<script>alert(1)</script>',
];

/**
 * Reverses the text after it up to the end of the paragraph, wherever the name is shown inline: a name followed by
 * `€12.00` or a date would make them read `00.21€`. Refused in every field (422), with the embeddings and isolates.
 */
export const RTL_OVERRIDE = '\u202e';
/** Bell, escape (a terminal's and a printer's command start), backspace. */
const CONTROL_CHARACTERS = '\u0007\u001b[2J\u0008';

/** Far beyond any name's limit: must be refused with 422, never kept or cut silently. */
export const TOO_LONG = 10_000;

/**
 * Fields of request bodies that are not names: ids and references, secrets, codes, addresses of machines and
 * people's contact details (each with a format of its own, swept by the hostile-input sweep).
 */
const NOT_A_NAME =
  /^(id|type|.*Ids?|password|pin|.*[tT]oken|recoveryCode|code|channelCode|url|host|range|phone|email|csv|allowedIps|providerDeviceId|externalId|options)$/;

export interface NameField {
  /** The field's path in the body: `items[].comment`. */
  path: string;
  maxLength: number | undefined;
}

const resolve = (schema: Schema, document: Schema): Schema =>
  schema.$ref
    ? (document.components.schemas as Record<string, Schema>)[String(schema.$ref).split('/').pop()!]
    : schema;

const isString = (schema: Schema) =>
  schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'));

const isFreeText = (schema: Schema) => isString(schema) && !schema.enum && !schema.format && !schema.pattern;

/** The operation's JSON request body schema, by its key (`POST /api/v1/dishes`). */
export function requestSchemaOf(document: Schema, operation: string): Schema | undefined {
  const [method, path] = operation.split(' ');
  return document.paths[path]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema as
    Schema | undefined;
}

/** Every free-text name field of the operation's request body, at any depth. */
export function nameFieldsOf(document: Schema, operation: string): NameField[] {
  const fields: NameField[] = [];
  const visit = (schema: Schema | undefined, path: string, name: string): void => {
    if (!schema) return;
    const resolved = resolve(schema, document);
    for (const key of ['allOf', 'oneOf', 'anyOf']) {
      for (const part of (resolved[key] ?? []) as Schema[]) visit(part, path, name);
    }
    if (isFreeText(resolved)) {
      if (!NOT_A_NAME.test(name)) fields.push({ path, maxLength: resolved.maxLength as number | undefined });
      return;
    }
    if (resolved.items) visit(resolved.items as Schema, `${path}[]`, name);
    for (const [key, property] of Object.entries<Schema>(resolved.properties ?? {})) {
      visit(property, path ? `${path}.${key}` : key, key);
    }
  };
  visit(requestSchemaOf(document, operation), '', '');
  return fields;
}

/** Every operation of the document whose request body has a name field. */
export function operationsWithNames(document: Schema): string[] {
  return Object.entries<Schema>(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .map((method) => `${method.toUpperCase()} ${path}`)
      .filter((operation) => nameFieldsOf(document, operation).length > 0),
  );
}

/**
 * A name as long as the field allows: `tag` (plain, to find it by), the markup attacks, control characters (unless
 * the field refuses them), then one unbreakable word up to the limit, which no layout can wrap at a space. A field
 * shorter than the attacks gets as much of them as fits.
 */
export function hostileName(tag: string, maxLength: number, withControls: boolean): string {
  const text = `${tag} ${MARKUP_ATTACKS.join('')}${withControls ? CONTROL_CHARACTERS : ''} `;
  return text.length >= maxLength ? text.slice(0, maxLength) : text.padEnd(maxLength, 'W');
}

/**
 * The body with every name field the document gives the operation set to a hostile name (`value(field)`), where
 * the body has the object that holds it: fields the body leaves out are added, arrays of names are filled
 * element by element, and objects the body leaves out stay out (a delivery address on a dine-in order would make
 * it invalid).
 */
export function withNames(
  document: Schema,
  operation: string,
  body: Record<string, unknown>,
  value: (field: NameField) => string,
): Record<string, unknown> {
  const copy = structuredClone(body);
  for (const field of nameFieldsOf(document, operation))
    setAll(copy, field.path.split('.'), () => value(field));
  return copy;
}

function setAll(target: unknown, steps: string[], value: () => string): void {
  if (target === null || typeof target !== 'object') return;
  const [step, ...rest] = steps;
  const isArray = step.endsWith('[]');
  const key = isArray ? step.slice(0, -2) : step;
  const holder = target as Record<string, unknown>;
  if (rest.length === 0) {
    if (!isArray) holder[key] = value();
    else if (Array.isArray(holder[key])) holder[key] = (holder[key] as unknown[]).map(() => value());
    return;
  }
  const inner = holder[key];
  if (isArray && Array.isArray(inner)) for (const element of inner) setAll(element, rest, value);
  else if (!isArray) setAll(inner, rest, value);
}
