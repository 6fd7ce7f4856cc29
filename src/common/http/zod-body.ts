import type { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { DomainError, FieldProblem } from '../errors/domain-error';

/**
 * Request bodies checked by a zod schema rather than a class-validator DTO: the bulk intakes, where
 * class-validator's cost per nested object (it scans every DTO class's metadata for each) was most of a request's
 * CPU. Each schema registered here by name is one component of the OpenAPI document (bodySchemasForOpenApi), so
 * the rules are written once.
 */
export const BODY_SCHEMAS = z.registry<{ id: string }>();

/** A body parameter's pipe: the parsed value, or 422 VALIDATION_ERROR naming each field as the DTOs' errors do. */
export class ZodBody<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: z.ZodType<T>) {}

  transform(value: unknown): T {
    const result = this.schema.safeParse(value, { reportInput: true });
    if (!result.success) throw DomainError.validation(zodProblems(result.error.issues));
    return result.data;
  }
}

/** The registered schemas as OpenAPI 3.0 component schemas, referring to each other by name. */
export function bodySchemasForOpenApi(): Record<string, object> {
  const { schemas } = z.toJSONSchema(BODY_SCHEMAS, {
    target: 'openapi-3.0',
    io: 'input',
    uri: (id) => `#/components/schemas/${id}`,
  });
  // Each carries its `$id`, the reference it is known by; a component is named by its key.
  for (const schema of Object.values(schemas)) delete schema.$id;
  return schemas;
}

/** Zod's issues as the API's field problems: `facts[2].mix.dishes[0].quantity`, "is required" for a missing one. */
function zodProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.flatMap((issue) => {
    const field = pathOf(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: pathOf([...issue.path, key]), message: 'should not exist' }));
    }
    if (issue.code === 'invalid_type' && issue.input === undefined)
      return [{ field, message: 'is required' }];
    return [{ field, message: issue.message }];
  });
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (joined, key) =>
      typeof key === 'number' ? `${joined}[${key}]` : joined ? `${joined}.${String(key)}` : String(key),
    '',
  );
}
