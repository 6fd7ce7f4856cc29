import type { Type } from '@nestjs/common';

const SCHEMA_RULES = Symbol('schema rules');

/** One JSON Schema keyword set the DTO's published schema carries beside its properties. */
export type SchemaRules = Record<string, unknown>;

/**
 * States in the DTO's OpenAPI schema a rule across its fields that its validation (a `ValidateIf`, or the
 * service) enforces: a `oneOf` per kind, say. src/openapi-constraints.ts writes it into the schema of this class
 * only, not of its subclasses (a PartialType's fields are all optional, so the rule no longer holds as stated).
 */
export function SchemaRules(rules: SchemaRules): ClassDecorator {
  return (target) => Reflect.defineMetadata(SCHEMA_RULES, rules, target);
}

export function schemaRulesOf(type: Type): SchemaRules | undefined {
  return Reflect.getOwnMetadata(SCHEMA_RULES, type) as SchemaRules | undefined;
}

/** One member of a `oneOf` by kind: the value of `field` and the properties it requires, with their schemas. */
export function whenKind(
  field: string,
  kind: string,
  properties: Record<string, SchemaRules> = {},
  required: string[] = Object.keys(properties),
): SchemaRules {
  return {
    properties: { [field]: { enum: [kind] }, ...properties },
    required: [field, ...required],
  };
}
