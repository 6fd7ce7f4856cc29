import type { EntityManager } from 'typeorm';

/** What a unit of work gets: the transaction's manager, raw statements on its connection, and commit hooks. */
export interface Tx {
  readonly manager: EntityManager;
  /** One statement on this transaction's connection with `$1…$n` placeholders on both databases; its rows. */
  sql<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /**
   * A statement the work does not wait for (an INSERT or UPDATE whose rows it does not read): on PostgreSQL sent at
   * once, behind the statements before it on the connection, and answered with the next statement the work waits
   * for or with COMMIT (its failure fails the unit there); on SQLite run in turn. `onRows` gets its rows before the
   * unit commits.
   */
  write<Row = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
    onRows?: (rows: Row[]) => void,
  ): Promise<void>;
  /**
   * Runs after the work, just before COMMIT, in the order registered: writes to rows that every writer locks
   * (the event sequence) go here, so those locks are held for the shortest time.
   */
  beforeCommit(action: () => Promise<void>): void;
  /** Runs once the transaction has committed; never when it rolls back. */
  afterCommit(action: () => void): void;
}

/** A raw driver connection that answers rows: node-sqlite3's Database, or a pg client. */
export type RunStatement = (
  text: string,
  params: readonly unknown[],
) => Promise<Array<Record<string, unknown>>>;

/** Sends a statement without waiting for its answer; `onRows` gets its rows once they are in. */
export type SendStatement = (
  text: string,
  params: readonly unknown[],
  onRows?: (rows: Array<Record<string, unknown>>) => void,
) => Promise<void>;

/** Waits for each statement in turn: where a connection answers one statement at a time (SQLite's writer). */
export const sendInTurn =
  (run: RunStatement): SendStatement =>
  async (text, params, onRows) => {
    const rows = await run(text, params);
    onRows?.(rows);
  };

/**
 * The Tx of one transaction on either database: `run` sends a statement on its connection and waits for its
 * rows; `send` (by default `run` in turn) sends one whose answer the work does not wait for.
 */
export class UnitOfWork implements Tx {
  private readonly before: Array<() => Promise<void>> = [];
  private readonly after: Array<() => void> = [];
  /**
   * Whether its transaction has ended. Work started inside a unit (a consumer woken by an event it appended, say)
   * keeps the unit as its async context after the commit: it must start a transaction of its own, not join this one.
   */
  private ended = false;

  constructor(
    readonly manager: EntityManager,
    private readonly run: RunStatement,
    private readonly send: SendStatement = sendInTurn(run),
  ) {}

  sql<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.run(text, params) as Promise<Row[]>;
  }

  write<Row>(text: string, params: readonly unknown[] = [], onRows?: (rows: Row[]) => void): Promise<void> {
    return this.send(text, params, onRows as ((rows: Array<Record<string, unknown>>) => void) | undefined);
  }

  beforeCommit(action: () => Promise<void>): void {
    this.before.push(action);
  }

  afterCommit(action: () => void): void {
    this.after.push(action);
  }

  async finish(): Promise<void> {
    // An action may register another (an event appended by a hook): run until none is left.
    for (let i = 0; i < this.before.length; i++) await this.before[i]();
  }

  get open(): boolean {
    return !this.ended;
  }

  committed(): void {
    this.ended = true;
    for (const action of this.after) action();
  }

  rolledBack(): void {
    this.ended = true;
  }
}
