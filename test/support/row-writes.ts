import type { TestApp } from './test-app';

/** The spec database's own log of written rows: not an entity, never in the app's migrations. */
const LOG = 'spec_row_writes';

/**
 * Every row an app's database inserts, deletes or changes, by table, as triggers on each entity's table record it:
 * what the hostile sweeps read after each request to prove that a refusal (or a read) wrote nothing. One query of
 * the rows logged since the last look: counting and comparing every table after each request took 14 ms on
 * PostgreSQL, a minute of each sweep. An update that leaves a row as it was is not a write.
 */
export class RowWrites {
  private seen = 0;

  private constructor(private readonly t: TestApp) {}

  static async install(t: TestApp): Promise<RowWrites> {
    const tables = t.dataSource.entityMetadatas.map((entity) => ({
      name: entity.tableName,
      columns: entity.columns.map((column) => column.databaseName),
    }));
    const statements =
      t.dataSource.options.type === 'postgres' ? postgresTriggers(tables) : sqliteTriggers(tables);
    await t.dataSource.transaction(async (manager) => {
      for (const statement of statements) await manager.query(statement);
    });
    const writes = new RowWrites(t);
    await writes.take();
    return writes;
  }

  /** The rows written since the last call, per table. */
  async take(): Promise<Map<string, number>> {
    const rows: Array<{ table_name: string; rows: unknown; last: unknown }> = await this.t.dataSource.query(
      `SELECT table_name, COUNT(*) AS rows, MAX(id) AS last FROM ${LOG} WHERE id > ${this.seen} GROUP BY table_name`,
    );
    for (const row of rows) this.seen = Math.max(this.seen, Number(row.last));
    return new Map(rows.map((row) => [row.table_name, Number(row.rows)]));
  }
}

interface Table {
  name: string;
  columns: string[];
}

function postgresTriggers(tables: Table[]): string[] {
  return [
    `CREATE TABLE ${LOG} (id bigserial PRIMARY KEY, table_name text NOT NULL)`,
    `CREATE FUNCTION ${LOG}_log() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN INSERT INTO ${LOG} (table_name) VALUES (TG_TABLE_NAME); RETURN NULL; END $$`,
    ...tables.flatMap(({ name }) => [
      `CREATE TRIGGER ${LOG}_insert_delete AFTER INSERT OR DELETE ON "${name}"
         FOR EACH ROW EXECUTE FUNCTION ${LOG}_log()`,
      `CREATE TRIGGER ${LOG}_update AFTER UPDATE ON "${name}"
         FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION ${LOG}_log()`,
    ]),
  ];
}

function sqliteTriggers(tables: Table[]): string[] {
  return [
    `CREATE TABLE ${LOG} (id INTEGER PRIMARY KEY AUTOINCREMENT, table_name TEXT NOT NULL)`,
    ...tables.flatMap(({ name, columns }) => {
      const log = `INSERT INTO ${LOG} (table_name) VALUES ('${name}')`;
      const changed = columns.map((column) => `OLD."${column}" IS NOT NEW."${column}"`).join(' OR ');
      return [
        `CREATE TRIGGER "${LOG}_insert_${name}" AFTER INSERT ON "${name}" BEGIN ${log}; END`,
        `CREATE TRIGGER "${LOG}_delete_${name}" AFTER DELETE ON "${name}" BEGIN ${log}; END`,
        `CREATE TRIGGER "${LOG}_update_${name}" AFTER UPDATE ON "${name}" WHEN ${changed} BEGIN ${log}; END`,
      ];
    }),
  ];
}
