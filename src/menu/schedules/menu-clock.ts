import type { Category, Dish } from '../menu.entities';
import type { MenuSchedule } from './menu-schedule.entity';
import { jointState, nextEdge, ScheduleState } from './schedule-window';

/** What the schedules say about the menu at one instant. */
export interface MenuTimes {
  /** Per dish that it or its category puts on a schedule: whether both are on, and until or from when. */
  dishes: Map<string, ScheduleState>;
  /** The first instant after which some dish that could be shown comes or goes: the built menu holds until then. */
  validUntil: number;
}

/**
 * Reads the schedules of dishes and their categories at `now`. Only dishes that are otherwise orderable (`shown`)
 * set the edge: a dish that is 86'd does not make the menu rebuild at its window's edge.
 */
export function menuTimes(
  categories: readonly Category[],
  dishes: readonly Dish[],
  schedules: readonly MenuSchedule[],
  shown: (dish: Dish) => boolean,
  now: Date,
  timeZone: string,
): MenuTimes {
  const windows = new Map(schedules.map((schedule) => [schedule.id, schedule.windows]));
  const categorySchedules = new Map(categories.map((category) => [category.id, category.scheduleId]));
  const states = new Map<string, ScheduleState>();
  let validUntil = Infinity;
  for (const dish of dishes) {
    const scheduleIds = [categorySchedules.get(dish.categoryId ?? ''), dish.scheduleId].filter(
      (id): id is string => typeof id === 'string',
    );
    if (scheduleIds.length === 0) continue;
    // A schedule deleted while the menu was being read no longer limits anything in this build.
    const known = scheduleIds.flatMap((id) => {
      const found = windows.get(id);
      return found ? [found] : [];
    });
    const state = jointState(known, now, timeZone);
    states.set(dish.id, state);
    const edge = shown(dish) ? nextEdge(state) : null;
    if (edge) validUntil = Math.min(validUntil, edge.getTime());
  }
  return { dishes: states, validUntil };
}
