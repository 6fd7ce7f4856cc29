import { DomainError, FieldProblem } from '../../common/errors/domain-error';
import { hasWholePpm } from '../../money';
import { sameName } from '../dish-rows';
import { MAX_COMBO_CHOICES, MAX_COMBO_SLOTS, MAX_SLOT_CHOICES } from '../combos';
import { MAX_UPCHARGE } from '../dto/combo.inputs';
import { MAX_PRICE, MAX_SORT_ORDER } from '../dto/menu.inputs';
import { MAX_OPTIONS_PER_GROUP } from '../dto/modifier-groups.inputs';
import { MAX_MODIFIERS_PER_LINE } from '../modifier-choices';
import { OrderType } from '../../common/order-type';
import { MAX_WINDOWS } from '../schedules/dto/schedule.inputs';
import { ISO_WEEKDAYS, isTimeOfDay } from '../schedules/schedule-window';
import type { HqCatalogDocument } from './hq-catalog-document';

/** So many problems are named at most: a broken document is refused for the first of them anyway. */
const MAX_PROBLEMS = 20;

const MAX_KEY_LENGTH = 100;
const MAX_NAME_LENGTH = 100;
const MAX_DESCRIPTION_LENGTH = 1000;

/** Collects a document's problems, each at its path (`dishes[3].variations[0].price`). */
class Problems {
  readonly list: FieldProblem[] = [];

  add(field: string, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ field, message });
  }

  key(field: string, value: unknown, seen: Map<string, string>): void {
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_KEY_LENGTH) {
      this.add(field, `must be a key of 1 to ${MAX_KEY_LENGTH} characters`);
      return;
    }
    const earlier = seen.get(value);
    if (earlier !== undefined) this.add(field, `repeats the hqKey "${value}" of ${earlier}`);
    else seen.set(value, field.replace(/\.hqKey$/, ''));
  }

  text(field: string, value: unknown, max: number, empty = false): void {
    const fits = typeof value === 'string' && value.length <= max && (empty || value.trim().length > 0);
    if (!fits) this.add(field, `must be a text of ${empty ? 0 : 1} to ${max} characters`);
  }

  integer(field: string, value: unknown, min: number, max: number, what: string): void {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      this.add(field, `must be ${what} from ${min} to ${max}`);
    }
  }

  isList(field: string, value: unknown): value is unknown[] {
    if (Array.isArray(value)) return true;
    this.add(field, 'must be a list');
    return false;
  }
}

/**
 * 422 VALIDATION_ERROR naming every problem (up to 20) of a document the site cannot apply as it stands: a key
 * missing, too long or repeated (within its kind; a variation's key across every dish), a dish naming a category or
 * station the document does not have, a dish without variations or with two of one name (the menu's own rule,
 * whatever their case), a name, description, sort order or price the menu's own inputs would refuse (a negative
 * price). Checked before anything is read or written.
 */
