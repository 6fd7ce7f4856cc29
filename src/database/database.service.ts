import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** What a unit of work gets: the transaction's manager, and a way to act only once it has committed. */
export interface Tx {
  readonly manager: EntityManager;
  afterCommit(action: () => void): void;
}

@Injectable()
export class Database {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * TypeORM's SQLite driver shares one connection, so two overlapping transactions would nest or fail
   * ("cannot start a transaction within a transaction"). Every write transaction on SQLite waits its turn here.
   */
  private sqliteWriteQueue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataSource: DataSource) {
    this.kind = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** Runs `work` in one transaction; every write goes through here. After-commit actions run once it commits. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.kind === 'postgres') return this.runTransaction(work);
    const turn = this.sqliteWriteQueue.then(() => this.runTransaction(work));
    this.sqliteWriteQueue = turn.catch(() => undefined);
    return turn;
  }

  /** Row lock for read-modify-write inside a transaction; SQLite needs none, its writers are already serialised. */
  get forUpdate(): { lock?: { mode: 'pessimistic_write' } } {
    return this.kind === 'postgres' ? { lock: { mode: 'pessimistic_write' } } : {};
  }

  async ping(timeoutMs: number): Promise<boolean> {
    if (!this.dataSource.isInitialized) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const query = this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([query, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async runTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const afterCommit: Array<() => void> = [];
    const result = await this.dataSource.transaction((manager) =>
      work({ manager, afterCommit: (action) => afterCommit.push(action) }),
    );
    for (const action of afterCommit) action();
    return result;
  }
}
