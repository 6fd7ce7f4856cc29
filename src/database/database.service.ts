import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { sqliteReaders } from './data-source-options';
import { persistedColumns, storedAsIs } from './persisted-columns';
import { LockKind, LockOrderChecks } from './lock-order';
import { CounterConnection } from './counter-connection';
import { runPostgresUnit } from './postgres-unit';
import { RetryReason, withRetries } from './retries';
import { CHECKPOINT_EVERY_MS, SqliteWriter } from './sqlite-writer';
import { Tx, UnitOfWork } from './unit-of-work';

export type { Tx } from './unit-of-work';

/**
 * The one way to the database. Writes go through transaction(): on PostgreSQL a pooled transaction each; on SQLite
 * one writer connection that commits queued units together (group commit: one fsync for many requests, each unit
 * in its own savepoint so one failing unit leaves the others alone, every reply sent only after the commit).
 * Reads go through `reader`: on SQLite separate reader connections over WAL, so reads never wait for writes and
 * never see uncommitted rows; on PostgreSQL the pool.
 */
@Injectable()
export class Database implements BeforeApplicationShutdown {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * The transaction of the current async flow, which services join. Ours, not @nestjs-cls/transactional: its
   * adapters run one transaction per request, while SQLite's group commit runs many requests' units in one
   * transaction (a savepoint each) and the event log needs its before-commit hook to take the seq lock last.
   */
  private readonly ambient = new AsyncLocalStorage<UnitOfWork>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly sqliteWriter?: SqliteWriter;
  private readers: DataSource[] = [];
  private nextReader = 0;
  /** PostgreSQL: the connection that increments shared counters outside any transaction. */
  private counters?: CounterConnection;
  private checkpoints?: NodeJS.Timeout;
  private readonly insertSql = new Map<string, string>();
  /** Outside production, each unit of work's lock order; its violations are kept for tests to see. */
  readonly lockOrder: LockOrderChecks<Tx>;

  /** Units of work run again, by why: pos_transaction_retries_total. */
  readonly retries = new Map<RetryReason, number>();

  /** `checkLockOrder` (outside production) makes a unit of work that locks out of LOCK_ORDER throw at once. */
  constructor(
    readonly dataSource: DataSource,
    { checkLockOrder = true }: { checkLockOrder?: boolean } = {},
  ) {
    this.lockOrder = new LockOrderChecks(checkLockOrder);
    this.kind = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
    if (this.kind === 'sqlite') this.sqliteWriter = new SqliteWriter(dataSource, this.ambient);
  }

  /**
   * Opens what the writer's DataSource does not have (after its migrations ran): the SQLite reader connections, or
   * PostgreSQL's connection for counters.
   */
  async open(): Promise<this> {
    if (this.kind === 'postgres') this.counters = await CounterConnection.open(this.dataSource);
    if (this.kind === 'sqlite') {
      this.readers = await Promise.all(
        sqliteReaders(this.dataSource.options).map(async (options) => {
          const reader = await new DataSource(options).initialize();
          await reader.query('PRAGMA query_only = ON');
          return reader;
        }),
      );
      // A commit that crosses the WAL's size limit would copy the log into the database before it returns:
      // tens of milliseconds for the order that happens to be that one. Instead a reader copies it every second
      // in the background, without blocking the writer (PASSIVE), and the writer, between two groups, finishes
      // what little the reader left (see drainSqlite), so the WAL is reset and stays small.
      await this.dataSource.query('PRAGMA wal_autocheckpoint = 0');
      this.checkpoints = setInterval(() => void this.checkpoint(), CHECKPOINT_EVERY_MS);
      this.checkpoints.unref();
    }
    return this;
  }

  private async checkpoint(): Promise<void> {
    try {
      await this.readers[0]?.query('PRAGMA wal_checkpoint(PASSIVE)');
    } catch {
      // A busy checkpoint is simply retried on the next tick; the WAL keeps everything meanwhile.
    }
  }

  /**
   * Runs `work` in one transaction; every write goes through here. Called while another transaction() is running
   * in the same async flow (an idempotent request wrapping its handler, say), it joins that transaction: one
   * request, one connection; its errors go to the outermost one. Rows are locked in one order (LockKind, through
   * lockRows, lockFor and locking). Should transactions still meet (a PostgreSQL deadlock or serialisation
   * failure) or the work ask for it (RetryableConflict), the whole unit of work is rolled back and run again, a
   * few times after a short jittered wait, then 409 CONFLICT; afterCommit hooks run once, after the commit.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const ambient = this.openAmbient();
    if (ambient) return work(ambient);
    const run = withRetries(
      () =>
        this.sqliteWriter
          ? this.sqliteWriter.run(work)
          : runPostgresUnit(this.dataSource, this.ambient, work),
      (reason) => this.retries.set(reason, (this.retries.get(reason) ?? 0) + 1),
    );
    const settled = run.catch(() => undefined).finally(() => this.inFlight.delete(settled));
    this.inFlight.add(settled);
    return run;
  }

  /** selectRows locking the rows (`where` ends with ORDER BY id) as rows of `kind`, in the lock order; none: no lock. */
  async lockRows<T extends ObjectLiteral>(
    tx: Tx,
    kind: LockKind,
    entity: EntityTarget<T>,
    where: string,
    params: readonly unknown[],
  ): Promise<T[]> {
    const rows = await this.selectRows(tx, entity, where, params, true);
    if (rows.length > 0) this.locking(tx, kind);
    return rows;
  }

