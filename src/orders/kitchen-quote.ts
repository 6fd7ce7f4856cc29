/** One order line for a station: its station (null: the dishes without one share a queue) and minutes left. */
export interface KitchenJob {
  stationId: string | null;
  minutes: number;
}

/**
 * The kitchen model of the quote: each station prepares up to `capacity` order lines at once (a line's units
 * together: two burgers are on the grill side by side), each taking its dish's prepMinutes, and takes its lines
 * first come, first served. `open` is what the kitchen has now, in the order it works on it (lines in progress
 * with what is left of their minutes, then the waiting ones in the order they were fired); `added` joins the back
 * of its station's queue. Answers the minutes from now until the last added line is ready: 0 without lines.
 */
export function minutesUntilReady(open: KitchenJob[], added: KitchenJob[], capacity: number): number {
  const stations = new Map<string | null, number[]>();
  const schedule = (job: KitchenJob): number => {
    let slots = stations.get(job.stationId);
    if (!slots) {
      slots = new Array<number>(capacity).fill(0);
      stations.set(job.stationId, slots);
    }
    // The slot that frees first takes the next line.
    let first = 0;
    for (let i = 1; i < slots.length; i += 1) if (slots[i] < slots[first]) first = i;
    slots[first] += Math.max(0, job.minutes);
    return slots[first];
  };
  for (const job of open) schedule(job);
  return added.reduce((latest, job) => Math.max(latest, schedule(job)), 0);
}
