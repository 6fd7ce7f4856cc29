import type { DataSource, QueryRunner } from 'typeorm';
import type { PgClient } from './postgres-unit';
import { statementName } from './statement-names';

/**
 * PostgreSQL's connection for shared counters (ticket numbers), outside any transaction: each increment commits at
 * once. Its client is in pipeline mode, as the pool's are: increments asked for at once go out together, none
 * waits for the answer to another.
 */
export class CounterConnection {
  private constructor(
    private readonly runner: QueryRunner,
    private readonly client: PgClient,
  ) {}

  static async open(dataSource: DataSource): Promise<CounterConnection> {
    const runner = dataSource.createQueryRunner();
    const client = (await runner.connect()) as PgClient;
    // Safe without waiting for the flush: a counter's WAL record precedes that of any commit that used it.
    await client.query('SET synchronous_commit = off', []);
    return new CounterConnection(runner, client);
  }

  async run(text: string, params: readonly unknown[]): Promise<Array<Record<string, unknown>>> {
    return (await this.client.query({ name: statementName(text, params), text, values: [...params] })).rows;
  }

  release(): Promise<void> {
    return this.runner.release();
  }
}
