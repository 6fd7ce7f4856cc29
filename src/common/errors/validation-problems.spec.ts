import { ValidationError } from 'class-validator';
import { validationProblems } from './validation-problems';

function failure(property: string, value: unknown, constraints: Record<string, string>, children = []) {
  return Object.assign(new ValidationError(), { property, value, constraints, children });
}

describe('validationProblems', () => {
  it('says a missing field is required, instead of every rule its value would have to meet', () => {
    const missing = failure('name', undefined, {
      isLength: 'name must be longer than or equal to 1 characters',
      isString: 'name must be a string',
    });
    expect(validationProblems([missing])).toEqual([{ field: 'name', message: 'is required' }]);
  });

  it('keeps the rules a value that was sent breaks, without repeating the field name', () => {
    const wrong = failure('seats', 0, { min: 'seats must not be less than 1' });
    expect(validationProblems([wrong])).toEqual([{ field: 'seats', message: 'must not be less than 1' }]);
  });

  it('names a missing field inside a list by its path', () => {
    const line = Object.assign(new ValidationError(), {
      property: '0',
      value: {},
      children: [failure('quantity', undefined, { isInt: 'quantity must be an integer number' })],
    });
    const items = Object.assign(new ValidationError(), { property: 'items', value: [{}], children: [line] });
    expect(validationProblems([items])).toEqual([{ field: 'items[0].quantity', message: 'is required' }]);
  });
});
