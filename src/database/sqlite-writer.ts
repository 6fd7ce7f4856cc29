import type { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import type { DataSource, QueryRunner } from 'typeorm';
import { RunStatement, Tx, UnitOfWork } from './unit-of-work';

/** How often a SQLite reader checkpoints the WAL into the database. */
export const CHECKPOINT_EVERY_MS = 1_000;

/** Most units a SQLite group commit takes at once: bounds how long the first of them waits for its reply. */
const MAX_GROUP = 64;
/** Statements kept prepared between groups: the hot paths' texts, with room for the rarer ones. */
const KEPT_STATEMENTS = 256;

interface QueuedWork {
  work: (tx: Tx) => Promise<unknown>;
  resolve(value: never): void;
  reject(error: unknown): void;
}

/**
 * SQLite's one writer connection, committing queued units of work together (group commit): one fsync for many
 * requests, each unit in its own savepoint so one failing unit leaves the others alone, every reply sent only after
 * the commit.
 */
export class SqliteWriter {
  private readonly queue: QueuedWork[] = [];
  private writing = false;
  private checkpointAt = 0;
  private readonly sqliteSql = new Map<string, string>();
  /** Prepared statements by SQL text, least recently used first; kept between groups until close(). */
  private readonly prepared = new Map<string, SqliteStatement>();
  private keepsStatements = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly ambient: AsyncLocalStorage<UnitOfWork>,
  ) {
    // SQLite will not close a connection that has statements left: whoever closes it (TypeORM at shutdown, a
    // script, a test) has the kept ones finalized first.
    const driver = dataSource.driver;
    const disconnect = driver.disconnect.bind(driver);
    driver.disconnect = async () => {
      await this.close();
      await disconnect();
    };
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  /** Finalizes the kept statements; a group that still commits afterwards finalizes its own. */
  private async close(): Promise<void> {
    this.keepsStatements = false;
    if (!this.writing) await this.finalizeStatements(0);
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        await this.commitGroup(this.queue.splice(0, MAX_GROUP));
        if (performance.now() - this.checkpointAt >= CHECKPOINT_EVERY_MS) {
          this.checkpointAt = performance.now();
          // Under a steady stream of commits the reader's checkpoint never catches up with the last frame, so
          // the WAL would only grow; between two groups no frame is being added.
          await this.dataSource.query('PRAGMA wal_checkpoint(PASSIVE)').catch(() => undefined);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /**
   * One SQLite transaction for a group of queued units. With several units, each starts with a savepoint; a
   * failing unit rolls back to its own, and the savepoints are left nested until COMMIT (releasing them would
   * cost a statement each). BEGIN and COMMIT go straight to the connection as prepared statements; TypeORM's
   * runner is told the transaction is open so that what units do through it joins the transaction. Every unit
   * settles once the transaction has ended: a refused request answers only after its writes are rolled back.
   */
  private async commitGroup(group: QueuedWork[]): Promise<void> {
    const isolate = group.length > 1;
    const succeeded: Array<{ queued: QueuedWork; unit: UnitOfWork; result: unknown }> = [];
    const units: UnitOfWork[] = [];
    const settled = new Set<QueuedWork>();
    const refused: Array<{ queued: QueuedWork; error: unknown }> = [];
    const runner = this.dataSource.createQueryRunner() as QueryRunner & { isTransactionActive: boolean };
    const run = this.statement(runner);
    try {
      await run('BEGIN', []);
      runner.isTransactionActive = true;
      for (const queued of group) {
        const unit = new UnitOfWork(runner.manager, run);
        units.push(unit);
        if (isolate) await run('SAVEPOINT unit', []);
        try {
          const result = await this.ambient.run(unit, () => queued.work(unit));
          await unit.finish();
          succeeded.push({ queued, unit, result });
        } catch (error) {
          if (isolate) await run('ROLLBACK TO unit', []);
          unit.rolledBack();
          settled.add(queued);
          refused.push({ queued, error });
        }
      }
      await run(succeeded.length > 0 ? 'COMMIT' : 'ROLLBACK', []);
    } catch (error) {
      // The group could not commit: nothing of it is durable, so every unit not yet refused fails with it.
      await run('ROLLBACK', []).catch(() => undefined);
      for (const unit of units) unit.rolledBack();
      for (const queued of group) if (!settled.has(queued)) queued.reject(error);
      return;
    } finally {
      // The transaction has ended (COMMIT or ROLLBACK above): a refused unit's writes are gone.
      for (const { queued, error } of refused) queued.reject(error);
      runner.isTransactionActive = false;
      await this.finalizeStatements(this.keepsStatements ? KEPT_STATEMENTS : 0);
      await runner.release();
    }
    for (const { unit } of succeeded) unit.committed();
    for (const { queued, result } of succeeded) queued.resolve(result as never);
  }

  /** Finalizes the least recently used statements until at most `keep` are left. */
  private async finalizeStatements(keep: number): Promise<void> {
    const surplus = [...this.prepared].slice(0, Math.max(0, this.prepared.size - keep));
    for (const [sql] of surplus) this.prepared.delete(sql);
    await Promise.all(
      surplus.map(([, statement]) => new Promise<void>((done) => statement.finalize(() => done()))),
    );
  }

  /**
   * Statements straight on node-sqlite3's connection (TypeORM's query() answers no rows for RETURNING), each SQL
   * text prepared once and kept: a one-off statement costs three trips to the thread pool (prepare, run,
   * finalize), a kept one a single trip.
   */
  private statement(runner: QueryRunner): RunStatement {
    const connection = (runner.connection.driver as unknown as { databaseConnection: SqliteConnection })
      .databaseConnection;
    const prepared = this.prepared;
    return (text, params) =>
      new Promise((resolve, reject) => {
        const sql = this.toSqlite(text);
        let statement = prepared.get(sql);
        if (statement) {
          // Set again: a Map keeps insertion order, so the most recently used go last.
          prepared.delete(sql);
          prepared.set(sql, statement);
        } else {
          // Without a callback a statement that fails to prepare (a missing table, say) throws outside any
          // promise and its queued call never answers: the group would hang. It is not kept, so not finalized.
          statement = connection.prepare(sql, (error) => {
            if (!error) return;
            prepared.delete(sql);
            reject(error);
          });
          prepared.set(sql, statement);
        }
        statement.all(params, (error, rows) => (error ? reject(error) : resolve(rows)));
      });
  }

  /** `$n` placeholders become SQLite's `?n`. */
  private toSqlite(text: string): string {
    let converted = this.sqliteSql.get(text);
    if (converted === undefined) {
      converted = text.replace(/\$(\d+)/g, '?$1');
      this.sqliteSql.set(text, converted);
    }
    return converted;
  }
}

interface SqliteConnection {
  prepare(sql: string, callback: (error: Error | null) => void): SqliteStatement;
}

interface SqliteStatement {
  all(
    params: readonly unknown[],
    callback: (error: Error | null, rows: Array<Record<string, unknown>>) => void,
  ): void;
  finalize(callback: () => void): void;
}