  /** `forUpdate` for a TypeORM find in `tx` that locks rows of `kind`, in the lock order. */
  lockFor(tx: Tx, kind: LockKind): { lock?: { mode: 'pessimistic_write' } } {
    this.locking(tx, kind);
    return this.forUpdate;
  }

  /**
   * `tx` is about to lock rows of `kind` (by any statement): outside production, LockOrderViolation when it locked
   * a later kind already. Checked on SQLite too, whose writers need no locks, so a mistake shows in either run.
   */
  locking(tx: Tx, kind: LockKind): void {
    this.lockOrder.enter(tx, kind);
  }

  /**
   * The manager for reads: each statement sees committed rows only and never waits for a write (on SQLite a
   * reader connection over WAL, taken in turn; on PostgreSQL the pool). Inside a transaction, that transaction's
   * manager, so a unit of work sees its own writes.
   */
  /** The unit of work of the current async flow while its transaction is open. */
  private openAmbient(): UnitOfWork | undefined {
    const ambient = this.ambient.getStore();
    return ambient?.open ? ambient : undefined;
  }

  get reader(): EntityManager {
    const ambient = this.openAmbient();
    if (ambient) return ambient.manager;
    if (this.readers.length === 0) return this.dataSource.manager;
    this.nextReader = (this.nextReader + 1) % this.readers.length;
    return this.readers[this.nextReader].manager;
  }

