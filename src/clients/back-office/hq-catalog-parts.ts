import { formats, t } from '../../i18n/browser/page-i18n';
import { priceDeltaText } from '../../i18n/money-format';
import { ApiError, type Schemas } from '../shared/api';
import { minorUnitsOf, refuseField } from './forms';

/** What headquarters' catalog screens share: the texts, the types, and how an override's scope is named. */

export type Catalog = Schemas['HqCatalogView'];
export type HqDish = Schemas['HqDishView'];
export type HqVariation = Schemas['HqVariationView'];
export type HqModifierGroup = Schemas['HqModifierGroupView'];
export type HqTaxMapping = Schemas['HqTaxMappingView'];
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

/** An option's price change: "+€1.50", "−€0.50", "€0.00" (free), in the site's currency (headquarters' own). */
export const delta = (minor: number, currency = formats.settings.currency) =>
  minor === 0 ? money(0, currency) : priceDeltaText(minor, currency, formats.settings.locale);

/** A tax mapping's percent as the page's language writes it: "7%", "7 %". */
export const percentText = (percent: number) => formats.percent(percent);

/** A tax mapping's name with its percent ("Food (7%)"), or its key when the catalog holds none by it. */
export function taxMappingText(catalog: { taxRates: HqTaxMapping[] }, key: string): string {
  const mapping = catalog.taxRates.find((each) => each.hqKey === key);
  return mapping ? `${mapping.name} (${percentText(mapping.percent)})` : key;
}

/** A modifier group's name, or its key. */
export const modifierGroupName = (catalog: { modifierGroups: HqModifierGroup[] }, key: string) =>
  catalog.modifierGroups.find((each) => each.hqKey === key)?.name ?? key;

/** A typed price change ("1.50", "-0,50") as signed minor units of `currency`; NaN when it is none. */
export function signedMinorUnitsOf(typed: string, currency: string): number {
  const trimmed = typed.trim();
  const negative = /^[-−]/.test(trimmed);
  const minor = minorUnitsOf(negative ? trimmed.slice(1) : trimmed, currency);
  return negative ? -minor : minor;
}

/** A typed percent ("7", "6,25") as a number, or the field's refusal beside it. */
export function percentOf(typed: string, field: string): number {
  const normalised = typed.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(normalised)) refuseField(field, h('notPercent'));
  return Number(normalised);
}
