import { sameName } from '../dish-rows';
import { Category, Dish, DishVariation, Station } from '../menu.entities';
import { MenuCsvColumn, MenuCsvProblem, MenuCsvRow } from './menu-csv-format';
import { MenuState, orderable, percentPpm, variationOffered } from './menu-state';

export type LineAction = 'create' | 'update' | 'unchanged';

/** What the import does with one line of the file. */
export interface PlannedLine {
  line: number;
  action: LineAction;
  dish: string;
  variation: string;
  /** The columns whose values differ from the menu's (for an update). */
  changes: MenuCsvColumn[];
}

export interface PlannedVariation {
  row: MenuCsvRow;
  existing: DishVariation | null;
}

/** One dish of the file: the dish it updates (null: a new one) and what its lines say. */
export interface PlannedDish {
  existing: Dish | null;
  name: string;
  /** An existing category's id, or the name of one the import creates. */
  category: { id: string } | { create: string };
  stationId: string | null;
  taxRateIds: string[];
  /** The dish's own fields that change (name, category, station, tax). */
  dishChanges: MenuCsvColumn[];
  variations: PlannedVariation[];
  /** Where a variation new to an existing dish goes: after its others. */
  nextSortOrder: number;
  /** The dish is 86'd and a line says yes: it comes back, but only with the variations the file says yes to. */
  reopen: boolean;
  /** When it comes back: its variations the file leaves out that would come back with it, 86'd each instead. */
  keepOff: string[];
}

