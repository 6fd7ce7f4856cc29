import type { ValidationError } from 'class-validator';
import type { FieldProblem } from './domain-error';

/** Flattens class-validator's tree into API.md details, with paths such as `items[0].quantity`. */
export function validationProblems(errors: ValidationError[], parentPath = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = joinPath(parentPath, error.property);
    const messages = Object.values(error.constraints ?? {});
    // An optional field is not validated when absent, so a failing absent field is a required one; the rules it
    // would have to meet ("must be a string", "must be longer than...") only confuse the one thing to say.
    if (error.value === undefined && messages.length > 0) return [{ field: path, message: 'is required' }];
    const own = messages.map((message) => ({
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
