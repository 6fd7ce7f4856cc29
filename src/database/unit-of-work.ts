import type { EntityManager } from 'typeorm';

/** What a unit of work gets: the transaction's manager, raw statements on its connection, and commit hooks. */
export interface Tx {
  readonly manager: EntityManager;
  /** One statement on this transaction's connection with `$1…$n` placeholders on both databases; its rows. */
  sql<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
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

/** The Tx of one transaction on either database: `run` sends a statement on its connection. */
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
  ) {}

  sql<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.run(text, params) as Promise<Row[]>;
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
