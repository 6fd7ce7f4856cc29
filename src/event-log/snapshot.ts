import type { EventFeed } from './event-feed';
import type { EventType } from './event-type';

/**
 * A value built from the database and kept in memory, so that reading it costs no statement. It is dropped when
 * an event that makes it stale passes through the feed (every instance tails the log), and the next reader builds
 * it again. Readers that come while it is being built share that one build; a failed build is not kept, so the
 * next reader tries again.
 */
export class Snapshot<T> {
  private value: Promise<T> | null = null;

  /** `built` hears each build that is still the kept one when it ends (none was dropped meanwhile). */
  constructor(
    private readonly build: () => Promise<T>,
    private readonly built: (value: T) => void = () => undefined,
  ) {}

  /** Drops the value whenever an event of one of `types` passes through `feed`. */
  dropOn(feed: EventFeed, types: readonly EventType[]): void {
    const stale = new Set<string>(types);
    feed.subscribe((event) => {
      if (stale.has(event.type)) this.value = null;
    });
  }

  /** Whether a value is kept (built or being built). */
  get held(): boolean {
    return this.value !== null;
  }

  current(): Promise<T> {
    if (!this.value) {
      const building = this.build();
      building.then(
        (value) => {
          if (this.value === building) this.built(value);
        },
        () => {
          if (this.value === building) this.value = null;
        },
      );
      this.value = building;
    }
    return this.value;
  }

  drop(): void {
    this.value = null;
  }
}
