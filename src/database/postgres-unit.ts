import type { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';
import { Tx, UnitOfWork } from './unit-of-work';

/** A pg client as TypeORM's runner holds it: statements answer their rows. */
export interface PgClient {
  query(text: string, params: readonly unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/** One unit of work in a PostgreSQL transaction of its own, on a pooled connection. */
export async function runPostgresUnit<T>(
  dataSource: DataSource,
  ambient: AsyncLocalStorage<UnitOfWork>,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as PgClient;
    const unit = new UnitOfWork(
      runner.manager,
      async (text, params) => (await client.query(text, params)).rows,
    );
    await runner.startTransaction();
    try {
      const result = await ambient.run(unit, () => work(unit));
      await unit.finish();
      await runner.commitTransaction();
      unit.committed();
      return result;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      unit.rolledBack();
      throw error;
    }
  } finally {
    await runner.release();
  }
}
