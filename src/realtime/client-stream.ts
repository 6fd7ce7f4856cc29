import type { Socket } from 'socket.io';
import { LogBounds, mustResync } from '../event-log/event-log.service';
import type { EventRecord } from '../event-log/event-record.entity';
import type { Viewer } from '../visibility/viewer';
import { visibleTo } from '../visibility/visibility';

export const RESYNC_REQUIRED = 'resync.required';

/**
 * One socket until it joins its rooms: while it replays, live events wait in a buffer; afterwards, any event at or
 * below the last seq it has handled is dropped. Together: no gap and no duplicate, however replay and live commits
 * interleave. Once the live stream has caught up with what it was sent, the gateway moves it into its rooms.
 */
export class ClientStream {
  private sentThrough = 0;
  private replaying: boolean;
  private buffered: EventRecord[] = [];

  /** With `willReplay`, live events are held from the start until replay() has sent the missed ones. */
  constructor(
    readonly socket: Socket,
    readonly viewer: Viewer,
    willReplay: boolean,
  ) {
    this.replaying = willReplay;
  }

  /** The last seq this socket has been sent (or told to skip with resync.required). */
  get lastSeq(): number {
    return this.sentThrough;
  }

  get isReplaying(): boolean {
    return this.replaying;
  }

  /** Live events, from the gateway, until the socket is in its rooms. */
  offer(event: EventRecord): void {
    if (this.replaying) this.buffered.push(event);
    else this.deliver(event);
  }

  /**
   * Sends what the client missed after `since`, page by page from `read`, then whatever arrived live meanwhile.
   * `bounds` decides whether the log still holds everything after `since`.
   */
  async replay(
    since: number,
    bounds: LogBounds,
    read: (after: number) => Promise<EventRecord[]>,
  ): Promise<void> {
    try {
      if (mustResync(since, bounds)) {
        this.socket.emit(RESYNC_REQUIRED, { lastSeq: bounds.lastSeq });
        this.sentThrough = bounds.lastSeq;
      } else {
        this.sentThrough = since;
        for (let page = await read(since); page.length > 0; page = await read(this.sentThrough)) {
          for (const event of page) this.deliver(event);
        }
      }
    } finally {
      this.replaying = false;
      const waiting = this.buffered.sort((a, b) => a.seq - b.seq);
      this.buffered = [];
      for (const event of waiting) this.deliver(event);
    }
  }

  private deliver(event: EventRecord): void {
    if (event.seq <= this.sentThrough) return;
    this.sentThrough = event.seq;
    const envelope = visibleTo(event, this.viewer);
    if (envelope) this.socket.emit(envelope.type, envelope);
  }
}
