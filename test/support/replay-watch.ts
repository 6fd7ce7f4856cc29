import type { EventRecord } from '../../src/event-log/event-record.entity';
import { ClientStream } from '../../src/realtime/client-stream';

/**
 * What the sockets' replays do inside the running app, per socket and in the order it happened: each read of the
 * log (what it asked for, what it got), the end of the replay, and the socket joining its live room. A client
 * alone cannot tell a replay that ended and handed the socket to its room from one that keeps reading the log and
 * so also brings new events along. A test can also hold a replay before one of its reads, to commit something at
 * a known point of it instead of hoping a race lands there.
 */
export interface ReplayWatch {
  /** What happened to the socket with this (server-side, and so client-side) id, e.g. `read after 4: 5,6`, `ended`, `joined role:waiter`. */
  journal(socketId: string): string[];
  /** Resolves once the socket has joined a room of its own kind; rejects after `timeoutMs` with its journal. */
  joined(socketId: string, timeoutMs?: number): Promise<void>;
  /** Holds the replay that comes next to its `read`th read (1 is the first), before that read asks the log. */
  holdRead(read: number): HeldRead;
  /** Puts the app's replays and joins back as they were. */
  stop(): void;
}

export interface HeldRead {
  /** The id of the socket whose replay has come to the held read and waits there. */
  reached: Promise<string>;
  /** Lets the read go on: it then reads the log as it is by now. */
  release(): void;
}

type Read = (after: number) => Promise<EventRecord[]>;

/** Starts watching every replay and room join in this process (jest's module registry: the app under test). */
export function watchReplays(): ReplayWatch {
  const journals = new Map<string, string[]>();
  const note = (socketId: string, entry: string) => {
    const journal = journals.get(socketId) ?? [];
    journal.push(entry);
    journals.set(socketId, journal);
  };
  const joins: jest.SpyInstance[] = [];
  const holds: Array<{ read: number; reachedBy(socketId: string): void; gate: Promise<void> }> = [];

  const replay = ClientStream.prototype.replay;
  const replays = jest.spyOn(ClientStream.prototype, 'replay').mockImplementation(async function (
    this: ClientStream,
    since,
    bounds,
    read: Read,
  ) {
    const socketId = this.socket.id;
    // This socket's own join, not socket.io's prototype: the app may load another copy of socket.io than the test.
    const join = this.socket.join.bind(this.socket);
    joins.push(
      jest.spyOn(this.socket, 'join').mockImplementation((rooms) => {
        note(socketId, `joined ${String(rooms)}`);
        return join(rooms);
      }),
    );
    let reads = 0;
    const watchedRead: Read = async (after) => {
      reads += 1;
      const hold = holds.findIndex((h) => h.read === reads);
      if (hold >= 0) {
        const [{ reachedBy, gate }] = holds.splice(hold, 1);
        reachedBy(socketId);
        await gate;
      }
      const page = await read(after);
      note(socketId, `read after ${after}: ${page.map((event) => event.seq).join(',') || 'none'}`);
      return page;
    };
    try {
      await replay.call(this, since, bounds, watchedRead);
      note(socketId, 'ended');
    } catch (error) {
      note(socketId, `failed: ${String(error)}`);
      throw error;
    }
  });
  const journal = (socketId: string) => [...(journals.get(socketId) ?? [])];
  return {
    journal,
    joined: (socketId, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          const entries = journal(socketId);
          if (entries.some((entry) => entry.startsWith('joined '))) return resolve();
          if (Date.now() - started > timeoutMs) {
            const last = entries.slice(-3).join(' | ');
            return reject(
              new Error(`socket ${socketId} joined no room: ${entries.length} entries, last ${last}`),
            );
          }
          setTimeout(check, 10);
        };
        check();
      }),
    holdRead: (read) => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const reached = new Promise<string>((reachedBy) => holds.push({ read, reachedBy, gate }));
      return { reached, release };
    },
    stop: () => {
      replays.mockRestore();
      for (const spy of joins.splice(0)) spy.mockRestore();
    },
  };
}
