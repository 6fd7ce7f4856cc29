import type { INestApplication, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { ADDRESS_RANGE_SCHEMA } from './common/net/is-address-range';
import { schemaRulesOf } from './common/schema-rules';

/** A schema object as this pass reads and writes it: only the keywords it touches are named. */
type Schema = {
  type?: string | string[];
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  enum?: unknown[];
  default?: unknown;
  description?: string;
  [keyword: string]: unknown;
};
type Parameter = { name: string; in: string; schema?: Schema };
type Operation = {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
};

/** Formats that say a number may have a fraction; every other number in the API is an integer. */
const FRACTIONAL_FORMATS = new Set(['double', 'float']);

/**
 * Writes what the server enforces into the document, so that what the schema allows the server accepts:
 * - the class-validator rules of the DTOs (body schemas by class name, query parameters by their route's
 *   query class) become integer types, bounds, lengths, sizes, patterns and formats, and the rules across their
 *   fields stated with @SchemaRules are added;
 * - a number is an integer unless it says `format: double` (money, counts and versions are integers; views
 *   carry no validation rules, so the few fractional figures, like tax percents, say so);
 * - PATCH bodies declare no defaults: a field left out keeps its value, and a generated client sends defaults;
 *   other request schemas say their defaults in words (see defaultsInWords).
 */
export function applyServerConstraints(document: OpenAPIObject, app: INestApplication): void {
  const { queries, bodies } = routeInputClasses(app);
  const classes = dtoClassesByName(bodies);
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [name, schema] of Object.entries(schemas)) {
    const dto = classes.get(name);
    if (dto && schema.properties) applyRules(schema.properties, dto);
    if (dto) Object.assign(schema, schemaRulesOf(dto));
  }
  for (const [, method, operation] of operationsOf(document)) {
    const queryClass = operation.operationId ? queries.get(operation.operationId) : undefined;
    const query = (operation.parameters ?? []).filter((p) => p.in === 'query' && p.schema);
    if (queryClass) applyRules(Object.fromEntries(query.map((p) => [p.name, p.schema!])), queryClass);
    if (method === 'patch') withoutDefaults(schemas, operation);
  }
  defaultsInWords(schemas, requestSchemaNames(document, schemas));
  integersUnlessFractional(document);
}

function applyRules(properties: Record<string, Schema>, dto: Type): void {
  const rules = getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false);
  for (const rule of rules) {
    const property = properties[rule.propertyName];
    // A rule on each item of a list sent as one string (a query's comma list) says nothing of the string.
    if (!property || (rule.each && !property.items)) continue;
    applyRule(rule, rule.each ? property.items! : property, property);
  }
}

function applyRule(rule: ValidationMetadata, target: Schema, property: Schema): void {
  const [first, second] = (rule.constraints ?? []) as unknown[];
  switch (rule.name) {
    case 'isInt':
      retype(target, 'integer');
      break;
    case 'isNumber':
      target.format ??= 'double';
      break;
    case 'atMostTwoDecimals':
      target.multipleOf = 0.01;
      break;
    case 'atMostFourDecimals':
      target.multipleOf = 0.0001;
      break;
    case 'min':
      target.minimum = first;
      break;
    case 'max':
      target.maximum = first;
      break;
    case 'isLength':
      target.minLength = first;
      if (typeof second === 'number') target.maxLength = second;
      break;
    case 'minLength':
      target.minLength = first;
      break;
    case 'maxLength':
      target.maxLength = first;
      break;
    case 'matches':
      target.pattern = first instanceof RegExp ? first.source : String(first);
      break;
    case 'isUuid':
      target.format = 'uuid';
      break;
    case 'isEmail':
      target.format = 'email';
      break;
    case 'isUrl':
      target.format = 'uri';
      break;
    case 'isAddressRange':
      Object.assign(target, ADDRESS_RANGE_SCHEMA);
      break;
    case 'isIn':
      if (!target.enum && !target.$ref) target.enum = first as unknown[];
      break;
    case 'arrayMinSize':
      property.minItems = first;
      break;
    case 'arrayMaxSize':
      property.maxItems = first;
      break;
    case 'arrayUnique':
      property.uniqueItems = true;
      break;
    default:
    // The rest (isString, isBoolean, nested and custom rules) the schema states already or cannot state.
  }
}