export interface MenuImportPlan {
  lines: PlannedLine[];
  /** Categories the file names that do not exist: the import creates them. */
  newCategories: string[];
  dishes: PlannedDish[];
  problems: MenuCsvProblem[];
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * Compares the file's rows with the menu. A line with a key updates that variation (and its dish); a line without
 * one names its dish and variation: an existing dish of that name (if just one) and its variation of that name are
 * updated, anything else is created. Lines of one dish must agree on the dish's own columns. Nothing is deleted.
 */
export function planMenuImport(state: MenuState, rows: MenuCsvRow[]): MenuImportPlan {
  const problems: MenuCsvProblem[] = [];
  const problem = (row: MenuCsvRow, column: MenuCsvColumn | null, message: string) =>
    problems.push({ line: row.line, column, message });
  const variationsById = new Map(
    state.dishes.flatMap((part) => part.variations.map((variation) => [variation.id, part] as const)),
  );
  const groups = new Map<string, { part: MenuState['dishes'][number] | null; rows: MenuCsvRow[] }>();
  for (const row of rows) {
    let part: MenuState['dishes'][number] | null | undefined;
    if (row.key !== '') {
      part = variationsById.get(row.key);
      if (!part) {
        problem(row, 'key', 'no variation of a dish on the menu has this key; leave it empty to create one');
        continue;
      }
    } else {
      const named = state.dishes.filter((candidate) => sameName(candidate.dish.name, row.dish));
      if (named.length > 1) {
        problem(row, 'dish', `${named.length} dishes are named "${row.dish}": give the key of the variation`);
        continue;
      }
      part = named[0] ?? null;
    }
    const groupKey = part ? part.dish.id : `new:${row.dish.toLowerCase()}`;
    const group = groups.get(groupKey) ?? { part, rows: [] };
    group.rows.push(row);
    groups.set(groupKey, group);
  }

  const newCategories = new Map<string, string>();
  const dishes: PlannedDish[] = [];
  for (const { part, rows: dishRows } of groups.values()) {
    const [first] = dishRows;
    const dish = part?.dish ?? null;
    const category = resolveCategory(state.categories, first.category, dish);
    if ('create' in category && !newCategories.has(category.create.toLowerCase())) {
      newCategories.set(category.create.toLowerCase(), category.create);
    }
    const stationId = resolveStation(state.stations, first, dish, problem);
    const taxRateIds = resolveTaxes(state, first, dish, problem);
    const allergens = part?.allergens ?? [];
    for (const row of dishRows) {
      const differs = (column: MenuCsvColumn, same: boolean) => {
        if (!same) problem(row, column, `differs from line ${first.line}, a line of the same dish`);
      };
      if (row === first) continue;
      differs('dish', row.dish === first.dish);
      differs('category', sameName(row.category, first.category));
      differs('station', sameName(row.station, first.station));
      differs('tax', sameSet(resolveTaxes(state, row, dish, problem), taxRateIds));
    }
    for (const row of dishRows) {
      if (!sameSet(row.allergens, allergens)) {
        problem(
          row,
          'allergens',
          `are ${allergens.join(', ') || 'none'} by the dish's ingredients; change those in the menu, not here`,
        );
      }
    }
    const dishChanges: MenuCsvColumn[] = [];
    if (dish) {
      if (dish.name !== first.dish) dishChanges.push('dish');
      if (!('id' in category) || category.id !== dish.categoryId) dishChanges.push('category');
      if (stationId !== dish.stationId) dishChanges.push('station');
      if (!sameSet(taxRateIds, dish.taxRateIds)) dishChanges.push('tax');
    }
    const variations = planVariations(part, dishRows, problem);
    const nextSortOrder =
      Math.max(-1, ...(part?.variations ?? []).map((variation) => variation.sortOrder)) + 1;
    dishes.push({
      existing: dish,
      name: first.dish,
      category,
      stationId,
      taxRateIds,
      dishChanges,
      variations,
      nextSortOrder,
      ...reopening(part, variations),
    });
  }
  return { lines: plannedLines(dishes), newCategories: [...newCategories.values()], dishes, problems };
}

type Problem = (row: MenuCsvRow, column: MenuCsvColumn | null, message: string) => void;

function planVariations(
  part: MenuState['dishes'][number] | null,
  rows: MenuCsvRow[],
  problem: Problem,
): PlannedVariation[] {
  const planned: PlannedVariation[] = [];
  const live = part?.variations ?? [];
  for (const row of rows) {
    const existing =
      row.key !== ''
        ? (live.find((variation) => variation.id === row.key) ?? null)
        : (live.find((variation) => sameName(variation.name, row.variation)) ?? null);
    const earlier = planned.find((other) =>
      existing ? other.existing?.id === existing.id : sameName(other.row.variation, row.variation),
    );
    if (earlier) {
      problem(row, 'variation', `repeats line ${earlier.row.line}: one line per variation of a dish`);
      continue;
    }
    const clash = live.find((other) => other.id !== existing?.id && sameName(other.name, row.variation));
    if (existing && clash) {
      problem(row, 'variation', `the dish has another variation named "${clash.name}"`);
      continue;
    }
    planned.push({ row, existing });
  }
  return planned;
}

/** Whether an 86'd dish comes back (a line says yes), and which of its variations the file leaves out stay off. */
function reopening(
  part: MenuState['dishes'][number] | null,
  planned: PlannedVariation[],
): Pick<PlannedDish, 'reopen' | 'keepOff'> {
  const reopen = part !== null && !part.dish.available && planned.some(({ row }) => row.available);
  const named = new Set(planned.map(({ existing }) => existing?.id));
  const keepOff = reopen
    ? part.variations.filter((variation) => variationOffered(variation) && !named.has(variation.id))
    : [];
  return { reopen, keepOff: keepOff.map((variation) => variation.id) };
}

function plannedLines(dishes: PlannedDish[]): PlannedLine[] {
  const lines: PlannedLine[] = [];
  for (const dish of dishes) {
    dish.variations.forEach(({ row, existing }, index) => {
      const changes: MenuCsvColumn[] = index === 0 ? [...dish.dishChanges] : [];
      if (existing) {
        if (existing.name !== row.variation) changes.push('variation');
        if (existing.price !== row.price) changes.push('price');
        // An existing variation's dish exists.
        if (orderable(dish.existing!, existing) !== row.available) changes.push('available');
      }
      const action: LineAction = !existing ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
      lines.push({ line: row.line, action, dish: row.dish, variation: row.variation, changes });
    });
  }
  return lines.sort((a, b) => a.line - b.line);
}

/** The dish's own category when it has that name, else the first of that name, else one to create. */
function resolveCategory(
  categories: Category[],
  name: string,
  dish: Dish | null,
): { id: string } | { create: string } {
  const named = categories.filter((category) => sameName(category.name, name));
  const found = named.find((category) => category.id === dish?.categoryId) ?? named[0];
  return found ? { id: found.id } : { create: name };
}

function resolveStation(
  stations: Station[],
  row: MenuCsvRow,
  dish: Dish | null,
  problem: Problem,
): string | null {
  if (row.station === '') return null;
  const named = stations.filter((station) => sameName(station.name, row.station));
  const found = named.find((station) => station.id === dish?.stationId) ?? named[0];
  if (!found) problem(row, 'station', `no station is named "${row.station}"; add it under stations first`);
  return found?.id ?? null;
}

/** Each entry by a rate's name, else by its percent (one active rate of it); a rate the dish has not yet must be active. */
function resolveTaxes(state: MenuState, row: MenuCsvRow, dish: Dish | null, problem: Problem): string[] {
  const ids: string[] = [];
  const own = dish?.taxRateIds ?? [];
  for (const entry of row.taxes) {
    const named = state.taxRates.filter((rate) => sameName(rate.name, entry));
    const ppm = percentPpm(entry);
    const ofPercent =
      ppm === null ? [] : state.taxRates.filter((rate) => rate.active && rate.partsPerMillion === ppm);
    const candidates = named.length > 0 ? named : ofPercent;
    const rate =
      candidates.find((candidate) => own.includes(candidate.id)) ??
      (candidates.length === 1
        ? candidates[0]
        : candidates.find((candidate) => candidate.active && named.length > 0));
    if (!rate) {
      problem(
        row,
        'tax',
        candidates.length > 1
          ? `${candidates.length} active rates are of ${entry}: name the rate`
          : `no tax rate is named or of "${entry}"`,
      );
    } else if (!rate.active && !own.includes(rate.id)) {
      problem(row, 'tax', `the tax rate "${rate.name}" is inactive`);
    } else if (!ids.includes(rate.id)) {
      ids.push(rate.id);
    }
  }
  return ids;
}
