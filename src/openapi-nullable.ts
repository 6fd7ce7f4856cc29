/**
 * @nestjs/swagger writes OpenAPI 3.0, where `nullable: true` beside `allOf: [$ref]` leaves validators rejecting
 * `null` (the reference alone decides). OpenAPI 3.1 schemas are JSON Schema 2020-12, which says it exactly:
 * `type: [T, "null"]` for a plain type, `oneOf: [{$ref}, {type: "null"}]` for a reference.
 */
type Schema = Record<string, unknown>;

export function asOpenApi31<Document extends { openapi: string }>(document: Document): Document {
  const converted = withNullAsType(document) as Document;
  converted.openapi = '3.1.0';
  return converted;
}

function withNullAsType(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withNullAsType);
  if (node === null || typeof node !== 'object') return node;
  const schema: Schema = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, withNullAsType(value)]),
  );
  if (typeof schema.nullable !== 'boolean') return schema;
  const { nullable, ...rest } = schema;
  return nullable ? orNull(rest) : rest;
}

function orNull(schema: Schema): Schema {
  const { allOf, $ref, type, ...annotations } = schema;
  if (Array.isArray(allOf) && allOf.length === 1) {
    return { ...annotations, oneOf: [allOf[0], { type: 'null' }] };
  }
  if (typeof $ref === 'string') return { ...annotations, oneOf: [{ $ref }, { type: 'null' }] };
  if (typeof type !== 'string') return schema;
  const nullable: Schema = { ...annotations, type: [type, 'null'] };
  if (Array.isArray(nullable.enum)) nullable.enum = [...(nullable.enum as unknown[]), null];
  return nullable;
}