/** Replaces `number` by `type` whether the type is one name or (OpenAPI 3.1) a list with `null`. */
function retype(schema: Schema, type: 'integer'): void {
  if (schema.type === 'number') schema.type = type;
  else if (Array.isArray(schema.type)) schema.type = schema.type.map((t) => (t === 'number' ? type : t));
}

function withoutDefaults(schemas: Record<string, Schema>, operation: Operation): void {
  const reference = operation.requestBody?.content?.['application/json']?.schema?.$ref;
  const body = reference ? schemas[reference.split('/').pop()!] : undefined;
  for (const property of Object.values(body?.properties ?? {})) delete property.default;
}

/**
 * A request schema states the value the server takes for a field left out in its description, not as
 * `default`: generators make a component's defaulted fields required (openapi-typescript does), so a client
 * would have to send what the server already assumes.
 */
function defaultsInWords(schemas: Record<string, Schema>, names: Set<string>): void {
  for (const name of names) {
    for (const property of Object.values(schemas[name].properties ?? {})) {
      if (property.default === undefined) continue;
      const stated = `Default: ${JSON.stringify(property.default)}.`;
      property.description = property.description ? `${property.description} ${stated}` : stated;
      delete property.default;
    }
  }
}

/** The component schemas a request body reaches, through references at any depth. */
function requestSchemaNames(document: OpenAPIObject, schemas: Record<string, Schema>): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const reference = (node as { $ref?: unknown }).$ref;
    if (typeof reference === 'string' && reference.startsWith('#/components/schemas/')) {
      const name = reference.slice('#/components/schemas/'.length);
      if (names.has(name)) return;
      names.add(name);
      return visit(schemas[name]);
    }
    Object.values(node).forEach(visit);
  };
  for (const [, , operation] of operationsOf(document)) visit(operation.requestBody);
  return names;
}

/** Every number without a fractional format, anywhere a schema can be, becomes an integer. */
function integersUnlessFractional(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(integersUnlessFractional);
  if (node === null || typeof node !== 'object') return;
  const schema = node as Schema;
  if (!FRACTIONAL_FORMATS.has(schema.format ?? '')) retype(schema, 'integer');
  for (const [keyword, value] of Object.entries(schema)) {
    // Values, not schemas: an example may well hold a field named `type`.
    if (keyword !== 'example' && keyword !== 'examples' && keyword !== 'default') {
      integersUnlessFractional(value);
    }
  }
}

/**
 * The DTO classes by name, as the document names their schemas: class-validator's targets (listed only in its
 * storage's map) and the routes' bodies (a PartialType's subclass has no rules of its own, its parent has them).
 * A name two classes share is left out, since the document could mean either.
 */
function dtoClassesByName(bodies: Type[]): Map<string, Type> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Type, ValidationMetadata[]> };
  const byName = new Map<string, Type>();
  const shared = new Set<string>();
  for (const target of new Set([...storage.validationMetadatas.keys(), ...bodies])) {
    if (byName.has(target.name) && byName.get(target.name) !== target) shared.add(target.name);
    byName.set(target.name, target);
  }
  for (const name of shared) byName.delete(name);
  return byName;
}

/** Each route's `@Query()` class, by the operation id Nest gives it (`Controller_method`), and `@Body()` classes. */
function routeInputClasses(app: INestApplication): { queries: Map<string, Type>; bodies: Type[] } {
  const queries = new Map<string, Type>();
  const bodies: Type[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const controller = metatype as Type;
      const prototype = controller.prototype as object;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        const types = (Reflect.getMetadata('design:paramtypes', prototype, method) ?? []) as Type[];
        for (const [key, arg] of Object.entries(args)) {
          const type = arg.data === undefined ? types[arg.index] : undefined;
          if (!type) continue;
          if (key.startsWith(`${RouteParamtypes.QUERY}:`)) queries.set(`${controller.name}_${method}`, type);
          if (key.startsWith(`${RouteParamtypes.BODY}:`)) bodies.push(type);
        }
      }
    }
  }
  return { queries, bodies };
}

function* operationsOf(document: OpenAPIObject): Generator<[string, string, Operation]> {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      yield [path, method, operation];
    }
  }
}
