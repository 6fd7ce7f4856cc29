interface Versioned {
  id: string;
  version: number;
}

/**
 * Orders at their newest version, from events, writes' replies and REST reloads arriving in any order: each applies
 * once, and an older version never replaces a newer one. A reload's answer replaces what is held, but it may have
 * been read before an event that arrived while it was in flight; the versions those events brought (an order
 * closed included) are laid on top again, so a reload never takes back what an event showed.
 */
export class NewestOrders<O extends Versioned> {
  private readonly held = new Map<string, O>();
  /** The newest version each event brought since the earliest reload still in flight began. */
  private sinceReload: Map<string, O> | null = null;
  private reloadsInFlight = 0;

  /** `keeps`: whether an order stays held at this version (a kitchen screen lets a closed order go). */
  constructor(private readonly keeps: (order: O) => boolean = () => true) {}

  get orders(): ReadonlyMap<string, O> {
    return this.held;
  }

  /** Takes an order's newer version; answers whether what is held changed. */
  apply(order: O): boolean {
    const seen = this.sinceReload?.get(order.id);
    if (this.sinceReload && (!seen || seen.version < order.version)) this.sinceReload.set(order.id, order);
    const known = this.held.get(order.id);
    if (known && known.version >= order.version) return false;
    if (this.keeps(order)) this.held.set(order.id, order);
    else if (known) this.held.delete(order.id);
    else return false;
    return true;
  }

  /** Replaces what is held with `read`'s answer, keeping what events brought meanwhile; a failed read changes nothing. */
  async reload(read: () => Promise<readonly O[]>): Promise<void> {
    this.reloadsInFlight += 1;
    const sinceReload = (this.sinceReload ??= new Map<string, O>());
    try {
      const answer = await read();
      this.held.clear();
      for (const order of [...answer, ...sinceReload.values()]) this.apply(order);
    } finally {
      this.reloadsInFlight -= 1;
      if (this.reloadsInFlight === 0) this.sinceReload = null;
    }
  }
}
