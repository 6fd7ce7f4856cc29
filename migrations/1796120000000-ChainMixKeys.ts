import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { column } from './columns';

const sum = (name: string): TableColumnOptions => ({ name, type: 'bigint', default: 0 });
const key = (options: TableColumnOptions): TableColumnOptions => ({ ...options, isPrimary: true });

/** What identifies a row: `hq:…` or `site:…` from the sites' facts; `name:<name>/<detail>` for rows kept before. */
const MIX_KEY_LENGTH = 410;

interface Rebuilt {
  table: string;
  /** The columns that keep their place, by name, and what the new key is made of. */
  keys: TableColumnOptions[];
  labels: TableColumnOptions[];
  sums: string[];
  legacyKey: string;
}

const DISH_DAYS: Rebuilt = {
  table: 'hq_sales_dish_days',
  keys: [key(column.text('kind', 8)), key(column.text('key', MIX_KEY_LENGTH))],
  labels: [column.text('name', 200), column.text('detail', 200)],
  sums: ['quantity', 'revenue', 'price_rule_discount'],
  legacyKey: `'name:' || name || '/' || detail`,
};

const PAYMENT_DAYS: Rebuilt = {
  table: 'hq_sales_payment_days',
  keys: [key(column.text('method_key', MIX_KEY_LENGTH))],
  labels: [column.text('method', 200), column.text('kind', 16)],
  sums: ['payments', 'received', 'change_given', 'tips', 'refunds', 'refunded'],
  legacyKey: `'name:' || method || '/' || kind`,
};

/**
 * Headquarters' dish and payment-method days are keyed by what identifies a dish, option or method (its `hqKey`
 * for the master catalog's, the site's own id for the site's own), not by name: a dish renamed at headquarters
 * stays one row, two sites' own dishes of one name stay two. The names become the latest the sites sent.
 */
export class ChainMixKeys1796120000000 implements MigrationInterface {
  name = 'ChainMixKeys1796120000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of [DISH_DAYS, PAYMENT_DAYS]) await rebuild(queryRunner, table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table, keys, labels, sums } of [DISH_DAYS, PAYMENT_DAYS]) {
      // Keyed by name again: the rows of one name under several keys are summed.
      const named = [...keys.slice(0, -1), ...labels].map(key);
      const names = ['site_id', 'business_day', 'currency', ...named.map((column) => column.name)];
      await replace(
        queryRunner,
        table,
        [...siteDay(), ...named, ...sums.map(sum)],
        `INSERT INTO ${table}_rebuilt (${[...names, ...sums].join(', ')})
         SELECT ${[...names, ...sums.map((column) => `SUM(${column})`)].join(', ')} FROM ${table}
         GROUP BY ${names.join(', ')}`,
      );
    }
  }
}

const siteDay = () => [
  key(column.reference('site_id')),
  key(column.text('business_day', 10)),
  key(column.text('currency', 3)),
];

/** The table built anew with its new key, its rows copied under their legacy keys (alike on both databases). */
async function rebuild(queryRunner: QueryRunner, { table, keys, labels, sums, legacyKey }: Rebuilt) {
  const kept = ['site_id', 'business_day', 'currency', ...labels.map((label) => label.name), ...sums];
  const others = keys.slice(0, -1).map((column) => column.name);
  await replace(
    queryRunner,
    table,
    [...siteDay(), ...keys, ...labels, ...sums.map(sum)],
    `INSERT INTO ${table}_rebuilt (${[...kept, ...others, keys[keys.length - 1].name].join(', ')})
     SELECT ${[...kept, ...others, legacyKey].join(', ')} FROM ${table}`,
  );
}

/** `table` replaced by one of `columns`, filled by `copy` (from `table` into `<table>_rebuilt`). */
async function replace(queryRunner: QueryRunner, table: string, columns: TableColumnOptions[], copy: string) {
  await queryRunner.createTable(new Table({ name: `${table}_rebuilt`, columns }));
  await queryRunner.query(copy);
  await queryRunner.dropTable(table);
  await queryRunner.renameTable(`${table}_rebuilt`, table);
  await queryRunner.createIndex(
    table,
    new TableIndex({ name: `${table}_business_day`, columnNames: ['business_day'] }),
  );
}
