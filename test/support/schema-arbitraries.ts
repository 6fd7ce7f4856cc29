import fc from 'fast-check';

/**
 * fast-check arbitraries of the values an OpenAPI schema allows, for the schema-driven fuzz: every keyword the
 * document uses (types and `null`, enums, references, one/any/allOf, bounds, lengths, patterns, item counts and
 * formats) is honoured, so each value is one the schema accepts. Strings and lists stay short; a wide integer
 * range is narrowed to ±1e9, its bounds kept when they lie inside.
 */
export type Schema = {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};

const WIDEST = 1e9;
const LONGEST_STRING = 24;
const MOST_ITEMS = 4;

export function arbitraryOf(schema: Schema, schemas: Record<string, Schema>): fc.Arbitrary<unknown> {
  const resolved = schema.$ref ? schemas[schema.$ref.split('/').pop()!] : schema;
  const types = Array.isArray(resolved.type) ? resolved.type : resolved.type ? [resolved.type] : [];
  // `oneOf: [{$ref}, {type: "null"}]`, OpenAPI 3.1's nullable reference: the null member is null, nothing else.
  if (types.length === 1 && types[0] === 'null') return fc.constant(null);
  const value = valueOf(resolved, types.filter((type) => type !== 'null')[0], schemas);
  const nullable = resolved.nullable === true || types.includes('null');
  return nullable ? fc.oneof(fc.constant(null), value) : value;
}

function valueOf(schema: Schema, type: string | undefined, schemas: Record<string, Schema>) {
  if (schema.enum) return fc.constantFrom(...schema.enum.filter((value) => value !== null));
  const { oneOf, anyOf, ...shared } = schema;
  const members = oneOf ?? anyOf;
  // A member says what it adds to the keywords beside it (a type, say, or a kind's properties).
  if (members) return fc.oneof(...members.map((member) => arbitraryOf(withMember(shared, member), schemas)));
  if (schema.allOf) return arbitraryOf(mergedAllOf(schema, schemas), schemas);
  switch (type ?? (schema.properties ? 'object' : undefined)) {
    case 'object':
      return objectOf(schema, schemas);
    case 'array':
      return arrayOf(schema, schemas);
    case 'integer':
      return integerOf(schema);
    case 'number':
      return numberOf(schema);
    case 'string':
      return stringOf(schema);
    case 'boolean':
      return fc.boolean();
    default:
      return fc.constant({});
  }
}

/** A schema with what one of its `oneOf` members adds: their properties side by side, both required lists. */
function withMember(shared: Schema, member: Schema): Schema {
  const merged = { ...shared, ...member };
  if (shared.properties && member.properties) {
    merged.properties = { ...shared.properties };
    for (const [name, property] of Object.entries(member.properties)) {
      merged.properties[name] = { ...shared.properties[name], ...property };
    }
  }
  if (shared.required && member.required) merged.required = [...shared.required, ...member.required];
  return merged;
}

/** `allOf` as Nest writes it: one reference, with a description or `nullable` beside it. */
function mergedAllOf(schema: Schema, schemas: Record<string, Schema>): Schema {
  const { allOf, ...rest } = schema;
  const parts = allOf!.map((part) => (part.$ref ? schemas[part.$ref.split('/').pop()!] : part));
  return Object.assign({}, ...parts, rest) as Schema;
}

function objectOf(schema: Schema, schemas: Record<string, Schema>) {
  const properties = schema.properties ?? {};
  const model = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [name, arbitraryOf(property, schemas)]),
  );
  return fc.record(model, { requiredKeys: (schema.required ?? []).filter((name) => name in properties) });
}

function arrayOf(schema: Schema, schemas: Record<string, Schema>) {
  const minLength = schema.minItems ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? MOST_ITEMS, MOST_ITEMS));
  const items = arbitraryOf(schema.items ?? {}, schemas);
  return schema.uniqueItems
    ? fc.uniqueArray(items, { minLength, maxLength, selector: (item) => JSON.stringify(item) })
    : fc.array(items, { minLength, maxLength });
}

function integerOf(schema: Schema) {
  const min = Math.max(schema.minimum ?? -WIDEST, -WIDEST);
  const max = Math.min(schema.maximum ?? WIDEST, WIDEST);
  // The bounds themselves are where a server and its schema most often disagree.
  return fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }));
}

function numberOf(schema: Schema) {
  const step = schema.multipleOf ?? 0.5;
  const lowest =
    schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + step : (schema.minimum ?? -WIDEST);
  const min = Math.ceil(Math.max(lowest, -WIDEST) / step);
  const max = Math.floor(Math.min(schema.maximum ?? WIDEST, WIDEST) / step);
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  return fc.integer({ min, max }).map((steps) => Number((steps * step).toFixed(digits)));
}

const FORMATS: Record<string, fc.Arbitrary<string>> = {
  uuid: fc.uuid({ version: 4 }),
  'date-time': fc
    .date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2030-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString()),
  date: fc
    .date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2030-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10)),
  ipv4: fc.ipV4(),
  ipv6: fc.ipV6(),
  email: fc.stringMatching(/^[a-z]{1,8}@[a-z]{1,8}\.(com|org|de)$/),
  uri: fc.stringMatching(/^https:\/\/[a-z]{1,8}\.example\.com\/[a-z0-9]{0,8}$/),
};

function stringOf(schema: Schema) {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? LONGEST_STRING, LONGEST_STRING));
  const fits = (text: string) =>
    text.length >= minLength && text.length <= (schema.maxLength ?? Number.MAX_SAFE_INTEGER);
  if (schema.format && FORMATS[schema.format]) return FORMATS[schema.format].filter(fits);
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  return fc.string({ minLength, maxLength });
}