export function checkHqCatalog(document: HqCatalogDocument): void {
  const problems = new Problems();
  if (!isObject(document)) throw DomainError.invalidField('catalog', 'must be an object');
  const categoryKeys = new Map<string, string>();
  const stationKeys = new Map<string, string>();
  const dishKeys = new Map<string, string>();
  const variationKeys = new Map<string, string>();
  const groupKeys = new Map<string, string>();
  const taxKeys = new Map<string, string>();
  const shape = document as unknown as Record<string, unknown>;
  const lists = ['categories', 'stations', 'dishes'].every((field) => problems.isList(field, shape[field]));
  const optional = ['modifierGroups', 'taxRates', 'schedules', 'priceLevels'].every(
    (field) => shape[field] === undefined || problems.isList(field, shape[field]),
  );
  if (!lists || !optional || !wellFormed(problems, shape)) throw DomainError.validation(problems.list);
  checkModifierGroups(problems, document, groupKeys);
  const scheduleKeys = checkSchedules(problems, document);
  const namesSchedule = (at: string, key: string | null | undefined) => {
    if (key != null && !scheduleKeys.has(key))
      problems.add(`${at}.scheduleKey`, `names the schedule "${key}", which the catalog does not have`);
  };
  (document.taxRates ?? []).forEach((rate, i) => {
    problems.key(`taxRates[${i}].hqKey`, rate.hqKey, taxKeys);
    problems.text(`taxRates[${i}].name`, rate.name, MAX_NAME_LENGTH);
    const percent = rate.percent as unknown;
    if (typeof percent !== 'number' || !hasWholePpm(percent) || percent < 0 || percent > 100)
      problems.add(`taxRates[${i}].percent`, 'must be a percent from 0 to 100 with at most 4 decimals');
  });
  document.categories.forEach((category, i) => {
    const at = `categories[${i}]`;
    problems.key(`${at}.hqKey`, category.hqKey, categoryKeys);
    problems.text(`${at}.name`, category.name, MAX_NAME_LENGTH);
    problems.integer(`${at}.sortOrder`, category.sortOrder, -MAX_SORT_ORDER, MAX_SORT_ORDER, 'an integer');
    namesSchedule(at, category.scheduleKey);
  });
  document.stations.forEach((station, i) => {
    problems.key(`stations[${i}].hqKey`, station.hqKey, stationKeys);
    problems.text(`stations[${i}].name`, station.name, MAX_NAME_LENGTH);
  });
  document.dishes.forEach((dish, i) => {
    const at = `dishes[${i}]`;
    problems.key(`${at}.hqKey`, dish.hqKey, dishKeys);
    problems.text(`${at}.name`, dish.name, MAX_NAME_LENGTH);
    problems.text(`${at}.description`, dish.description, MAX_DESCRIPTION_LENGTH, true);
    if (!categoryKeys.has(dish.categoryKey)) {
      problems.add(
        `${at}.categoryKey`,
        `names the category "${dish.categoryKey}", which the catalog does not have`,
      );
    }
    if (dish.stationKey !== null && !stationKeys.has(dish.stationKey)) {
      problems.add(
        `${at}.stationKey`,
        `names the station "${dish.stationKey}", which the catalog does not have`,
      );
    }
    if (typeof dish.available !== 'boolean') problems.add(`${at}.available`, 'must be true or false');
    namesSchedule(at, dish.scheduleKey);
    const taxRateKey = dish.taxRateKey ?? null;
    if (taxRateKey !== null && !taxKeys.has(taxRateKey)) {
      problems.add(
        `${at}.taxRateKey`,
        `names the tax mapping "${taxRateKey}", which the catalog does not have`,
      );
    }
    const offered = dish.modifierGroupKeys ?? [];
    if (problems.isList(`${at}.modifierGroupKeys`, offered)) {
      offered.forEach((key, j) => {
        if (!groupKeys.has(key))
          problems.add(
            `${at}.modifierGroupKeys[${j}]`,
            `names the modifier group "${key}", which the catalog does not have`,
          );
        else if (offered.indexOf(key) !== j)
          problems.add(`${at}.modifierGroupKeys[${j}]`, `repeats the modifier group "${key}"`);
      });
    }
    if (!problems.isList(`${at}.variations`, dish.variations)) return;
    if (dish.variations.length === 0) problems.add(`${at}.variations`, 'must have at least one variation');
    dish.variations.forEach((variation, j) => {
      const within = `${at}.variations[${j}]`;
      problems.key(`${within}.hqKey`, variation.hqKey, variationKeys);
      problems.text(`${within}.name`, variation.name, MAX_NAME_LENGTH);
      const clash = dish.variations.findIndex(
        (other) => typeof other.name === 'string' && sameName(other.name, String(variation.name)),
      );
      if (clash >= 0 && clash < j)
        problems.add(`${within}.name`, `repeats the name of ${at}.variations[${clash}]`);
      problems.integer(`${within}.price`, variation.price, 0, MAX_PRICE, 'an amount in minor units');
      problems.integer(
        `${within}.sortOrder`,
        variation.sortOrder,
        -MAX_SORT_ORDER,
        MAX_SORT_ORDER,
        'an integer',
      );
    });
  });
  checkCombos(problems, document);
  checkPriceLevels(problems, document, variationKeys);
  if (problems.list.length > 0) throw DomainError.validation(problems.list);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether every entry of the document's lists, and of the lists within them, is an object (a combo one or null),
 * as the checks that follow read them: a document from a forged or broken answer has each other entry named.
 */
function wellFormed(problems: Problems, document: Record<string, unknown>): boolean {
  const before = problems.list.length;
  const objects = (
    field: string,
    list: unknown,
    each?: (entry: Record<string, unknown>, at: string) => void,
  ) => {
    if (list === undefined || !problems.isList(field, list)) return;
    list.forEach((entry, i) => {
      if (!isObject(entry)) problems.add(`${field}[${i}]`, 'must be an object');
      else each?.(entry, `${field}[${i}]`);
    });
  };
  objects('categories', document.categories);
  objects('stations', document.stations);
  objects('taxRates', document.taxRates);
  objects('dishes', document.dishes, (dish, at) => {
    objects(`${at}.variations`, dish.variations ?? []);
    if (dish.combo == null) return;
    if (!isObject(dish.combo)) problems.add(`${at}.combo`, 'must be an object or null');
    else
      objects(`${at}.combo.slots`, dish.combo.slots ?? [], (slot, within) =>
        objects(`${within}.choices`, slot.choices ?? []),
      );
  });
  objects('modifierGroups', document.modifierGroups, (group, at) =>
    objects(`${at}.options`, group.options ?? []),
  );
  objects('schedules', document.schedules, (schedule, at) =>
    objects(`${at}.windows`, schedule.windows ?? []),
  );
  objects('priceLevels', document.priceLevels, (level, at) => objects(`${at}.prices`, level.prices ?? []));
  return problems.list.length === before;
}

/** Combos as the menu's own take them, their choices plain dishes of the document at one of their variations. */
function checkCombos(problems: Problems, document: HqCatalogDocument): void {
  const dishes = new Map(document.dishes.map((dish) => [dish.hqKey, dish]));
  document.dishes.forEach((dish, i) => {
    if (dish.combo == null) return;
    const at = `dishes[${i}].combo`;
    if (!problems.isList(`${at}.slots`, dish.combo.slots)) return;
    if (dish.combo.slots.length === 0 || dish.combo.slots.length > MAX_COMBO_SLOTS)
      problems.add(`${at}.slots`, `must have 1 to ${MAX_COMBO_SLOTS} slots`);
    dish.combo.slots.forEach((slot, s) => {
      const within = `${at}.slots[${s}]`;
      problems.text(`${within}.name`, slot.name, MAX_NAME_LENGTH);
      problems.integer(`${within}.minChoices`, slot.minChoices, 0, MAX_COMBO_CHOICES, 'an integer');
      problems.integer(`${within}.maxChoices`, slot.maxChoices, 1, MAX_COMBO_CHOICES, 'an integer');
      if (slot.minChoices > slot.maxChoices)
        problems.add(`${within}.minChoices`, 'must not exceed maxChoices');
      if (!problems.isList(`${within}.choices`, slot.choices)) return;
      if (slot.choices.length === 0 || slot.choices.length > MAX_SLOT_CHOICES)
        problems.add(`${within}.choices`, `must have 1 to ${MAX_SLOT_CHOICES} choices`);
      slot.choices.forEach((choice, c) => {
        const field = `${within}.choices[${c}]`;
        const offered = dishes.get(choice.dishKey);
        if (!offered || offered.combo != null)
          problems.add(
            `${field}.dishKey`,
            `names "${choice.dishKey}", which is no plain dish of the catalog`,
          );
        else if (!offered.variations.some((variation) => variation.hqKey === choice.variationKey))
          problems.add(`${field}.variationKey`, `names "${choice.variationKey}", no variation of that dish`);
        problems.integer(`${field}.upcharge`, choice.upcharge, 0, MAX_UPCHARGE, 'an amount in minor units');
      });
    });
  });
}

/** Schedules as the menu's own inputs take them: at least one window, each on weekdays from a time to another. */
function checkSchedules(problems: Problems, document: HqCatalogDocument): Map<string, string> {
  const keys = new Map<string, string>();
  (document.schedules ?? []).forEach((schedule, i) => {
    const at = `schedules[${i}]`;
    problems.key(`${at}.hqKey`, schedule.hqKey, keys);
    problems.text(`${at}.name`, schedule.name, MAX_NAME_LENGTH);
    if (!problems.isList(`${at}.windows`, schedule.windows)) return;
    if (schedule.windows.length === 0 || schedule.windows.length > MAX_WINDOWS)
      problems.add(`${at}.windows`, `must have 1 to ${MAX_WINDOWS} windows`);
    schedule.windows.forEach((window, j) => {
      const within = `${at}.windows[${j}]`;
      const days = window.days as unknown;
      const weekdays: readonly number[] = ISO_WEEKDAYS;
      const valid =
        Array.isArray(days) &&
        days.length > 0 &&
        new Set(days).size === days.length &&
        days.every((day) => weekdays.includes(day as number));
      if (!valid) problems.add(`${within}.days`, 'must list ISO weekdays from 1 to 7, each once');
      if (!isTimeOfDay(window.from)) problems.add(`${within}.from`, 'must be a time of day HH:MM');
      if (!isTimeOfDay(window.to) || window.to === window.from)
        problems.add(`${within}.to`, 'must be a time of day HH:MM other than `from`');
    });
  });
  return keys;
}

/** Levels pricing the document's variations, each variation once per level and each order type on one level. */
function checkPriceLevels(
  problems: Problems,
  document: HqCatalogDocument,
  variationKeys: ReadonlyMap<string, string>,
): void {
  const keys = new Map<string, string>();
  const orderTypes = new Map<string, string>();
  const types: readonly string[] = Object.values(OrderType);
  (document.priceLevels ?? []).forEach((level, i) => {
    const at = `priceLevels[${i}]`;
    problems.key(`${at}.hqKey`, level.hqKey, keys);
    problems.text(`${at}.name`, level.name, MAX_NAME_LENGTH);
    if (problems.isList(`${at}.orderTypes`, level.orderTypes)) {
      level.orderTypes.forEach((type, j) => {
        const earlier = orderTypes.get(type);
        if (!types.includes(type))
          problems.add(`${at}.orderTypes[${j}]`, `must be one of ${types.join(', ')}`);
        else if (earlier) problems.add(`${at}.orderTypes[${j}]`, `is priced by ${earlier} already`);
        else orderTypes.set(type, at);
      });
    }
    if (!problems.isList(`${at}.prices`, level.prices)) return;
    const priced = new Set<string>();
    level.prices.forEach(({ variationKey, price }, j) => {
      const within = `${at}.prices[${j}]`;
      if (!variationKeys.has(variationKey))
        problems.add(
          `${within}.variationKey`,
          `names the variation "${variationKey}", which the catalog does not have`,
        );
      else if (priced.has(variationKey))
        problems.add(`${within}.variationKey`, 'is priced twice on this level');
      priced.add(variationKey);
      problems.integer(`${within}.price`, price, 0, MAX_PRICE, 'an amount in minor units');
    });
  });
}

/** Groups and their options as the menu's own inputs take them: a key each (an option's across every group). */
function checkModifierGroups(
  problems: Problems,
  document: HqCatalogDocument,
  groupKeys: Map<string, string>,
): void {
  const optionKeys = new Map<string, string>();
  (document.modifierGroups ?? []).forEach((group, i) => {
    const at = `modifierGroups[${i}]`;
    problems.key(`${at}.hqKey`, group.hqKey, groupKeys);
    problems.text(`${at}.name`, group.name, MAX_NAME_LENGTH);
    problems.integer(`${at}.minChoices`, group.minChoices, 0, MAX_MODIFIERS_PER_LINE, 'an integer');
    problems.integer(`${at}.maxChoices`, group.maxChoices, 1, MAX_MODIFIERS_PER_LINE, 'an integer');
    if (group.minChoices > group.maxChoices) problems.add(`${at}.minChoices`, 'must not exceed maxChoices');
    if (!problems.isList(`${at}.options`, group.options)) return;
    if (group.options.length > MAX_OPTIONS_PER_GROUP)
      problems.add(`${at}.options`, `must have at most ${MAX_OPTIONS_PER_GROUP} options`);
    group.options.forEach((option, j) => {
      const within = `${at}.options[${j}]`;
      problems.key(`${within}.hqKey`, option.hqKey, optionKeys);
      problems.text(`${within}.name`, option.name, MAX_NAME_LENGTH);
      const clash = group.options.findIndex(
        (other) => typeof other.name === 'string' && sameName(other.name, String(option.name)),
      );
      if (clash >= 0 && clash < j)
        problems.add(`${within}.name`, `repeats the name of ${at}.options[${clash}]`);
      problems.integer(
        `${within}.priceDelta`,
        option.priceDelta,
        -MAX_PRICE,
        MAX_PRICE,
        'an amount in minor units',
      );
      problems.integer(
        `${within}.sortOrder`,
        option.sortOrder,
        -MAX_SORT_ORDER,
        MAX_SORT_ORDER,
        'an integer',
      );
      if (typeof option.available !== 'boolean') problems.add(`${within}.available`, 'must be true or false');
    });
  });
}
