import { OverrideScope, resolveField, scopeChain, scopeKeyOf } from './override-precedence';

describe('override precedence', () => {
  const parents = new Map<string, string | null>([
    ['berlin', 'germany'],
    ['munich', 'germany'],
    ['germany', 'europe'],
    ['europe', null],
    ['airports', null],
  ]);

  it('orders a site, its groups as listed, then their parents, each once', () => {
    expect(scopeChain('s1', ['berlin', 'airports', 'munich'], parents).map(scopeKeyOf)).toEqual([
      'site:s1',
      'group:berlin',
      'group:airports',
      'group:munich',
      'group:germany',
      'group:europe',
    ]);
    expect(scopeChain('s1', [], parents)).toEqual([{ siteId: 's1' }]);
  });

  it('ends a cycle of parents at the first group seen again', () => {
    const cycle = new Map([
      ['a', 'b'],
      ['b', 'a'],
    ]);
    expect(scopeChain('s1', ['a'], cycle).map(scopeKeyOf)).toEqual(['site:s1', 'group:a', 'group:b']);
  });

  const priceAt =
    (prices: Record<string, number | null>) =>
    (scope: OverrideScope): number | null | undefined =>
      prices[scopeKeyOf(scope)];
  const chain = scopeChain('s1', ['berlin', 'airports'], parents);

  it('takes the site over its groups, an earlier group over a later one, a group over its parent', () => {
    expect(resolveField(chain, priceAt({ 'site:s1': 900, 'group:berlin': 800 }), 1000)).toEqual({
      value: 900,
      from: { siteId: 's1' },
    });
    expect(resolveField(chain, priceAt({ 'group:airports': 700, 'group:berlin': 800 }), 1000)).toEqual({
      value: 800,
      from: { groupId: 'berlin' },
    });
    expect(resolveField(chain, priceAt({ 'group:germany': 600, 'group:airports': 700 }), 1000)).toEqual({
      value: 700,
      from: { groupId: 'airports' },
    });
    expect(resolveField(chain, priceAt({ 'group:europe': 500 }), 1000)).toEqual({
      value: 500,
      from: { groupId: 'europe' },
    });
  });

  it('falls back to the organisation when no scope sets the field (null is unset)', () => {
    expect(resolveField(chain, priceAt({ 'site:s1': null, 'group:munich': 1 }), 1000)).toEqual({
      value: 1000,
      from: null,
    });
  });

  it('treats false and 0 as values set', () => {
    const absent = (scope: OverrideScope) => ('siteId' in scope ? false : true);
    expect(resolveField(chain, absent, false)).toEqual({ value: false, from: { siteId: 's1' } });
    expect(resolveField(chain, priceAt({ 'group:berlin': 0 }), 1000).value).toBe(0);
  });
});
