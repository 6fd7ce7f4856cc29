import { getMetadataStorage, IsInt, IsString, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Named {
  @IsString()
  name!: unknown;
}

class Counted extends Named {
  @IsInt()
  count!: unknown;
}

class Labelled {
  @IsString({ groups: ['labels'] })
  label!: unknown;
}

function failed(object: object, groups?: string[]): string[] {
  return validateSync(object, groups ? { groups, strictGroups: true } : {}).map((error) => error.property);
}

describe('cacheValidationMetadata', () => {
  beforeAll(() => cacheValidationMetadata());

  it('keeps a class’s own and inherited rules, the same on every validation', () => {
    const bad = Object.assign(new Counted(), { name: 1, count: 'x' });
    expect(failed(bad).sort()).toEqual(['count', 'name']);
    expect(failed(bad).sort()).toEqual(['count', 'name']);
    expect(failed(Object.assign(new Counted(), { name: 'a', count: 2 }))).toEqual([]);
    const rules = () => getMetadataStorage().getTargetValidationMetadatas(Counted, '', false, false);
    expect(rules()).toBe(rules());
  });

  it('answers each set of groups on its own', () => {
    const bad = Object.assign(new Labelled(), { label: 1 });
    expect(failed(bad, ['labels'])).toEqual(['label']);
    expect(failed(bad, ['other'])).toEqual([]);
    expect(failed(bad, ['labels'])).toEqual(['label']);
  });
});
