import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ENTITIES } from '../src/entities';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The entities say exactly what the migrations build: on a freshly migrated database, TypeORM's schema builder
 * (what `npm run migration:generate` runs) finds nothing to change.
 */
describe('schema drift', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: database.url });
    dataSource = new DataSource(dataSourceOptions(config.database, ENTITIES));
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('finds no change between the entities and the migrated schema', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    const statements = pending.upQueries.map((query) => query.query);
    expect(statements.join(';\n')).toBe('');
  });
});
