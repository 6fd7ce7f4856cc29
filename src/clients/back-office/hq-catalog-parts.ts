import { formats, t } from '../../i18n/browser/page-i18n';
import { ApiError, type Schemas } from '../shared/api';

/** What headquarters' catalog screens share: the texts, the types, and how an override's scope is named. */

export type Catalog = Schemas['HqCatalogView'];
export type HqDish = Schemas['HqDishView'];
export type HqVariation = Schemas['HqVariationView'];
export type Effective = Schemas['EffectiveCatalogView'];
export type Site = Schemas['HqSiteView'];
export type Group = Schemas['HqSiteGroupView'];
export type Scope = Schemas['OverrideScopeView'];
export type OverrideKind = Schemas['PutOverrideInput']['kind'];

export const h = (key: string, values?: Record<string, unknown>) => t(`backOffice.hqCatalog.${key}`, values);
export const problemText = (error: unknown) =>
  error instanceof ApiError ? error.message : t('backOffice.signIn.noConnection');

/** The sites and groups, to name scopes by. */
export interface Chain {
  sites: Site[];
  groups: Group[];
}

export const groupName = (chain: Chain, id: string) =>
  chain.groups.find((group) => group.id === id)?.name ?? id;
export const siteName = (chain: Chain, id: string) => chain.sites.find((site) => site.id === id)?.name ?? id;

/** `site Zur Linde` or `group Berlin`: whose override it is, in the overrides' list. */
export const scopeText = (chain: Chain, scope: Scope) =>
  scope.siteId
    ? h('site', { site: siteName(chain, scope.siteId) })
    : h('group', { group: groupName(chain, scope.groupId!) });

/** The form's value of a scope (`site:<id>`, `group:<id>`), and back. */
export const scopeValue = (scope: Scope) =>
  scope.siteId ? `site:${scope.siteId}` : `group:${scope.groupId}`;
export const scopeOf = (value: string): Scope => {
  const [type, id] = value.split(':');
  return type === 'site' ? { siteId: id } : { groupId: id };
};

/**
 * The scopes whose overrides reach a site, most specific first, as headquarters resolves them: the site, its
 * groups in its order, then their parents (each once).
 */
export function scopesOf(chain: Chain, site: Site): Scope[] {
  const scopes: Scope[] = [{ siteId: site.id }];
  const seen = new Set<string>();
  let level = [...site.groupIds];
  while (level.length > 0) {
    const next: string[] = [];
    for (const id of level) {
      if (seen.has(id)) continue;
      seen.add(id);
      scopes.push({ groupId: id });
      const parent = chain.groups.find((group) => group.id === id)?.parentId;
      if (parent) next.push(parent);
    }
    level = next;
  }
  return scopes;
}

/** Inherited, overridden here, or overridden by a group: where a site's value comes from (Simphony's wording). */
export const inheritanceText = (chain: Chain, scope: Scope | undefined) =>
  !scope
    ? h('inherited')
    : scope.siteId
      ? h('overriddenHere')
      : h('overriddenByGroup', { group: groupName(chain, scope.groupId!) });

/** Left off at a site: by the site itself, or by one of its groups. */
export const absentText = (chain: Chain, scope: Scope) =>
  scope.siteId ? h('notHere') : h('notHereByGroup', { group: groupName(chain, scope.groupId!) });

/** An amount in minor units of the site's currency (headquarters' own for the master catalog). */
export const money = (minor: number, currency = formats.settings.currency) =>
  formats.moneyIn(minor, currency);
