/** Where an override applies: one site, or a group of sites. */
export type OverrideScope = { siteId: string } | { groupId: string };

/** A field's value at a site and the scope it came from; `from` null: the organisation's own value. */
export interface Resolved<T> {
  value: T;
  from: OverrideScope | null;
}

/** The one key of a scope, for maps: `site:<id>` or `group:<id>`. */
export const scopeKeyOf = (scope: OverrideScope): string =>
  'siteId' in scope ? `site:${scope.siteId}` : `group:${scope.groupId}`;

/**
 * The scopes whose overrides reach a site, most specific first: the site, then its groups in the order the site
 * lists them, then the groups those are part of (parents before grandparents, each once). The lowest level wins,
 * as in Simphony's enterprise → property inheritance; a cycle of parents ends where it meets a group seen already.
 */
export function scopeChain(
  siteId: string,
  groupIds: readonly string[],
  parentOf: ReadonlyMap<string, string | null>,
): OverrideScope[] {
  const seen = new Set<string>();
  const chain: OverrideScope[] = [{ siteId }];
  let level = [...groupIds];
  while (level.length > 0) {
    const next: string[] = [];
    for (const groupId of level) {
      if (seen.has(groupId)) continue;
      seen.add(groupId);
      chain.push({ groupId });
      const parent = parentOf.get(groupId);
      if (parent) next.push(parent);
    }
    level = next;
  }
  return chain;
}

/**
 * A field's value at a site: the first scope of `chain` whose override sets it (a value that is neither null nor
 * undefined), else the organisation's.
 */
export function resolveField<T>(
  chain: readonly OverrideScope[],
  overrideAt: (scope: OverrideScope) => T | null | undefined,
  organisation: T,
): Resolved<T> {
  for (const scope of chain) {
    const value = overrideAt(scope);
    if (value !== null && value !== undefined) return { value, from: scope };
  }
  return { value: organisation, from: null };
}
