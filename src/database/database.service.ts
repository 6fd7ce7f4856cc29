import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** What a unit of work gets: the transaction's manager, and a way to act only once it has committed. */
export interface Tx {
  readonly manager: EntityManager;
  afterCommit(action: () => void): void;
}

@Injectable()
export class Database implements BeforeApplicationShutdown {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * TypeORM's SQLite driver shares one connection, so two overlapping transactions would nest or fail
   * ("cannot start a transaction within a transaction"). Every write transaction on SQLite waits its turn here.
   */
  private sqliteWriteQueue: Promise<unknown> = Promise.resolve();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly ambient = new AsyncLocalStorage<Tx>();

  constructor(readonly dataSource: DataSource) {
    this.kind = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /**
   * Runs `work` in one transaction; every write goes through here. After-commit actions run once it commits.
   * Called while another transaction() is running in the same async flow (an idempotent request wrapping its
   * handler, say), it joins that transaction instead of starting one.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const ambient = this.ambient.getStore();
    if (ambient) return work(ambient);
    const run =
      this.kind === 'postgres'
        ? this.runTransaction(work)
        : this.sqliteWriteQueue.then(() => this.runTransaction(work));
    if (this.kind === 'sqlite') this.sqliteWriteQueue = run.catch(() => undefined);
    const settled = run.catch(() => undefined).finally(() => this.inFlight.delete(settled));
    this.inFlight.add(settled);
    return run;
  }

  /** On shutdown, let started transactions (and what their commits start) finish before the connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  /** Row lock for read-modify-write inside a transaction; SQLite needs none, its writers are already serialised. */
  get forUpdate(): { lock?: { mode: 'pessimistic_write' } } {
    return this.kind === 'postgres' ? { lock: { mode: 'pessimistic_write' } } : {};
  }

  /**
   * The row of `entity` with this primary key, created from `initial` if missing, locked for update:
   * a race-free read-modify-write of a counter row, whichever of several writers comes first.
   */
  async lockedRow<T extends ObjectLiteral>(
    manager: EntityManager,
    entity: EntityTarget<T>,
    key: FindOptionsWhere<T>,
    initial: QueryDeepPartialEntity<T>,
  ): Promise<T> {
    await manager.createQueryBuilder().insert().into(entity).values(initial).orIgnore().execute();
    return manager.findOneOrFail(entity, { where: key, ...this.forUpdate });
  }

  /** Inserts rows known to be new: one INSERT, without the SELECT that `save` makes first. */
  async insertNew<T extends ObjectLiteral>(
    manager: EntityManager,
    entity: EntityTarget<T>,
    rows: T | T[],
  ): Promise<void> {
    await manager.insert(entity, rows);
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
    const result = await this.dataSource.transaction((manager) => {
      const tx: Tx = { manager, afterCommit: (action) => afterCommit.push(action) };
      return this.ambient.run(tx, () => work(tx));
    });
    for (const action of afterCommit) action();
    return result;
  }
}
