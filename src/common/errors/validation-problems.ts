import type { ValidationError } from 'class-validator';
import type { FieldProblem } from './domain-error';

/** Flattens class-validator's tree into API.md details, with paths such as `items[0].quantity`. */
export function validationProblems(errors: ValidationError[], parentPath = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = joinPath(parentPath, error.property);
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field: path,
      message: withoutSubject(message, error.property),
    }));
    return [...own, ...validationProblems(error.children ?? [], path)];
  });
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** class-validator starts each message with the property name; the field already says it. */
function withoutSubject(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
