import type { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';
import { statementName } from './statement-names';
import { Tx, UnitOfWork } from './unit-of-work';

/** A pg client as TypeORM's runner holds it: statements answer their rows. */
export interface PgClient {
  query(text: string, params: readonly unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  query(config: {
    name?: string;
    text: string;
    values: unknown[];
  }): Promise<{ rows: Array<Record<string, unknown>> }>;
  /** pg's connection: its socket, corked to write several statements at once. */
  connection?: { stream: { cork(): void; uncork(): void } };
}

/**
 * The statements of one transaction on a pg client in pipeline mode (the pool's clients are: see
 * data-source-options): each is written to the connection at once, behind those before it, and PostgreSQL answers
 * them in order. BEGIN goes out with the unit's first statement, writes whose rows the work does not read go out
 * with the next statement it waits for, and COMMIT with the last writes, in one write to the socket each time: a
 * unit costs the round trips of the statements it waits for, plus one. After a failed statement PostgreSQL
 * refuses the rest of the transaction and answers COMMIT with a rollback, so the first failure is the unit's.
 */
class Pipeline {
  private readonly answers: Array<Promise<void>> = [];
  private failure: { error: unknown } | null = null;
  private holding = false;

  constructor(private readonly client: PgClient) {}

  /**
   * Keeps what is sent in the socket's buffer until a statement the work waits for goes out, and no longer than
   * this turn of the event loop (a statement sent through TypeORM's manager is not held up).
   */
  private hold(): void {
    const stream = this.client.connection?.stream;
    if (!stream || this.holding) return;
    stream.cork();
    this.holding = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    if (!this.holding) return;
    this.holding = false;
    this.client.connection?.stream.uncork();
  }

  /** Sends a statement and keeps its answer for commit(); the answer, rows or the statement's own error. */
  private sendKept(text: string, params: readonly unknown[]) {
    const answer = this.client.query({ name: statementName(text, params), text, values: [...params] });
    this.keep(answer);
    return answer;
  }

  private keep(answer: Promise<unknown>): void {
    this.answers.push(
      answer.then(
        () => undefined,
        (error: unknown) => void (this.failure ??= { error }),
      ),
    );
  }

  /** A statement the work waits for; should it fail, the first failure since BEGIN (perhaps a write's) is thrown. */
  async run(text: string, params: readonly unknown[]): Promise<Array<Record<string, unknown>>> {
    const answer = this.sendKept(text, params);
    this.flush();
    try {
      return (await answer).rows;
    } catch {
      throw await this.firstFailure();
    }
  }

  /** A statement the work does not wait for; `onRows` gets its rows when they come. */
  send(text: string, params: readonly unknown[], onRows?: (rows: Array<Record<string, unknown>>) => void) {
    this.hold();
    const answer = this.sendKept(text, params);
    if (onRows) this.keep(answer.then(({ rows }) => onRows(rows)));
    return Promise.resolve();
  }

  begin(): void {
    this.hold();
    void this.sendKept('BEGIN', []);
  }

  /** COMMIT behind the writes still on their way; throws the first failure (the transaction rolled back). */
  async commit(): Promise<void> {
    void this.sendKept('COMMIT', []);
    this.flush();
    await Promise.all(this.answers);
    if (this.failure) throw this.failure.error;
  }

  /**
   * Waits for every answer (none is left unread on the connection), then rolls back. Answers the first failure of
   * a statement, if any: a write's comes before whatever the work failed on after it.
   */
  async rollback(): Promise<unknown> {
    this.flush();
    await Promise.all(this.answers);
    await this.client.query('ROLLBACK', []).catch(() => undefined);
    return this.failure?.error;
  }

  private async firstFailure(): Promise<unknown> {
    await Promise.all(this.answers);
    return this.failure!.error;
  }
}

/** One unit of work in a PostgreSQL transaction of its own, on a pooled connection. */
export async function runPostgresUnit<T>(
  dataSource: DataSource,
  ambient: AsyncLocalStorage<UnitOfWork>,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner() as QueryRunner & { isTransactionActive: boolean };
  try {
    const pipeline = new Pipeline((await runner.connect()) as PgClient);
    const unit = new UnitOfWork(
      runner.manager,
      (text, params) => pipeline.run(text, params),
      (text, params, onRows) => pipeline.send(text, params, onRows),
    );
    pipeline.begin();
    // What the work sends through TypeORM's manager joins this transaction.
    runner.isTransactionActive = true;
    try {
      const result = await ambient.run(unit, () => work(unit));
      await unit.finish();
      await pipeline.commit();
      unit.committed();
      return result;
    } catch (error) {
      const failed = await pipeline.rollback();
      unit.rolledBack();
      throw failed ?? error;
    }
  } finally {
    runner.isTransactionActive = false;
    await runner.release();
  }
}
