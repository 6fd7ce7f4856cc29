import { allergenUnion } from './allergens';
import { ifNoneMatchHits } from '../common/http/revalidated';

describe('ifNoneMatchHits', () => {
  const etag = '"abc123"';

  it('matches the same tag, a weak form of it, one of a list, or *', () => {
    expect(ifNoneMatchHits('"abc123"', etag)).toBe(true);
    expect(ifNoneMatchHits('W/"abc123"', etag)).toBe(true);
    expect(ifNoneMatchHits('"other", "abc123"', etag)).toBe(true);
    expect(ifNoneMatchHits('*', etag)).toBe(true);
  });

  it('does not match a missing header, another tag, or an unquoted one', () => {
    expect(ifNoneMatchHits(undefined, etag)).toBe(false);
    expect(ifNoneMatchHits('', etag)).toBe(false);
    expect(ifNoneMatchHits('"other"', etag)).toBe(false);
    expect(ifNoneMatchHits('abc123', etag)).toBe(false);
  });
});

describe('allergenUnion', () => {
  it('is the sorted union without duplicates', () => {
    expect(allergenUnion([['milk', 'gluten'], [], ['gluten', 'eggs']])).toEqual(['eggs', 'gluten', 'milk']);
    expect(allergenUnion([])).toEqual([]);
  });
});
