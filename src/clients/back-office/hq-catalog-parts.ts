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
export type HqCategory = Schemas['HqCategoryView'];
export type HqSchedule = Schemas['HqScheduleView'];
export type HqPriceLevel = Schemas['HqPriceLevelView'];
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

/** A menu schedule's name, or its key when the catalog holds none by it. */
export const scheduleName = (catalog: { schedules: HqSchedule[] }, key: string) =>
  catalog.schedules.find((each) => each.hqKey === key)?.name ?? key;

/** A weekday's short name as the site's own back office writes it ("Mon", "Mo"), ISO 1 Monday to 7 Sunday. */
export const weekdayName = (day: number) => t(`backOffice.menuScreen.weekdays.${day}`);

/** The order types a price level may price, and each one's name as the site's own back office writes it. */
export const ORDER_TYPES = ['dine_in', 'takeaway', 'delivery'] as const;
export const orderTypeName = (type: string) => t(`backOffice.menuScreen.orderTypes.${type}`);

/**
 * Weekdays as a person reads them: runs of three or more as a range ("Mon–Fri", "Sat–Mon" across the week's end),
 * shorter ones listed ("Sat, Sun"), all seven as "Every day".
 */
export function daysText(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return h('everyDay');
  const runs: number[][] = [];
  for (const day of sorted) {
    const last = runs.at(-1);
    if (last && day === last[last.length - 1] + 1) last.push(day);
    else runs.push([day]);
  }
  if (runs.length > 1 && runs[0][0] === 1 && runs.at(-1)!.at(-1) === 7)
    runs.unshift([...runs.pop()!, ...runs.shift()!]);
  return runs
    .map((run) =>
      run.length >= 3
        ? `${weekdayName(run[0])}–${weekdayName(run.at(-1)!)}`
        : run.map(weekdayName).join(', '),
    )
    .join(', ');
}

/** A schedule's window: "Mon–Fri 07:00–11:30", or "Fri, Sat 22:00–02:00 (next day)" when it runs past midnight. */
export function windowText(window: HqSchedule['windows'][number]): string {
  const values = { days: daysText(window.days), from: window.from, to: window.to };
  const pastMidnight = window.to < window.from && window.to !== '00:00';
  return h(pastMidnight ? 'windowPastMidnight' : 'window', values);
}

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