  /**
   * One read statement with `$1…$n` placeholders on both databases, through `reader`: for aggregates that find
   * options cannot say (the reports). Raw rows: PostgreSQL answers bigints and sums of them as strings.
   */
  read<Row = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    const sql = this.kind === 'sqlite' ? text.replace(/\$(\d+)/g, '?$1') : text;
    return this.reader.query(sql, [...params]);
  }

  /** On shutdown, let started transactions (and what their commits start) finish, then close the readers. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.checkpoints);
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    await this.counters?.release();
    this.counters = undefined;
    await Promise.all(this.readers.map((reader) => reader.destroy()));
    this.readers = [];
  }

  /**
   * Increments a counter row that every writer touches (ticket numbers) with one statement, and answers its rows.
   * On PostgreSQL it commits at once on a connection of its own, so no transaction holds the row's lock until its
   * commit and writers never queue behind each other's; a transaction that then rolls back leaves its number
   * unused. On SQLite writers take turns anyway: it runs in `tx`, and a rollback gives the number back.
   */
  async increment<Row = Record<string, unknown>>(
    tx: Tx,
    text: string,
    params: readonly unknown[],
  ): Promise<Row[]> {
    if (!this.counters) return tx.sql<Row>(text, params);
    try {
      return (await this.counters.run(text, params)) as Row[];
    } catch {
      // The connection may have died with a database restart: one new one, one more try.
      await this.counters.release().catch(() => undefined);
      this.counters = await CounterConnection.open(this.dataSource);
      return (await this.counters.run(text, params)) as Row[];
    }
  }

  /**
   * Makes the transactions that take the same `key` run one after another, from here to their end: on PostgreSQL a
   * transaction-scoped advisory lock, taken before the reads it guards; SQLite's writers take turns already. `kind`
   * places it in the lock order.
   */
  async serialise(tx: Tx, key: string, kind?: LockKind): Promise<void> {
    if (kind) this.locking(tx, kind);
    if (this.kind === 'postgres') await tx.sql('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
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

  /**
   * Inserts rows in one statement, values converted as TypeORM would (dates, JSON, booleans), without the SELECT
   * that TypeORM's insert makes on SQLite to read defaults back. `onConflict` (an ON CONFLICT … RETURNING clause)
   * makes it an upsert; the statement's rows are returned. A plain insert is a write the unit does not wait for
   * (Tx.write).
   */
  async insertRows<T extends ObjectLiteral>(
    tx: Tx,
    entity: EntityTarget<T>,
    rows: T | T[],
    onConflict = '',
  ): Promise<Array<Record<string, unknown>>> {
    const list = Array.isArray(rows) ? rows : [rows];
    if (list.length === 0) return [];
    const { text, params } = this.insertStatement(entity, list);
    if (onConflict) return tx.sql(`${text} ${onConflict}`, params);
    await tx.write(text, params);
    return [];
  }

  /**
   * Inserts one row with `onConflict` (an upsert whose RETURNING answers the row when it wrote one), failing the
   * unit of work with `refusal` when it wrote nothing. On PostgreSQL the statement checks itself
   * (pos_written_or_refuse), so it is a write the unit does not wait for (Tx.write) and its refusal is COMMIT's
   * failure; on SQLite its rows are read and `refusal` thrown at once.
   */
  async insertOrRefuse<T extends ObjectLiteral>(
    tx: Tx,
    entity: EntityTarget<T>,
    row: T,
    onConflict: string,
    refusal: string,
  ): Promise<void> {
    if (this.kind === 'sqlite') {
      if ((await this.insertRows(tx, entity, row, onConflict)).length === 0) throw new Error(refusal);
      return;
    }
    const { text, params } = this.insertStatement(entity, [row]);
    await tx.write(
      `WITH written AS (${text} ${onConflict})
       SELECT pos_written_or_refuse(EXISTS (SELECT 1 FROM written), $${params.length + 1})`,
      [...params, refusal],
    );
  }

  /**
   * Inserts rows of several tables, in the order given (a parent before its children): on PostgreSQL in one
   * statement (each INSERT but the last in a WITH clause), so one round trip; on SQLite one statement each.
   */
  async insertAll(tx: Tx, groups: Array<[EntityTarget<ObjectLiteral>, ObjectLiteral[]]>): Promise<void> {
    const filled = groups.filter(([, rows]) => rows.length > 0);
    if (this.kind === 'sqlite') {
      for (const [entity, rows] of filled) await this.insertRows(tx, entity, rows);
      return;
    }
    const statements: string[] = [];
    const params: unknown[] = [];
    for (const [entity, rows] of filled) {
      const insert = this.insertStatement(entity, rows, params.length + 1);
      statements.push(insert.text);
      params.push(...insert.params);
    }
    const last = statements.pop();
    const withs = statements.map((text, i) => `i${i} AS (${text})`);
    await tx.write(withs.length > 0 ? `WITH ${withs.join(', ')} ${last}` : last!, params);
  }

  /** The INSERT of `rows` as text and parameters from `$firstParam`; the text is built once per shape. */
  private insertStatement<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    rows: T[],
    firstParam = 1,
  ): { text: string; params: unknown[] } {
    const metadata = this.dataSource.getMetadata(entity);
    const columns = persistedColumns(metadata.columns);
    const key = `${metadata.tableName}:${rows.length}:${firstParam}`;
    let text = this.insertSql.get(key);
    if (!text) {
      const names = columns.map((column) => `"${column.databaseName}"`).join(', ');
      const tuples = rows.map(
        (_, row) => `(${columns.map((_c, i) => `$${firstParam + row * columns.length + i}`).join(', ')})`,
      );
      text = `INSERT INTO "${metadata.tableName}" (${names}) VALUES ${tuples.join(', ')}`;
      this.insertSql.set(key, text);
    }
    return { text, params: rows.flatMap((row) => columns.map((column) => this.persisted(row, column))) };
  }

  /**
   * Rows of `entity` matching `where` (SQL over column names, `$n` placeholders), hydrated as TypeORM would,
   * without building a query: for hot paths. `lock` takes them FOR UPDATE on PostgreSQL (SQLite writers are
   * serialised already).
   */
  async selectRows<T extends ObjectLiteral>(
    tx: Tx,
    entity: EntityTarget<T>,
    where: string,
    params: readonly unknown[],
    lock = false,
  ): Promise<T[]> {
    const metadata = this.dataSource.getMetadata(entity);
    const columns = persistedColumns(metadata.columns);
    const names = columns.map((column) => `"${column.databaseName}"`).join(', ');
    const forUpdate = lock && this.kind === 'postgres' ? ' FOR UPDATE' : '';
    const raws = await tx.sql(
      `SELECT ${names} FROM "${metadata.tableName}" WHERE ${where}${forUpdate}`,
      params,
    );
    return raws.map((raw) => {
      const row = metadata.create() as T;
      for (const column of columns) {
        column.setEntityValue(
          row,
          this.dataSource.driver.prepareHydratedValue(raw[column.databaseName], column),
        );
      }
      return row;
    });
  }

  /**
   * Writes every column of rows loaded earlier in this transaction, by primary key: one UPDATE each, writes the
   * unit does not wait for (Tx.write).
   */
  async updateRows<T extends ObjectLiteral>(tx: Tx, entity: EntityTarget<T>, rows: T | T[]): Promise<void> {
    const metadata = this.dataSource.getMetadata(entity);
    const columns = persistedColumns(metadata.columns).filter((column) => !column.isPrimary);
    const keys = metadata.primaryColumns;
    const assignments = columns.map((column, i) => `"${column.databaseName}" = $${i + 1}`).join(', ');
    const where = keys.map((column, i) => `"${column.databaseName}" = $${columns.length + i + 1}`);
    const text = `UPDATE "${metadata.tableName}" SET ${assignments} WHERE ${where.join(' AND ')}`;
    for (const row of Array.isArray(rows) ? rows : [rows]) {
      await tx.write(
        text,
        [...columns, ...keys].map((column) => this.persisted(row, column)),
      );
    }
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

  private persisted(row: ObjectLiteral, column: ColumnMetadata): unknown {
    const value: unknown = row[column.propertyName];
    if (value === undefined) return column.default ?? null;
    if (value === null || storedAsIs(column)) return value;
    return this.dataSource.driver.preparePersistentValue(value, column);
  }
}
