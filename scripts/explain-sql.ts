/** The statements the audit explains (scripts/explain-plans.ts), built as the service builds them. */
import { DataSource, EntityTarget, FindManyOptions, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { Kind } from './explain-database';
import type { Samples } from './explain-generator';

export interface Statement {
  sql: string;
  params: unknown[];
}

export interface QueryCase {
  name: string;
  /** Where the service sends it. */
  source: string;
  build(b: SqlBuilder, s: Samples): Statement;
  /** A write: explained (and timed) in a transaction that is rolled back. */
  write?: boolean;
}

/** TypeORM's SQL for a find, count or exists, as EntityManager builds it (alias: the entity's name). */
export class SqlBuilder {
  constructor(
    readonly ds: DataSource,
    readonly kind: Kind,
  ) {}

  find<T extends ObjectLiteral>(entity: EntityTarget<T>, options: FindManyOptions<T>): Statement {
    const [sql, params] = this.query(entity, options).getQueryAndParameters();
    return { sql, params };
  }

  findOne<T extends ObjectLiteral>(entity: EntityTarget<T>, options: FindManyOptions<T>): Statement {
    return this.find(entity, { ...options, take: 1 });
  }

  /** The row lock the service asks for on PostgreSQL only (Database.forUpdate). */
  locked<T extends ObjectLiteral>(options: FindManyOptions<T>): FindManyOptions<T> {
    return this.kind === 'postgres' ? { ...options, lock: { mode: 'pessimistic_write' } } : options;
  }

  /** count(), and findAndCount()'s second statement: run when a page is full or not the first. */
  count<T extends ObjectLiteral>(entity: EntityTarget<T>, where: FindManyOptions<T>['where']): Statement {
    const qb = this.query(entity, { where });
    const [sql, params] = qb.select('COUNT(1)', 'cnt').getQueryAndParameters();
    return { sql, params };
  }

  exists<T extends ObjectLiteral>(entity: EntityTarget<T>, where: FindOptionsWhere<T>): Statement {
    const inner = this.query(entity, { where });
    const qb = this.ds.createQueryBuilder().fromDummy().select('1', 'row_exists').whereExists(inner).limit(1);
    const [sql, params] = qb.getQueryAndParameters();
    return { sql, params };
  }

  /** Database.selectRows: every column by name, `$n` placeholders, FOR UPDATE on PostgreSQL when locked. */
  selectRows<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    where: string,
    params: unknown[],
    lock = false,
  ) {
    const metadata = this.ds.getMetadata(entity);
    const names = [...new Set(metadata.columns.map((column) => `"${column.databaseName}"`))].join(', ');
    const forUpdate = lock && this.kind === 'postgres' ? ' FOR UPDATE' : '';
    return this.raw(`SELECT ${names} FROM "${metadata.tableName}" WHERE ${where}${forUpdate}`, params);
  }

  /** Raw SQL as the service writes it (`$n`), made SQLite's `?n` as Database.toSqlite does. */
  raw(sql: string, params: unknown[]): Statement {
    return { sql: this.kind === 'sqlite' ? sql.replace(/\$(\d+)/g, '?$1') : sql, params };
  }

  /** A time as a query parameter: TypeORM sends SQLite its datetime text. */
  time(date: Date): unknown {
    return this.kind === 'sqlite' ? date.toISOString().replace('T', ' ').slice(0, 23) : date;
  }

  private query<T extends ObjectLiteral>(entity: EntityTarget<T>, options: FindManyOptions<T>) {
    const name = this.ds.getMetadata(entity).name;
    return this.ds.getRepository(entity).createQueryBuilder(name).setFindOptions(options);
  }
}

export const PAGE = 20;

export const ago = (ms: number) => new Date(Date.now() - ms);
