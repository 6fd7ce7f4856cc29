import type { FieldProblem } from '../common/errors/domain-error';
import {
  HQ_CATALOG_ROW_KINDS,
  heldKey,
  type HqCatalogDocument,
  type HqCatalogRowKind,
  type HqCatalogRowProblem,
} from '../menu/hq-catalog/hq-catalog-document';

/** `dishes[3]…`, or `priceLevels[1].prices[2]…`: a problem of one row, or of one price of a level. */
const ROW_AT = new RegExp(`^(${HQ_CATALOG_ROW_KINDS.join('|')})\\[(\\d+)\\](\\.prices\\[(\\d+)\\])?\\.?`);

/**
 * The document less the rows `problems` name (a level's price named: that price only), with each problem on its row;
 * null when a problem names no row (the document's own shape is broken: nothing of it can be told apart).
 */
export function setAside(
  document: HqCatalogDocument,
  problems: readonly FieldProblem[],
): { document: HqCatalogDocument; held: string[]; rows: HqCatalogRowProblem[] } | null {
  const rows: HqCatalogRowProblem[] = [];
  const dropped = new Map<HqCatalogRowKind, Set<number>>();
  const droppedPrices = new Map<number, Set<number>>();
  const held: string[] = [];
  for (const { field, message } of problems) {
    const at = ROW_AT.exec(field);
    const kind = at?.[1] as HqCatalogRowKind | undefined;
    const list = kind ? (document[kind] as unknown[] | undefined) : undefined;
    const index = Number(at?.[2]);
    const row = list?.[index] as { hqKey?: unknown } | undefined;
    if (!at || !kind || !row || typeof row !== 'object') return null;
    const hqKey = String(row.hqKey).slice(0, 100) || '?';
    const rest = field.slice(at[0].length);
    const within = at[3] ? `${at[3].slice(1)}${rest ? `.${rest}` : ''}` : rest;
    rows.push({ kind, hqKey, problem: `${within ? `${within} ` : ''}${message}`.slice(0, 1000) });
    if (at[4] !== undefined) {
      droppedPrices.set(index, (droppedPrices.get(index) ?? new Set()).add(Number(at[4])));
      continue;
    }
    dropped.set(kind, (dropped.get(kind) ?? new Set()).add(index));
    held.push(heldKey(kind, row.hqKey));
  }
  const kept = <Row>(kind: HqCatalogRowKind, list: Row[] | undefined): Row[] | undefined =>
    list?.filter((_, i) => !dropped.get(kind)?.has(i));
  const reduced: HqCatalogDocument = {
    ...document,
    categories: kept('categories', document.categories) ?? [],
    stations: kept('stations', document.stations) ?? [],
    dishes: kept('dishes', document.dishes) ?? [],
    modifierGroups: kept('modifierGroups', document.modifierGroups),
    taxRates: kept('taxRates', document.taxRates),
    schedules: kept('schedules', document.schedules),
    priceLevels: document.priceLevels
      ?.map((level, i) => {
        const gone = droppedPrices.get(i);
        return gone ? { ...level, prices: level.prices.filter((_, j) => !gone.has(j)) } : level;
      })
      .filter((_, i) => !dropped.get('priceLevels')?.has(i)),
  };
  return { document: reduced, held, rows };
}
